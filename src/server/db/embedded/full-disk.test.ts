import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isRoot } from './binaries.ts'
import { acquireDataDirLock } from './data-dir-lock.ts'

/** A real small file system (tmpfs) this test may fill and remount read-only: that needs root. */
function mountSmallFileSystem(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const mount = path.join(os.tmpdir(), `preau-full-disk-${process.pid}`)
let isMounted = false

// Mounting needs root (CI and the development machines run as root); elsewhere there is nothing to fill.
describe.skipIf(!isRoot())('a data directory on a full or read-only disk', () => {
  beforeAll(async () => {
    await fs.mkdir(mount, { recursive: true })
    isMounted = mountSmallFileSystem(mount)
    expect(isMounted, 'mount -t tmpfs').toBe(true)
  })
  afterAll(async () => {
    if (isMounted) execFileSync('umount', [mount])
    await fs.rm(mount, { recursive: true, force: true })
  })

  it('names the folder and what to do when the disk is full, and leaves no lock behind', async () => {
    const dataDir = path.join(mount, 'donnees')
    await fs.mkdir(dataDir)
    // Fill the file system to its last byte.
    const filler = await fs.open(path.join(mount, 'remplissage'), 'w')
    const chunk = Buffer.alloc(4096, 1)
    try {
      for (;;) await filler.write(chunk)
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC')
    } finally {
      await filler.close()
    }
    await expect(acquireDataDirLock(dataDir, null)).rejects.toThrow(
      `Plus de place sur le disque pour ${dataDir} : libérez de l'espace (ou choisissez un autre PREAU_DATA_DIR), puis relancez Préau.`,
    )
    expect(await fs.readdir(dataDir)).toEqual([])
    await fs.rm(path.join(mount, 'remplissage'))
  })

  it('says the folder is read-only, and a lock taken before still releases cleanly', async () => {
    const dataDir = path.join(mount, 'lecture-seule')
    await fs.mkdir(dataDir)
    const lock = await acquireDataDirLock(dataDir, null)
    execFileSync('mount', ['-o', 'remount,ro', mount])
    try {
      await expect(lock.release()).resolves.toBeUndefined()
      await expect(acquireDataDirLock(dataDir, null)).rejects.toThrow(
        `Le dossier de données ${dataDir} est en lecture seule : remontez-le en écriture ou choisissez un autre PREAU_DATA_DIR.`,
      )
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mount])
    }
  })
})
