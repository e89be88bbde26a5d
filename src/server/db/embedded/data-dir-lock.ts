import { readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'

/**
 * One Préau server per data directory. The lock file records the owner's pid and where its database
 * listens, so that CLI commands can reuse a running server's database instead of starting a second one.
 * It also records the owner's identity beyond its pid — the machine's boot and the process's start
 * time — so that a lock left before a reboot, whose pid now belongs to another process, is known stale.
 */
export type LockOwner = {
  pid: number
  socketDir: string | null
  startedAt: string
  /** `/proc/sys/kernel/random/boot_id` when the lock was taken (Linux). */
  bootId?: string | null
  /** The owner's start time in clock ticks since boot (`/proc/<pid>/stat`, field 22; Linux). */
  processStart?: string | null
}

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
  return isSameLiveProcess(owner) ? owner : null
}

/**
 * Takes the lock or throws `DataDirLockedError`. The lock is written whole to a private file, then
 * linked into place (atomic, refused when one exists): a full disk leaves no empty lock behind. A lock
 * left by a process that is gone (or by a pid now reused) is replaced. Returns the function that
 * releases it.
 */
export async function acquireDataDirLock(
  dataDir: string,
  socketDir: string | null,
): Promise<{ release: () => Promise<void> }> {
  const file = path.join(dataDir, LOCK_FILE)
  const owner: LockOwner = {
    pid: process.pid,
    socketDir,
    startedAt: new Date().toISOString(),
    bootId: readBootId(),
    processStart: readProcessStart(process.pid),
  }
  const staging = `${file}.${process.pid}`
  try {
    await fs.writeFile(staging, JSON.stringify(owner), { mode: 0o644 })
  } catch (error) {
    await fs.rm(staging, { force: true }).catch(() => {})
    throw describeWriteError(error, dataDir)
  }
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fs.link(staging, file)
        return {
          release: async () => {
            // A data directory gone read-only (a failing disk) must not turn a stop into a crash.
            await fs.rm(file, { force: true }).catch(() => {})
          },
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw describeWriteError(error, dataDir)
        const live = await readLiveLockOwner(dataDir)
        if (live) throw new DataDirLockedError(dataDir, live)
        await fs.rm(file, { force: true })
      }
    }
    throw new Error(`Impossible de prendre le verrou ${file}.`)
  } finally {
    await fs.rm(staging, { force: true }).catch(() => {})
  }
}

/** A write refused by the file system, in words that say where and what to do. */
export function describeWriteError(error: unknown, dir: string): Error {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new Error(
      `Plus de place sur le disque pour ${dir} : libérez de l'espace (ou choisissez un autre PREAU_DATA_DIR), puis relancez Préau.`,
      { cause: error },
    )
  if (code === 'EROFS')
    return new Error(
      `Le dossier de données ${dir} est en lecture seule : remontez-le en écriture ou choisissez un autre PREAU_DATA_DIR.`,
      { cause: error },
    )
  return error as Error
}

function isSameLiveProcess(owner: LockOwner): boolean {
  if (!isAlive(owner.pid)) return false
  // A lock taken before the last boot belongs to nobody now, whatever its pid has become.
  const bootId = readBootId()
  if (owner.bootId && bootId && owner.bootId !== bootId) return false
  const start = readProcessStart(owner.pid)
  if (owner.processStart && start && owner.processStart !== start) return false
  return true
}

function readBootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
  } catch {
    return null
  }
}

function readProcessStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
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
