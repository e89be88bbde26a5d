import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../config.ts'
import { startPreau } from '../../main.ts'
import { startPreauProcess } from '../../testing/preau-process.ts'
import { isRoot } from './binaries.ts'
import { listClusters } from './cluster-identity.ts'
import {
  DataDirLockedError,
  type EmbeddedEvent,
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

const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()

/** Starting says what blocks it, before it creates or changes anything; what it finds stale it takes over. */
// Each test creates a cluster (initdb), slow on a busy machine.
describe('starting the embedded database', { timeout: 120_000 }, () => {
  const created: string[] = []
  const setAside: string[] = []
  const newDataDir = async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-start-'))
    created.push(dir)
    return dir
  }
  afterAll(async () => {
    for (const dir of created) {
      await fs.rm(path.dirname(locateEmbeddedCluster(dir).clusterDir), { recursive: true, force: true })
      await fs.rm(dir, { recursive: true, force: true })
    }
    for (const dir of setAside) await fs.rm(dir, { recursive: true, force: true })
  })

  it('takes over a lock whose pid now belongs to another process, or dates from before a reboot', async () => {
    const dataDir = await newDataDir()
    const other = spawn('sleep', ['30'])
    try {
      // After a reboot the pid of the old owner may be any live process: its start time tells.
      writeFileSync(
        path.join(dataDir, 'preau.lock'),
        JSON.stringify({
          pid: other.pid,
          socketDir: null,
          startedAt: '',
          bootId: bootId(),
          processStart: '1',
        }),
      )
      const first = await startEmbeddedPostgres(dataDir)
      await first.stop()
      writeFileSync(
        path.join(dataDir, 'preau.lock'),
        JSON.stringify({ pid: process.pid, socketDir: null, startedAt: '', bootId: 'another-boot' }),
      )
      const second = await startEmbeddedPostgres(dataDir)
      await second.stop()
    } finally {
      other.kill()
    }
  })

  it('sees the same data directory through a symlink: one lock, one cluster', async () => {
    const dataDir = await newDataDir()
    const link = `${dataDir}-link`
    await fs.symlink(dataDir, link)
    created.push(link)
    const running = await startEmbeddedPostgres(dataDir)
    try {
      await expect(startEmbeddedPostgres(link)).rejects.toBeInstanceOf(DataDirLockedError)
      expect(locateEmbeddedCluster(await fs.realpath(link)).clusterDir).toBe(running.clusterDir)
    } finally {
      await running.stop()
    }
  })

  it('says the port is taken before creating any database', async () => {
    const dataDir = await newDataDir()
    const busy = net.createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    const { port } = busy.address() as net.AddressInfo
    try {
      const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', PREAU_DATA_DIR: dataDir })
      await expect(startPreau(config)).rejects.toThrow(`Le port ${port} est déjà utilisé`)
      expect(existsSync(locateEmbeddedCluster(dataDir).clusterDir)).toBe(false)
      expect(existsSync(path.join(dataDir, 'preau.lock'))).toBe(false)
    } finally {
      busy.close()
    }
  })

  it('names a damaged secret.key, in French, at once', async () => {
    const dataDir = await newDataDir()
    writeFileSync(path.join(dataDir, 'secret.key'), 'pas une clé\n')
    const config = loadConfig({ PORT: '0', PREAU_DATA_DIR: dataDir })
    await expect(startPreau(config)).rejects.toThrow(
      `Le fichier de clé des secrets ${path.join(dataDir, 'secret.key')} est abîmé`,
    )
    expect(existsSync(locateEmbeddedCluster(dataDir).clusterDir)).toBe(false)
  })

  it('logs a postmaster left running by a Préau that was killed, and stops it', async () => {
    const dataDir = await newDataDir()
    const preau = await startPreauProcess({
      PREAU_DATA_DIR: dataDir,
      PREAU_SECRET_KEY: randomBytes(32).toString('base64'),
    })
    const pidFile = path.join(locateEmbeddedCluster(dataDir).clusterDir, 'postmaster.pid')
    const orphan = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0]!, 10)
    // The Préau process (the lock's owner) killed at once: its postmaster, in its own process group,
    // outlives it.
    const owner = JSON.parse(readFileSync(path.join(dataDir, 'preau.lock'), 'utf8')) as { pid: number }
    process.kill(owner.pid, 'SIGKILL')
    await preau.stop()
    while (existsSync(`/proc/${owner.pid}`)) await new Promise((resolve) => setTimeout(resolve, 50))
    const events: EmbeddedEvent[] = []
    const server = await startEmbeddedPostgres(dataDir, { onEvent: (event) => events.push(event) })
    try {
      expect(events).toContainEqual({ type: 'orphan-stopped', pid: orphan })
      expect(server.pid()).not.toBe(orphan)
    } finally {
      await server.stop()
    }
  })

  it.runIf(isRoot())(
    'under root, never reuses the cluster of a deleted data directory, and lists it as an orphan',
    async () => {
      const dataDir = await newDataDir()
      const first = await startEmbeddedPostgres(dataDir)
      await query(first.connectionString, 'create table old_data (v int)')
      await first.stop()
      await fs.rm(dataDir, { recursive: true })
      await fs.mkdir(dataDir)

      const events: EmbeddedEvent[] = []
      const fresh = await startEmbeddedPostgres(dataDir, { onEvent: (event) => events.push(event) })
      try {
        expect(fresh.isNew).toBe(true)
        expect(await query(fresh.connectionString, "select to_regclass('old_data') as t")).toEqual([
          { t: null },
        ])
      } finally {
        await fresh.stop()
      }
      const moved = events.find((event) => event.type === 'cluster-set-aside')
      expect(moved).toBeDefined()
      const movedTo = (moved as { movedTo: string }).movedTo
      setAside.push(movedTo)
      const clusters = await listClusters()
      expect(clusters.find((cluster) => cluster.dir === movedTo)).toMatchObject({ state: 'orphan' })
      expect(
        clusters.find((cluster) => cluster.dir === path.dirname(locateEmbeddedCluster(dataDir).clusterDir)),
      ).toMatchObject({ state: 'in-use', dataDir })
      // Its data directory gone, a cluster is an orphan too.
      await fs.rm(dataDir, { recursive: true })
      expect(
        (await listClusters()).find(
          (cluster) => cluster.dir === path.dirname(locateEmbeddedCluster(dataDir).clusterDir),
        ),
      ).toMatchObject({ state: 'orphan', reason: 'son dossier de données n’existe plus' })
    },
  )
})
