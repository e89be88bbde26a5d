import type { Readable } from 'node:stream'

/** A byte range of a stored content, both ends included (as HTTP says them). */
export type ByteRange = { start: number; end: number }

/**
 * Where the bytes of blobs live, named by the SHA-256 of their content (hex): the same content is kept
 * once, whoever uploads it and however many rows name it. Uploads are first spooled to `tempDir` (on
 * local disk, whatever the store) where they are hashed and checked; only then `keep` stores them.
 * Implementations: `DiskBlobStorage` (default) and `S3BlobStorage`.
 */
export interface BlobStorage {
  readonly kind: 'disk' | 's3'
  /** A local folder for uploads in progress; on the same file system as the blobs for the disk store. */
  readonly tempDir: string
  /**
   * Stores the spooled file `tempPath` as the content `sha256`, atomically: the content is either
   * entirely there or not at all. A no-op when the content is already kept. `tempPath` may be consumed (renamed): the caller removes
   * it afterwards, ignoring its absence.
   */
  keep(tempPath: string, sha256: string, size: number): Promise<void>
  /** The content, or the part of it in `range`. Rejects when the content is not kept. */
  read(sha256: string, range?: ByteRange): Promise<Readable>
  has(sha256: string): Promise<boolean>
  /** Removes the content; no error when it is already gone. */
  remove(sha256: string): Promise<void>
  close(): Promise<void>
}

/** Thrown by `read` when a content is not in the store (a row without its file is a fault to log). */
export class MissingBlobContentError extends Error {
  override name = 'MissingBlobContentError'
  constructor(sha256: string) {
    super(`blob content ${sha256} is missing from the store`)
  }
}

/** `ab/cd/abcd…`: two levels of 256 folders keep every folder small at millions of files. */
export function fanOutPath(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`
}

export const SHA256_HEX = /^[0-9a-f]{64}$/
