import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app.ts'
import { type Config, loadConfig } from '../config.ts'
import type { TestDatabase } from './test-database.ts'

export type TestApp = { app: FastifyInstance; config: Config; logs: string[] }

/**
 * The real app on a test database, ready for `inject()`. Its log lines (JSON, level `info` and up) are
 * kept in `logs` so tests can check what is, and is not, written there.
 */
export async function createTestApp(
  database: TestDatabase,
  env: NodeJS.ProcessEnv = {},
  options: { webRoot?: string } = {},
): Promise<TestApp> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-app-'))
  const config = loadConfig({ LOG_LEVEL: 'info', PREAU_DATA_DIR: dataDir, ...env })
  const logs: string[] = []
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk))
      done()
    },
  })
  const app = await buildApp({
    config,
    db: database.db,
    databaseUrl: database.url,
    secretKey: randomBytes(32),
    logStream,
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
  })
  app.addHook('onClose', () => fs.rm(dataDir, { recursive: true, force: true }))
  await app.ready()
  return { app, config, logs }
}
