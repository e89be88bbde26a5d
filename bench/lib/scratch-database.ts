import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { createDatabase, type Db } from '../../src/server/db/connection.ts'
import { startScratchPostgres } from '../../src/server/db/embedded/index.ts'
import { migrateToLatest } from '../../src/server/db/migrator.ts'

/**
 * Runs `use` on a migrated database of a throw-away PostgreSQL (durability off: the scenario measures
 * Préau's statements, not the disk), then stops it and removes its files, whatever happened.
 */
export async function withScratchDatabase<T>(label: string, use: (db: Db) => Promise<T>): Promise<T> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), `preau-bench-${label}-`))
  const scratch = await startScratchPostgres(path.join(base, 'postgres'), {
    fsync: 'off',
    synchronous_commit: 'off',
  })
  let db: Db | null = null
  try {
    const admin = new pg.Client({ connectionString: scratch.connectionString('postgres') })
    await admin.connect()
    await admin.query('create database preau_bench')
    await admin.end()
    db = createDatabase({ connectionString: scratch.connectionString('preau_bench'), poolSize: 2 })
    await migrateToLatest(db)
    return await use(db)
  } finally {
    await db?.destroy().catch(() => {})
    await scratch.server.stop().catch(() => {})
    await fs.rm(base, { recursive: true, force: true }).catch(() => {})
  }
}
