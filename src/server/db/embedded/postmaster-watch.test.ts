import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { startPreauProcess } from '../../testing/preau-process.ts'
import { type EmbeddedEvent, locateEmbeddedCluster, startEmbeddedPostgres } from './index.ts'

async function query(connectionString: string, text: string) {
  const client = new pg.Client({ connectionString })
  client.on('error', () => {})
  await client.connect()
  try {
    return (await client.query(text)).rows
  } finally {
    await client.end()
  }
}

const postmasterPid = async (dataDir: string) =>
  Number.parseInt(
    (await fs.readFile(path.join(locateEmbeddedCluster(dataDir).clusterDir, 'postmaster.pid'), 'utf8')).split(
      '\n',
    )[0]!,
    10,
  )

/** Polls `check` every 50 ms until it is true; the milliseconds it took. */
async function timeUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return Number.POSITIVE_INFINITY
}

/**
 * The embedded postmaster killed (kill -9, as the OOM killer does) on clusters these tests create:
 * Préau says so, answers 503 meanwhile, restarts it (crash recovery) and serves again within 10 s, or
 * exits non-zero when it cannot.
 */
// Each test creates a cluster (initdb), slow on a busy machine.
describe('the watch over the embedded postmaster', { timeout: 120_000 }, () => {
  const created: string[] = []
  const newDataDir = async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-watch-'))
    created.push(dir)
    return dir
  }
  afterAll(async () => {
    for (const dir of created) {
      await fs.rm(path.dirname(locateEmbeddedCluster(dir).clusterDir), { recursive: true, force: true })
      await fs.rm(dir, { recursive: true, force: true })
    }
  })

  it('restarts a postmaster killed with -9, data intact, and reports each step', async () => {
    const dataDir = await newDataDir()
    const events: EmbeddedEvent[] = []
    const server = await startEmbeddedPostgres(dataDir, { onEvent: (event) => events.push(event) })
    try {
      await query(server.connectionString, "create table kept (v text); insert into kept values ('ok')")
      const pid = server.pid()!
      process.kill(pid, 'SIGKILL')
      const ms = await timeUntil(
        async () =>
          server.status() === 'up' &&
          server.pid() !== pid &&
          (await query(server.connectionString, 'select 1')).length === 1,
        15_000,
      )
      expect(ms).toBeLessThan(10_000)
      expect(await query(server.connectionString, 'select v from kept')).toEqual([{ v: 'ok' }])
      expect(events[0]).toMatchObject({ type: 'postmaster-exited', signal: 'SIGKILL' })
      expect((events[0] as { lastLines: string[] }).lastLines.length).toBeGreaterThan(0)
      expect(events.at(-1)).toMatchObject({ type: 'restarted' })
    } finally {
      await server.stop()
    }
  })

  it('serves again within 10 s when the postmaster of a running Préau is killed, and says so once', async () => {
    const dataDir = await newDataDir()
    const preau = await startPreauProcess({
      PREAU_DATA_DIR: dataDir,
      PREAU_SECRET_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'info',
    })
    try {
      expect((await fetch(`${preau.url}/ready`)).status).toBe(200)
      const healthSeen = new Set<number>()
      process.kill(await postmasterPid(dataDir), 'SIGKILL')
      // Right after the kill, a pooled connection whose backend has not yet noticed may still answer:
      // serving again means after the restart Préau reports, not before it noticed the death.
      const ms = await timeUntil(async () => {
        const health = await fetch(`${preau.url}/health`)
        healthSeen.add(health.status)
        if (!preau.output().includes('embedded PostgreSQL serving again')) return false
        const ready = await fetch(`${preau.url}/ready`)
        return health.status === 200 && ready.status === 200
      }, 20_000)
      console.warn(`postmaster killed: serving again after ${ms} ms`)
      expect(ms).toBeLessThan(10_000)
      expect(preau.exit()).toBeNull()
      const log = preau.output()
      expect(log.split('embedded PostgreSQL stopped unexpectedly').length - 1).toBe(1)
      expect(log).toContain('postgresLastLines')
      expect(log).toContain('embedded PostgreSQL serving again')
      // Health said the process could not serve, at least while nothing answered.
      expect([...healthSeen].every((status) => status === 200 || status === 503)).toBe(true)
    } finally {
      await preau.stop()
    }
  })

  it('exits non-zero, saying why, when the postmaster cannot be started again', async () => {
    const dataDir = await newDataDir()
    const preau = await startPreauProcess({
      PREAU_DATA_DIR: dataDir,
      PREAU_SECRET_KEY: randomBytes(32).toString('base64'),
    })
    try {
      const clusterDir = locateEmbeddedCluster(dataDir).clusterDir
      // A setting PostgreSQL refuses: every restart fails the same way.
      await fs.appendFile(path.join(clusterDir, 'postgresql.auto.conf'), '\nthis is not a setting\n')
      process.kill(await postmasterPid(dataDir), 'SIGKILL')
      const ms = await timeUntil(async () => preau.exit() !== null, 30_000)
      expect(ms).toBeLessThan(30_000)
      expect(preau.exit()?.code).toBe(1)
      expect(preau.output()).toContain('could not be restarted')
      expect(preau.output()).toContain("La base PostgreSQL intégrée s'est arrêtée et n'a pas pu redémarrer")
      expect(
        await fs.access(path.join(dataDir, 'preau.lock')).then(
          () => true,
          () => false,
        ),
      ).toBe(false)
    } finally {
      await preau.stop()
    }
  })
})
