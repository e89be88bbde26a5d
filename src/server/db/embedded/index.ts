import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import {
  binariesReachableBy,
  ensurePostgresAccount,
  findPackagedBinaries,
  isRoot,
  isWritableDirectory,
  type RunAs,
} from './binaries.ts'
import { checkClusterIdentity } from './cluster-identity.ts'
import { acquireDataDirLock, describeWriteError, readLiveLockOwner } from './data-dir-lock.ts'
import { PostgresServer, type PostmasterExit } from './postgres-server.ts'

export { DataDirLockedError } from './data-dir-lock.ts'

const EMBEDDED_DATABASE = 'preau'

export type EmbeddedPostgres = {
  connectionString: string
  /** Where the cluster lives: inside the data directory, or under /var/lib/preau when running as root. */
  clusterDir: string
  /** True when this start created the cluster. */
  isNew: boolean
  /** `up`; `recovering` while a postmaster that died is being restarted; `down` once that failed. */
  status: () => EmbeddedStatus
  /** The running postmaster's pid. */
  pid: () => number | undefined
  stop: () => Promise<void>
}

export type EmbeddedStatus = 'up' | 'recovering' | 'down'

/** What the watch over the postmaster reports to its owner (who logs it, and exits on `gave-up`). */
export type EmbeddedEvent =
  | ({ type: 'postmaster-exited' } & PostmasterExit)
  | { type: 'restarted'; attempt: number; ms: number }
  | { type: 'restart-failed'; attempt: number; error: Error }
  | { type: 'gave-up'; error: Error }
  | { type: 'orphan-stopped'; pid: number }
  | { type: 'cluster-set-aside'; clusterDir: string; movedTo: string }

/** Waits between restart attempts: about 8 s in all, then Préau gives up (a supervisor takes over). */
const RESTART_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 4_000]
/** More crashes than this within `CRASH_WINDOW_MS` is a loop, not a fault to recover from. */
const MAX_CRASHES = 5
const CRASH_WINDOW_MS = 60_000

export type EmbeddedLocation = { clusterDir: string; socketDir: string; runAs: RunAs | null }

/**
 * Where the cluster of a data directory lives. PostgreSQL refuses to run as root, and the `postgres`
 * account it then runs as may not traverse a checkout under a private home (`/root/...`): under root the
 * cluster lives in `/var/lib/preau/clusters/<hash of the data directory>`, which the start prints.
 */
export function locateEmbeddedCluster(dataDir: string): EmbeddedLocation {
  if (isRoot()) {
    const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 16)
    const base = path.join('/var/lib/preau/clusters', key)
    return {
      clusterDir: path.join(base, 'postgres'),
      socketDir: path.join(base, 'run'),
      runAs: ensurePostgresAccount(),
    }
  }
  const socketDir = path.join(dataDir, 'run')
  // A Unix socket path is limited to ~107 bytes: fall back to a short private folder.
  const shortSocketDir =
    socketDir.length > 80
      ? path.join(os.tmpdir(), `preau-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`)
      : socketDir
  return { clusterDir: path.join(dataDir, 'postgres'), socketDir: shortSocketDir, runAs: null }
}

/**
 * Starts the embedded PostgreSQL of `dataDir` for this process alone (a second server on the same data
 * directory is refused with `DataDirLockedError`), creating it and its `preau` database on first use.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: {
    onLog?: (line: string) => void
    onEvent?: (event: EmbeddedEvent) => void
    settings?: Record<string, string>
  } = {},
): Promise<EmbeddedPostgres> {
  await prepareDataDir(dataDir)
  // The same folder reached through a symlink is the same data directory: one lock, one cluster.
  dataDir = await fs.realpath(dataDir)
  const location = locateEmbeddedCluster(dataDir)
  const lock = await acquireDataDirLock(dataDir, location.socketDir)
  let status: EmbeddedStatus = 'up'
  let stopped = false
  const crashes: number[] = []
  let postgres: PostgresServer | null = null
  /**
   * The postmaster died (OOM killer, kill -9, a crash): PostgreSQL's crash recovery runs when it starts
   * again, so start it again, a few times, a little later each time (its orphaned backends must exit
   * first). A loop of crashes, or a start that keeps failing, is given up: the owner exits for a
   * supervisor to act.
   */
  const recover = async (exit: PostmasterExit) => {
    if (stopped || !postgres) return
    status = 'recovering'
    options.onEvent?.({ type: 'postmaster-exited', ...exit })
    const now = Date.now()
    crashes.push(now)
    while (crashes[0]! < now - CRASH_WINDOW_MS) crashes.shift()
    let lastError = new Error(`PostgreSQL s'est arrêté ${crashes.length} fois en une minute.`)
    if (crashes.length <= MAX_CRASHES) {
      for (const [index, delay] of RESTART_DELAYS_MS.entries()) {
        await new Promise((resolve) => setTimeout(resolve, delay))
        if (stopped) return
        try {
          await postgres.start()
          status = 'up'
          options.onEvent?.({ type: 'restarted', attempt: index + 1, ms: Date.now() - now })
          return
        } catch (error) {
          lastError = error as Error
          options.onEvent?.({ type: 'restart-failed', attempt: index + 1, error: lastError })
        }
      }
    }
    status = 'down'
    options.onEvent?.({ type: 'gave-up', error: lastError })
  }
  try {
    // Outside the data directory (root), the cluster must be this data directory's own.
    const identity = location.runAs ? await checkClusterIdentity(dataDir, location.clusterDir) : null
    if (identity?.setAside)
      options.onEvent?.({
        type: 'cluster-set-aside',
        clusterDir: location.clusterDir,
        movedTo: identity.setAside,
      })
    const server = await startServer(location, {
      ...options,
      onExit: (exit) => {
        void recover(exit)
      },
      onOrphanStopped: (pid) => options.onEvent?.({ type: 'orphan-stopped', pid }),
    })
    postgres = server.postgres
    const isNew = await server.initialiseDatabase()
    await identity?.record()
    return {
      connectionString: server.postgres.connectionString(EMBEDDED_DATABASE),
      clusterDir: location.clusterDir,
      isNew,
      status: () => status,
      pid: () => server.postgres.pid,
      stop: async () => {
        stopped = true
        await server.postgres.stop()
        await lock.release()
      },
    }
  } catch (error) {
    await lock.release()
    throw error
  }
}

