import fs from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import {
  type BlobStorage,
  type ByteRange,
  fanOutPath,
  MissingBlobContentError,
  SHA256_HEX,
} from './storage.ts'

/**
 * Blobs on local disk under `root` (by default `<data dir>/blobs`): `root/ab/cd/<sha256>`, written to
 * `root/tmp/` first, flushed to disk (fsync), then renamed into place and the folder flushed, so a crash
 * at any moment leaves either the whole content or none of it under its name. Files are read-only.
 */
export class DiskBlobStorage implements BlobStorage {
  readonly kind = 'disk'
  readonly tempDir: string
  readonly #root: string

  constructor(root: string) {
    this.#root = root
    this.tempDir = path.join(root, 'tmp')
  }

  #pathOf(sha256: string): string {
    // The name is built from the hash only: nothing from a client reaches the file system.
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`)
    return path.join(this.#root, fanOutPath(sha256))
  }

  async keep(tempPath: string, sha256: string): Promise<void> {
    const target = this.#pathOf(sha256)
    if (await this.has(sha256)) return
    const folder = path.dirname(target)
    await fs.mkdir(folder, { recursive: true, mode: 0o700 })
    await fs.chmod(tempPath, 0o400)
    // Atomic: readers see the whole file or no file. Two uploads of one content at once both rename;
    // the second replaces the first with the same bytes.
    await fs.rename(tempPath, target)
    await syncFolder(folder)
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable> {
    let handle: fs.FileHandle
    try {
      handle = await fs.open(this.#pathOf(sha256), 'r')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new MissingBlobContentError(sha256)
      throw error
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {})
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.access(this.#pathOf(sha256))
      return true
    } catch {
      return false
    }
  }

  async remove(sha256: string): Promise<void> {
    await fs.rm(this.#pathOf(sha256), { force: true })
  }

  async close(): Promise<void> {}
}

/** Makes a new name in `folder` durable (the file's own bytes were flushed before). */
async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
