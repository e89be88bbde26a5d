import { writeFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import {
  DataDirLockedError,
  findRunningEmbeddedPostgres,
  locateEmbeddedCluster,
  startEmbeddedPostgres,
} from './index.ts'

async function query(connectionString: string, text: string) {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    return (await client.query(text)).rows
  } finally {
    await client.end()
  }
}

describe('embedded PostgreSQL', () => {
  const created: string[] = []
  const newDataDir = async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-embedded-'))
    created.push(dir)
    return dir
  }
  afterAll(async () => {
    for (const dir of created) {
      await fs.rm(path.dirname(locateEmbeddedCluster(dir).clusterDir), { recursive: true, force: true })
      await fs.rm(dir, { recursive: true, force: true })
    }
  })

  it('creates a PostgreSQL 17 cluster on first start and reuses it, data intact, on the next', async () => {
    const dataDir = await newDataDir()
    const first = await startEmbeddedPostgres(dataDir)
    expect(first.isNew).toBe(true)
    const [{ server_version_num }] = (await query(first.connectionString, 'show server_version_num')) as [
      { server_version_num: string },
    ]
    expect(Number(server_version_num)).toBeGreaterThanOrEqual(170000)
    await query(first.connectionString, "create table kept (v text); insert into kept values ('persisted')")
    await first.stop()

    const second = await startEmbeddedPostgres(dataDir)
    try {
      expect(second.isNew).toBe(false)
      expect(await query(second.connectionString, 'select v from kept')).toEqual([{ v: 'persisted' }])
      // French sorting and full-text search work out of the box.
      expect(await query(second.connectionString, "select 'Élodie' < 'Zoé' as sorted")).toEqual([
        { sorted: true },
      ])
    } finally {
      await second.stop()
    }
  })

  it('refuses a second server on the same data directory, and lets CLI commands share the first', async () => {
    const dataDir = await newDataDir()
    const running = await startEmbeddedPostgres(dataDir)
    try {
      const attempt = startEmbeddedPostgres(dataDir)
      await expect(attempt).rejects.toBeInstanceOf(DataDirLockedError)
      await expect(attempt).rejects.toThrow(
        `Préau est déjà démarré sur le dossier de données ${dataDir} (processus ${process.pid})`,
      )
      const shared = await findRunningEmbeddedPostgres(dataDir)
      expect(shared).toBe(running.connectionString)
      expect(await query(shared!, 'select 1 as ok')).toEqual([{ ok: 1 }])
    } finally {
      await running.stop()
    }
  })

  it('replaces a lock left by a process that no longer exists', async () => {
    const dataDir = await newDataDir()
    writeFileSync(
      path.join(dataDir, 'preau.lock'),
      JSON.stringify({ pid: 999_999_999, socketDir: null, startedAt: '' }),
    )
    const server = await startEmbeddedPostgres(dataDir)
    await server.stop()
    await expect(fs.access(path.join(dataDir, 'preau.lock'))).rejects.toThrow()
  })

  it('stops with one clear line when the data directory cannot be created', async () => {
    const file = path.join(await newDataDir(), 'a-file')
    writeFileSync(file, '')
    await expect(startEmbeddedPostgres(path.join(file, 'data'))).rejects.toThrow(
      /^Impossible de créer le dossier de données .*a-file\/data \(ENOTDIR\) : choisissez un dossier accessible avec PREAU_DATA_DIR\.$/,
    )
  })
})
