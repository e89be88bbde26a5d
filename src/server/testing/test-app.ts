import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app.ts'
import { type Config, loadConfig } from '../config.ts'
import type { Db } from '../db/connection.ts'

export type TestApp = { app: FastifyInstance; config: Config; logs: string[] }

/**
 * The real app on a test database, ready for `inject()`. Its log lines (JSON, level `info` and up) are
 * kept in `logs` so tests can check what is, and is not, written there.
 */
export async function createTestApp(db: Db, env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const config = loadConfig({ LOG_LEVEL: 'info', ...env })
  const logs: string[] = []
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk))
      done()
    },
  })
  const app = await buildApp({ config, db, logStream })
  await app.ready()
  return { app, config, logs }
}