/**
 * For CLI commands: the database of the Préau server already running on `dataDir`, or null when none
 * runs (the caller then starts the embedded server itself).
 */
export async function findRunningEmbeddedPostgres(dataDir: string): Promise<string | null> {
  dataDir = await fs.realpath(dataDir).catch(() => dataDir)
  const owner = await readLiveLockOwner(dataDir)
  if (!owner?.socketDir) return null
  return new PostgresServer({
    binaries: await findPackagedBinaries(),
    clusterDir: locateEmbeddedCluster(dataDir).clusterDir,
    socketDir: owner.socketDir,
    runAs: null,
  }).connectionString(EMBEDDED_DATABASE)
}

/** Starts a throw-away cluster (tests, benchmarks): no lock, settings chosen by the caller. */
export async function startScratchPostgres(
  clusterDir: string,
  settings: Record<string, string>,
): Promise<{ server: PostgresServer; connectionString: (database: string) => string }> {
  const runAs = isRoot() ? ensurePostgresAccount() : null
  const socketDir = path.join(path.dirname(clusterDir), 'run')
  await fs.mkdir(path.dirname(clusterDir), { recursive: true })
  if (runAs) await fs.chown(path.dirname(clusterDir), runAs.uid, runAs.gid)
  const { postgres } = await startServer({ clusterDir, socketDir, runAs }, { settings })
  return { server: postgres, connectionString: (database) => postgres.connectionString(database) }
}

async function startServer(
  location: EmbeddedLocation,
  options: {
    onLog?: (line: string) => void
    onExit?: (exit: PostmasterExit) => void
    onOrphanStopped?: (pid: number) => void
    settings?: Record<string, string>
  },
) {
  const packaged = await findPackagedBinaries()
  const binaries = location.runAs ? await binariesReachableBy(packaged, location.runAs) : packaged
  const postgres = new PostgresServer({
    binaries,
    ...location,
    settings: options.settings,
    onLog: options.onLog,
    onExit: options.onExit,
    onOrphanStopped: options.onOrphanStopped,
  })
  const created = await postgres.initialise()
  await postgres.start()
  return {
    postgres,
    /** Creates the application database if missing; true when it was created. */
    initialiseDatabase: async () => {
      const client = new pg.Client({ connectionString: postgres.connectionString('postgres') })
      await client.connect()
      try {
        const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [
          EMBEDDED_DATABASE,
        ])
        if (rowCount) return created
        await client.query(`create database ${EMBEDDED_DATABASE}`)
        return true
      } finally {
        await client.end()
      }
    },
  }
}

async function prepareDataDir(dataDir: string): Promise<void> {
  try {
    await fs.mkdir(dataDir, { recursive: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOSPC' || code === 'EROFS') throw describeWriteError(error, dataDir)
    throw new Error(
      `Impossible de créer le dossier de données ${dataDir} (${(error as NodeJS.ErrnoException).code}) : choisissez un dossier accessible avec PREAU_DATA_DIR.`,
    )
  }
  if (!(await isWritableDirectory(dataDir))) {
    throw new Error(
      `Le dossier de données ${dataDir} n'est pas accessible en écriture : corrigez ses droits ou choisissez-en un autre avec PREAU_DATA_DIR.`,
    )
  }
}
