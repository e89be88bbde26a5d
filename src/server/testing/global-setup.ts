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
    await removeAbandonedClusters()
    const base = await fs.mkdtemp(path.join(os.tmpdir(), TEST_CLUSTER_PREFIX))
    await fs.writeFile(path.join(base, 'owner.pid'), String(process.pid))
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

const TEST_CLUSTER_PREFIX = 'preau-test-'

/**
 * A run killed before its teardown (a timeout, Ctrl+C) leaves its throw-away cluster running: the next
 * run stops the clusters whose owner is gone and removes their folders.
 */
async function removeAbandonedClusters(): Promise<void> {
  for (const name of await fs.readdir(os.tmpdir())) {
    if (!name.startsWith(TEST_CLUSTER_PREFIX)) continue
    const base = path.join(os.tmpdir(), name)
    const owner = Number(await fs.readFile(path.join(base, 'owner.pid'), 'utf8').catch(() => '0'))
    if (!(owner > 0) || isAlive(owner)) continue
    const postmaster = Number(
      (await fs.readFile(path.join(base, 'postgres', 'postmaster.pid'), 'utf8').catch(() => '0')).split(
        '\n',
      )[0],
    )
    if (postmaster > 0 && isAlive(postmaster)) process.kill(postmaster, 'SIGQUIT')
    await fs.rm(base, { recursive: true, force: true }).catch(() => {})
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
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
