import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSession, newSessionToken } from '../plugins/auth/session-store.ts'
import { type PreauProcess, startPreauProcess } from '../testing/preau-process.ts'
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts'
import { buildWorld, type World } from '../testing/world.ts'

const TRIALS = 20
const CONCURRENCY = 8

/**
 * A PostgreSQL backend can die at any moment (OOM killer, an administrator, failover). Préau runs in its
 * own process on a test database; its backends are terminated again and again under load: the process
 * lives, the requests caught answer 503 (never 500), and the next ones succeed.
 */
describe('a PostgreSQL backend killed under load', () => {
  let database: TestDatabase
  let world: World
  let preau: PreauProcess
  let admin: pg.Client
  let cookie: string
  let dataDir: string

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    const { token, tokenHash } = newSessionToken()
    await insertSession(database.db, {
      userId: world.own.directorId,
      tokenHash,
      expiresAt: new Date(Date.now() + 3_600_000),
      ip: null,
      userAgent: 'test',
      proof: { firstFactor: 'password', secondFactor: 'totp' },
    })
    cookie = `preau_session=${token}`
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-dead-backend-'))
    preau = await startPreauProcess({
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '6',
      PREAU_DATA_DIR: dataDir,
      PREAU_SECRET_KEY: randomBytes(32).toString('base64'),
      // One user sends all the load: the per-user limit would answer 429 before any backend dies.
      RATE_LIMIT_PER_MINUTE: '1000000',
    })
    admin = new pg.Client({ connectionString: database.url, application_name: 'preau-test-admin' })
    await admin.connect()
  })
  afterAll(async () => {
    await preau?.stop()
    await admin?.end()
    await database?.drop()
    await fs.rm(dataDir, { recursive: true, force: true })
  })

  const request = async () => {
    const response = await fetch(`${preau.url}/api/schools/${world.own.id}/imports`, {
      headers: { cookie },
    })
    await response.arrayBuffer()
    return { status: response.status, retryAfter: response.headers.get('retry-after'), at: Date.now() }
  }

  const terminateBackends = async () => {
    const { rows } = await admin.query<{ pid: number }>(
      `select pid from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and application_name like 'preau%'
         and application_name <> 'preau-test-admin'`,
    )
    for (const { pid } of rows) await admin.query('select pg_terminate_backend($1)', [pid])
    return rows.length
  }

  it('keeps the process alive, answers 503 with Retry-After, and serves the next requests', async () => {
    expect((await request()).status).toBe(200)
    const statuses = new Map<number, number>()
    const windows: number[] = []
    let killed = 0
    for (let trial = 0; trial < TRIALS; trial++) {
      let running = true
      const results: { status: number; retryAfter: string | null; at: number }[] = []
      const workers = Array.from({ length: CONCURRENCY }, async () => {
        while (running) results.push(await request())
      })
      await new Promise((resolve) => setTimeout(resolve, 100))
      const killedAt = Date.now()
      killed += await terminateBackends()
      await new Promise((resolve) => setTimeout(resolve, 300))
      running = false
      await Promise.all(workers)
      for (const result of results) statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1)
      for (const failed of results.filter((result) => result.status === 503))
        expect(failed.retryAfter).toBe('2')
      const lastFailure = results.filter((result) => result.status !== 200).at(-1)
      if (lastFailure) windows.push(lastFailure.at - killedAt)
      expect(preau.exit(), preau.output()).toBeNull()
    }
    // The figures of the run, for docs/operations.md.
    console.warn(
      `dead backends: ${killed} killed in ${TRIALS} trials; answers ${JSON.stringify(Object.fromEntries(statuses))}; failing window after a kill (ms) max ${Math.max(0, ...windows)}, trials with failures ${windows.length}`,
    )
    expect(killed).toBeGreaterThanOrEqual(TRIALS)
    expect([...statuses.keys()].every((status) => status === 200 || status === 503)).toBe(true)
    // The pool replaced the dead connections: what follows succeeds.
    for (let i = 0; i < 10; i++) expect((await request()).status).toBe(200)
    expect(preau.exit()).toBeNull()
    // One line every 10 s while failing, not one per failed request.
    const lines = preau
      .output()
      .split('\n')
      .filter((line) => line.includes('database unavailable'))
    expect(lines.length).toBeLessThanOrEqual(10)
  })
})
