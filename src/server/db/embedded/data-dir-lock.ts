import fs from 'node:fs/promises'
import path from 'node:path'

/**
 * One Préau server per data directory. The lock file records the owner's pid and where its database
 * listens, so that CLI commands can reuse a running server's database instead of starting a second one.
 */
export type LockOwner = { pid: number; socketDir: string | null; startedAt: string }

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError'
  readonly owner: LockOwner
  constructor(dataDir: string, owner: LockOwner) {
    super(
      `Préau est déjà démarré sur le dossier de données ${dataDir} (processus ${owner.pid}) : arrêtez-le d'abord, ou choisissez un autre PREAU_DATA_DIR.`,
    )
    this.owner = owner
  }
}

const LOCK_FILE = 'preau.lock'

/** Reads the lock's owner if that process is still alive; a stale lock reads as null. */
export async function readLiveLockOwner(dataDir: string): Promise<LockOwner | null> {
  let owner: LockOwner
  try {
    owner = JSON.parse(await fs.readFile(path.join(dataDir, LOCK_FILE), 'utf8')) as LockOwner
  } catch {
    return null
  }
  return isAlive(owner.pid) ? owner : null
}

/**
 * Takes the lock or throws `DataDirLockedError`. Creation is atomic (`wx`); a lock left by a dead
 * process is replaced. Returns the function that releases it.
 */
export async function acquireDataDirLock(
  dataDir: string,
  socketDir: string | null,
): Promise<{ release: () => Promise<void> }> {
  const file = path.join(dataDir, LOCK_FILE)
  const owner: LockOwner = { pid: process.pid, socketDir, startedAt: new Date().toISOString() }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(file, JSON.stringify(owner), { flag: 'wx', mode: 0o644 })
      return {
        release: async () => {
          await fs.rm(file, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const live = await readLiveLockOwner(dataDir)
      if (live) throw new DataDirLockedError(dataDir, live)
      await fs.rm(file, { force: true })
    }
  }
  throw new Error(`Impossible de prendre le verrou ${file}.`)
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
