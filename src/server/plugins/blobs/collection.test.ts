import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { createBlobTestApp, PDF, PNG, sha256Of, spooledFiles, storedFiles, TEXT } from './blob-test-kit.ts'
import { COLLECT_JOB } from './index.ts'

let database: TestDatabase
let app: FastifyInstance
let blobsDir: string
const HOUR = 3_600_000

beforeAll(async () => {
  database = await createTestDatabase()
  ;({ app, blobsDir } = await createBlobTestApp(database, { BLOB_GRACE_HOURS: '24' }))
  // Two modules' tables as a module would write them: a foreign key to blobs(id), one indexed, one not.
  await sql`
    create table test_notes (id serial primary key, blob_id uuid not null references blobs);
    create index test_notes_blob_idx on test_notes (blob_id);
    create table test_covers (id serial primary key, cover_id uuid references blobs);
  `.execute(database.db)
})
afterAll(async () => {
  await app.close()
  await database.drop()
})
beforeEach(async () => {
  await sql`truncate test_notes, test_covers`.execute(database.db)
  await sql`delete from blobs`.execute(database.db)
  await fs.rm(blobsDir, { recursive: true, force: true })
})

const put = (content: Buffer, fileName: string) =>
  app.blobs.put(
    (async function* () {
      yield content
    })() as never,
    { fileName },
  )
const later = (hours: number) => new Date(Date.now() + hours * HOUR)

describe('the nightly collection', () => {
  it('runs every night, Paris time, after the retention jobs', async () => {
    const { rows } = await sql<{ cron: string; timezone: string }>`
      select cron, timezone from pgboss.schedule where name = ${COLLECT_JOB}`.execute(database.db)
    expect(rows).toEqual([{ cron: '15 4 * * *', timezone: 'Europe/Paris' }])
  })

  it('finds the references in the catalogue and tells which lack an index', async () => {
    const references = await app.blobs.findReferences()
    expect(references).toContainEqual({ table: 'test_covers', column: 'cover_id', isIndexed: false })
    expect(references).toContainEqual({ table: 'test_notes', column: 'blob_id', isIndexed: true })
    // Every module's own reference has its index: the collection looks each one up.
    expect(references.filter((r) => !r.table.startsWith('test_') && !r.isIndexed)).toEqual([])
  })

  it('keeps referenced blobs, deletes the others after the grace period, and their file once no row shares it', async () => {
    const noted = await put(PNG, 'a.png')
    const orphan = await put(TEXT, 'b.txt')
    const twin = await put(PNG, 'c.png') // same content as `noted`, referenced by nothing
    const cover = await put(PDF, 'd.pdf')
    await sql`insert into test_notes (blob_id) values (${noted.id})`.execute(database.db)
    await sql`insert into test_covers (cover_id) values (${cover.id})`.execute(database.db)

    expect(await app.blobs.deleteUnreferenced({ now: later(23) })).toMatchObject({
      deleted: 0,
      contentsRemoved: 0,
    })
    expect(await app.blobs.get(orphan.id)).not.toBeNull()

    const collected = await app.blobs.deleteUnreferenced({ now: later(25) })
    expect(collected).toEqual({
      deleted: 2,
      contentsRemoved: 1,
      spoolsRemoved: 0,
      unindexed: ['test_covers.cover_id'],
    })
    expect(await app.blobs.get(orphan.id)).toBeNull()
    expect(await app.blobs.get(twin.id)).toBeNull()
    expect(await app.blobs.get(noted.id)).not.toBeNull()
    // The PNG's file stays for `noted`, which shares its content with the deleted `twin`.
    expect(await storedFiles(blobsDir)).toEqual([sha256Of(PNG), sha256Of(PDF)].sort())
    const opened = await app.blobs.open(noted.id)
    expect(opened?.blob.sha256).toBe(sha256Of(PNG))
    opened?.stream.destroy()

    await sql`delete from test_notes`.execute(database.db)
    expect(await app.blobs.deleteUnreferenced({ now: later(25) })).toMatchObject({
      deleted: 1,
      contentsRemoved: 1,
    })
    expect(await storedFiles(blobsDir)).toEqual([sha256Of(PDF)])
  })

  it('lets no one delete a referenced blob, by hand or by collection', async () => {
    const cover = await put(PDF, 'd.pdf')
    await sql`insert into test_covers (cover_id) values (${cover.id})`.execute(database.db)
    await expect(sql`delete from blobs where id = ${cover.id}`.execute(database.db)).rejects.toMatchObject({
      code: '23503',
    })
  })

  it('skips a blob that a transaction is referencing while it runs', async () => {
    const blob = await put(TEXT, 'b.txt')
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let inserted = () => {}
    const isInserted = new Promise<void>((resolve) => {
      inserted = resolve
    })
    const referencing = database.db.transaction().execute(async (trx) => {
      await sql`insert into test_notes (blob_id) values (${blob.id})`.execute(trx)
      inserted()
      await held
    })
    await isInserted
    const collected = await app.blobs.deleteUnreferenced({ now: later(48) })
    release()
    await referencing
    expect(collected.deleted).toBe(0)
    expect(await app.blobs.get(blob.id)).not.toBeNull()
    expect(await storedFiles(blobsDir)).toEqual([sha256Of(TEXT)])
  })
})

describe('a crash in the middle of a write', () => {
  it('leaves no blob visible, and its spooled part is removed after the grace period', async () => {
    const root = path.dirname(fileURLToPath(import.meta.url))
    // A real process, killed (SIGKILL) while it writes an endless upload through the real put.
    const script = `
      import { Readable } from 'node:stream'
      import { createDatabase } from ${JSON.stringify(path.join(root, '../../db/connection.ts'))}
      import { createBlobStore } from ${JSON.stringify(path.join(root, 'index.ts'))}
      import { DiskBlobStorage } from ${JSON.stringify(path.join(root, 'disk-storage.ts'))}
      const db = createDatabase({ connectionString: process.env.TEST_DATABASE_URL, poolSize: 1 })
      const store = createBlobStore(db, new DiskBlobStorage(process.env.BLOBS_DIR), { maxBytes: 2 ** 40, graceHours: 24 })
      const endless = new Readable({ read() { this.push(Buffer.alloc(64 * 1024, 'x')) } })
      await store.put(endless, { fileName: 'sans-fin.txt' })
    `
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TEST_DATABASE_URL: database.url, BLOBS_DIR: blobsDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let errors = ''
    child.stderr.on('data', (chunk) => {
      errors += chunk
    })
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    )
    const tempDir = path.join(blobsDir, 'tmp')
    const deadline = Date.now() + 20_000
    let partSize = 0
    while (partSize < 4 * 1024 * 1024 && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      const [part] = await spooledFiles(blobsDir)
      if (part) partSize = (await fs.stat(path.join(tempDir, part)).catch(() => ({ size: 0 }))).size
    }
    expect(errors).toBe('')
    expect(partSize).toBeGreaterThanOrEqual(4 * 1024 * 1024)
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')

    expect(
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from blobs`.execute(database.db)).rows[0]?.n,
      ),
    ).toBe(0)
    expect(await storedFiles(blobsDir)).toEqual([])
    expect(await spooledFiles(blobsDir)).toHaveLength(1)

    expect((await app.blobs.deleteUnreferenced({ now: later(1) })).spoolsRemoved).toBe(0)
    expect((await app.blobs.deleteUnreferenced({ now: later(25) })).spoolsRemoved).toBe(1)
    expect(await spooledFiles(blobsDir)).toEqual([])
  })
})
