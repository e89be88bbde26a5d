import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../app.ts'
import { type Config, loadConfig } from '../../config.ts'
import type { TestDatabase } from '../../testing/test-database.ts'
import { HttpProblem } from '../errors.ts'

/**
 * What the blob store's tests share: sample files of each kind, generated streams, a multipart body,
 * and the real app with two test-only routes (upload, download) that no module registers.
 */

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
)
export const HTML = Buffer.from(
  '<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n',
)
export const SVG = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>\n',
)
/** The start of a 64-bit Linux executable: what `file-type` needs to name it. */
export const ELF = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
  Buffer.alloc(8),
  Buffer.from([0x02, 0x00, 0x3e, 0x00, 0x01, 0x00, 0x00, 0x00]),
  randomBytes(200),
])
export const TEXT = Buffer.from('Sortie au musée jeudi : prévoir un goûter.\n')

export const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex')

/**
 * A stream of `size` bytes built from a few chunks made once and yielded again and again: it allocates
 * nothing while it flows, so whatever memory grows during a put is the store's. `sha256` is known
 * ahead. `produced` counts what was pulled from it.
 */
export function generatedStream(
  size: number,
  seed = 1,
): { stream: Readable; sha256: string; produced: () => number } {
  const chunkSize = 64 * 1024
  const chunks = Array.from({ length: 7 }, (_, i) =>
    createHash('sha512')
      .update(`${seed}:${i}`)
      .digest()
      .toString('hex')
      .repeat(Math.ceil(chunkSize / 128))
      .slice(0, chunkSize),
  ).map((text) => Buffer.from(text))
  const pieces = function* () {
    let left = size
    for (let i = 0; left > 0; i += 1) {
      const chunk = chunks[(i * 5) % chunks.length] as Buffer
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left)
      left -= piece.length
      yield piece
    }
  }
  const hash = createHash('sha256')
  for (const piece of pieces()) hash.update(piece)
  let produced = 0
  const stream = Readable.from(
    (function* () {
      for (const piece of pieces()) {
        produced += piece.length
        yield piece
      }
    })(),
    { objectMode: false },
  )
  return { stream, sha256: hash.digest('hex'), produced: () => produced }
}

export const BOUNDARY = 'preau-test-boundary-7d1c'

export function multipartHead(fileName: string): Buffer {
  return Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  )
}
export const multipartTail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`)

export function multipartBody(fileName: string, content: Buffer): Buffer {
  return Buffer.concat([multipartHead(fileName), content, multipartTail])
}

export const multipartHeaders = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }

/** Upload (`?only=images` narrows the types, `?maxBytes=` the size) and download (`?inline=1`, `?name=`). */
async function testRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: { files: 1, fields: 0, fileSize: app.blobs.maxBytes + 1 } })
  app.post('/api/test-blobs', { config: { public: true } }, async (request, reply) => {
    const query = request.query as { only?: string; maxBytes?: string }
    const file = await request.file()
    if (!file) throw new HttpProblem(400, 'no-file', 'Aucun fichier.')
    const blob = await app.blobs.putMultipartFile(file, {
      ...(query.only === 'images' ? { allow: ['image/png', 'image/jpeg'] } : {}),
      ...(query.maxBytes ? { maxBytes: Number(query.maxBytes) } : {}),
    })
    return reply.code(201).send(blob)
  })
  app.get('/api/test-blobs/:id', { config: { public: true } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const query = request.query as { inline?: string; name?: string }
    return app.blobs.send(request, reply, id, {
      inline: query.inline === '1',
      ...(query.name ? { fileName: query.name } : {}),
    })
  })
}

/** The real app with the test routes, on its own data directory (removed when it closes). */
export async function createBlobTestApp(
  database: TestDatabase,
  env: NodeJS.ProcessEnv = {},
): Promise<{ app: FastifyInstance; config: Config; blobsDir: string }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-blobs-'))
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    PREAU_DATA_DIR: dataDir,
    SMTP_URL: 'smtp://127.0.0.1:9',
    BLOB_MAX_MB: '30',
    ...env,
  })
  const app = await buildApp({
    config,
    db: database.db,
    databaseUrl: database.url,
    secretKey: randomBytes(32),
    runJobs: false,
  })
  await app.register(testRoutes)
  app.addHook('onClose', () => fs.rm(dataDir, { recursive: true, force: true }))
  await app.ready()
  return { app, config, blobsDir: path.join(dataDir, 'blobs') }
}

/** Files kept under the disk store's root (spooled uploads of `tmp/` apart). */
export async function storedFiles(blobsDir: string): Promise<string[]> {
  const entries = await fs.readdir(blobsDir, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((entry) => entry.isFile() && !path.relative(blobsDir, entry.parentPath).startsWith('tmp'))
    .map((entry) => entry.name)
    .sort()
}

export async function spooledFiles(blobsDir: string): Promise<string[]> {
  return fs.readdir(path.join(blobsDir, 'tmp')).catch(() => [])
}
