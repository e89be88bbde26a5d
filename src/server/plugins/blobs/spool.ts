import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { type Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { HttpProblem } from '../errors.ts'

export type Spooled = { tempPath: string; sha256: string; size: number }

/** Names of spooled files: the GC removes those a crash left behind by their age. */
export const SPOOL_SUFFIX = '.part'

export const fileTooLarge = (maxBytes: number) =>
  new HttpProblem(
    413,
    'file-too-large',
    `Le fichier dépasse la taille maximale acceptée (${formatMegabytes(maxBytes)}).`,
    { maxBytes },
  )

function formatMegabytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024)
  return `${megabytes >= 10 ? Math.round(megabytes) : megabytes.toFixed(1).replace('.', ',')} Mo`
}

/**
 * Streams `source` into a new file of `tempDir`, hashing and counting on the way, and flushes it to disk:
 * memory stays at a few chunks whatever the size. Past `maxBytes` the stream stops at once (the source
 * is destroyed) with a 413; on any failure the partial file is removed and nothing else is left.
 */
export async function spoolToTempFile(source: Readable, tempDir: string, maxBytes: number): Promise<Spooled> {
  const tempPath = path.join(tempDir, `${randomUUID()}${SPOOL_SUFFIX}`)
  const hash = createHash('sha256')
  let size = 0
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length
      if (size > maxBytes) return done(fileTooLarge(maxBytes))
      hash.update(chunk)
      done(null, chunk)
    },
  })
  // Created with the first upload: a process that keeps no file leaves no folder.
  await fs.mkdir(tempDir, { recursive: true, mode: 0o700 })
  try {
    // `flush`: the bytes reach the disk (fsync) before the file is closed, hence before it is kept.
    await pipeline(source, meter, createWriteStream(tempPath, { flags: 'wx', mode: 0o600, flush: true }))
  } catch (error) {
    await fs.rm(tempPath, { force: true })
    throw error
  }
  return { tempPath, sha256: hash.digest('hex'), size }
}
