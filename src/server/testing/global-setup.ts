import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { PgBoss } from 'pg-boss'
import type { TestProject } from 'vitest/node'
import { reportBrowserAvailability } from '../../../e2e/fixtures/browser.ts'
import { ensureWebBuild } from '../../cli/web-build.ts'
import { createDatabase } from '../db/connection.ts'
import { startScratchPostgres } from '../db/embedded/index.ts'
import { migrateToLatest } from '../db/migrator.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { adminUrl: string; template: string }
  }
}

/**
 * Once per run: a PostgreSQL for the tests (the external server of DATABASE_URL, else a throw-away
 * embedded cluster tuned for speed, since its data does not matter), a template database migrated once
 * that every test file clones, and the web build the browser journeys need.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  reportBrowserAvailability()
  const template = `preau_template_${process.pid}`
  let adminUrl: string
  let stopServer = async () => {}
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL
  } else {
    const base = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-test-'))
    const scratch = await startScratchPostgres(path.join(base, 'postgres'), {
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      max_connections: '300',
      shared_buffers: '128MB',
    })
    adminUrl = scratch.connectionString('postgres')
    stopServer = async () => {
      await scratch.server.stop()
      await fs.rm(base, { recursive: true, force: true })
    }
  }

  await adminQuery(adminUrl, `drop database if exists ${template}`)
  await adminQuery(adminUrl, `create database ${template}`)
  const db = createDatabase({ connectionString: databaseUrl(adminUrl, template), poolSize: 1 })
  await migrateToLatest(db)
  await db.destroy()
  // The job queue's schema too, so that each test app starts its queue without creating it.
  const boss = new PgBoss({
    connectionString: databaseUrl(adminUrl, template),
    max: 1,
    supervise: false,
    schedule: false,
  })
  await boss.start()
  await boss.stop({ graceful: false })
  project.provide('testDatabase', { adminUrl, template })

  await ensureWebBuild((line) => console.warn(line))

  return async () => {
    await adminQuery(adminUrl, `drop database if exists ${template} with (force)`).catch(() => {})
    await stopServer()
  }
}

/** The same server, another database. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export async function adminQuery(adminUrl: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(query)
  } finally {
    await client.end()
  }
}
