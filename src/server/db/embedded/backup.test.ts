import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { backupEmbeddedCluster } from './backup.ts'
import { locateEmbeddedCluster, startEmbeddedPostgres, startScratchPostgres } from './index.ts'

async function query<T>(connectionString: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    return (await client.query(text)).rows as T[]
  } finally {
    await client.end()
  }
}

/** Rows and a checksum of every row of each table: equal on both sides means the same data. */
const fingerprint = (connectionString: string) =>
  query<{ table: string; rows: number; checksum: string }>(
    connectionString,
    `select 'people' as table, count(*)::int as rows, md5(coalesce(string_agg(p::text, ',' order by p.id), '')) as checksum from people p
     union all
     select 'notes', count(*)::int, md5(coalesce(string_agg(n::text, ',' order by n.id), '')) from notes n`,
  )

describe('backing up the embedded database and restoring it', { timeout: 120_000 }, () => {
  const created: string[] = []
  afterAll(async () => {
    for (const dir of created) await fs.rm(dir, { recursive: true, force: true })
  })

  it('restores, from a backup of the running server, a cluster with the same rows and checksums', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-backup-'))
    created.push(dataDir, path.dirname(locateEmbeddedCluster(dataDir).clusterDir))
    const server = await startEmbeddedPostgres(dataDir)
    const backupBase = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-restore-'))
    created.push(backupBase)
    const restoredCluster = path.join(backupBase, 'postgres')
    let before: Awaited<ReturnType<typeof fingerprint>>
    try {
      await query(
        server.connectionString,
        `create table people (id int primary key, name text, born date);
         insert into people select i, 'Élève ' || i, date '2018-01-01' + i from generate_series(1, 20000) i;
         create table notes (id bigint generated always as identity primary key, body text);
         insert into notes (body) select repeat('x', i % 200) from generate_series(1, 5000) i;`,
      )
      before = await fingerprint(server.connectionString)
      await backupEmbeddedCluster(server.connectionString, server.clusterDir, restoredCluster)
      // Written after the backup: not in it.
      await query(server.connectionString, "insert into notes (body) values ('après')")
    } finally {
      await server.stop()
    }
    const restored = await startScratchPostgres(restoredCluster, {})
    try {
      expect(await fingerprint(restored.connectionString('preau'))).toEqual(before)
    } finally {
      await restored.server.stop()
    }
  })
})
