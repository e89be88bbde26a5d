import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import {
  createBlobTestApp,
  ELF,
  generatedStream,
  HTML,
  multipartBody,
  multipartHead,
  multipartHeaders,
  multipartTail,
  PDF,
  PNG,
  SVG,
  sha256Of,
  spooledFiles,
  storedFiles,
  TEXT,
} from './blob-test-kit.ts'
import type { BlobRecord } from './index.ts'

let database: TestDatabase
let app: FastifyInstance
let blobsDir: string
let client: TestClient

beforeAll(async () => {
  database = await createTestDatabase()
  ;({ app, blobsDir } = await createBlobTestApp(database, { BLOB_MAX_MB: '50' }))
  client = new TestClient(app)
})
afterAll(async () => {
  await app.close()
  await database.drop()
})
beforeEach(async () => {
  await sql`delete from blobs`.execute(database.db)
  await fs.rm(blobsDir, { recursive: true, force: true })
})

const upload = (fileName: string, content: Buffer, query = '') =>
  client.post(`/api/test-blobs${query}`, multipartBody(fileName, content) as never, multipartHeaders)

const countBlobs = async () =>
  Number((await sql<{ n: number }>`select count(*)::int as n from blobs`.execute(database.db)).rows[0]?.n)

describe('upload and download', () => {
  it('keeps a file under its SHA-256 with its sniffed type and answers it with safe headers', async () => {
    const created = await upload('Élève été.png', PNG)
    expect(created.statusCode).toBe(201)
    const blob = created.json() as BlobRecord
    expect(blob).toMatchObject({ sha256: sha256Of(PNG), size: PNG.length, contentType: 'image/png' })
    expect(blob.fileName).toBe('Élève été.png')
    expect(await storedFiles(blobsDir)).toEqual([sha256Of(PNG)])

    const response = await client.get(`/api/test-blobs/${blob.id}`)
    expect(response.statusCode).toBe(200)
    expect(response.rawPayload.equals(PNG)).toBe(true)
    expect(response.headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(PNG.length),
      'content-disposition': `attachment; filename="Eleve ete.png"; filename*=UTF-8''%C3%89l%C3%A8ve%20%C3%A9t%C3%A9.png`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-cache',
      etag: `"${sha256Of(PNG)}"`,
    })
    expect(response.headers['content-security-policy']).toMatch(/(^|; )sandbox$/)
    expect(response.headers['content-security-policy']).toContain("default-src 'none'")
  })

  it('shows pictures and PDF inline when asked, and never anything else', async () => {
    const png = (await upload('photo.png', PNG)).json() as BlobRecord
    const pdf = (await upload('circulaire.pdf', PDF)).json() as BlobRecord
    const text = (await upload('mot.txt', TEXT)).json() as BlobRecord
    const disposition = async (id: string) =>
      (await client.get(`/api/test-blobs/${id}?inline=1`)).headers['content-disposition']
    expect(await disposition(png.id)).toBe('inline; filename=photo.png')
    expect(await disposition(pdf.id)).toBe('inline; filename=circulaire.pdf')
    expect(await disposition(text.id)).toBe('attachment; filename=mot.txt')
    expect(text.contentType).toBe('text/plain')
    const renamed = await client.get(`/api/test-blobs/${pdf.id}?name=${encodeURIComponent('Sortie "musée"')}`)
    expect(renamed.headers['content-disposition']).toBe(
      `attachment; filename="Sortie _musee_.pdf"; filename*=UTF-8''Sortie%20%22mus%C3%A9e%22.pdf`,
    )
  })

  it('answers a range, a cached copy and a range past the end', async () => {
    const blob = (await upload('mot.txt', TEXT)).json() as BlobRecord
    const part = await client.get(`/api/test-blobs/${blob.id}`, { range: 'bytes=6-10' })
    expect(part.statusCode).toBe(206)
    expect(part.headers['content-range']).toBe(`bytes 6-10/${TEXT.length}`)
    expect(part.headers['content-length']).toBe('5')
    expect(part.rawPayload.equals(TEXT.subarray(6, 11))).toBe(true)
    const end = await client.get(`/api/test-blobs/${blob.id}`, { range: 'bytes=-3' })
    expect(end.rawPayload.equals(TEXT.subarray(-3))).toBe(true)

    const cached = await client.get(`/api/test-blobs/${blob.id}`, { 'if-none-match': `"${blob.sha256}"` })
    expect(cached.statusCode).toBe(304)
    expect(cached.rawPayload.length).toBe(0)

    const beyond = await client.get(`/api/test-blobs/${blob.id}`, { range: 'bytes=9999-' })
    expect(beyond.statusCode).toBe(416)
    expect(beyond.headers['content-range']).toBe(`bytes */${TEXT.length}`)
    expect(beyond.headers['content-type']).toContain('application/problem+json')
  })

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await client.get('/api/test-blobs/0190a1b2-0000-7000-8000-000000000000')).statusCode).toBe(404)
    expect((await client.get('/api/test-blobs/not-a-uuid')).statusCode).toBe(404)
  })

  it('stores the same content once, whatever its names', async () => {
    const first = (await upload('a.png', PNG)).json() as BlobRecord
    const second = (await upload('b.png', PNG)).json() as BlobRecord
    expect(second.id).not.toBe(first.id)
    expect(second.sha256).toBe(first.sha256)
    expect(await countBlobs()).toBe(2)
    expect(await storedFiles(blobsDir)).toEqual([sha256Of(PNG)])
  })
})

describe('refusals: a clear problem, and nothing kept', () => {
  const refusals: [string, string, Buffer, number, string, string?][] = [
    ['a PNG named .pdf', 'devoir.pdf', PNG, 422, 'file-name-mismatch'],
    ['a PDF named .jpg', 'photo.jpg', PDF, 422, 'file-name-mismatch'],
    ['an HTML page', 'page.html', HTML, 415, 'dangerous-file'],
    ['an HTML page named .txt', 'notes.txt', HTML, 415, 'dangerous-file'],
    ['an ELF executable without extension', 'outil', ELF, 415, 'dangerous-file'],
    ['an ELF executable named .pdf', 'bulletin.pdf', ELF, 415, 'dangerous-file'],
    ['an SVG image', 'dessin.svg', SVG, 415, 'dangerous-file'],
    ['an SVG image named .png', 'dessin.png', SVG, 415, 'dangerous-file'],
    ['a script', 'installer.sh', Buffer.from('#!/bin/sh\nrm -rf ~\n'), 415, 'dangerous-file'],
    [
      'a PDF where only pictures are accepted',
      'circulaire.pdf',
      PDF,
      415,
      'unsupported-file-type',
      '?only=images',
    ],
    ['an empty file', 'vide.txt', Buffer.alloc(0), 422, 'empty-file'],
  ]
  it.each(refusals)('refuses %s', async (_label, fileName, content, status, code, query = '') => {
    const response = await upload(fileName, content, query)
    expect(response.statusCode).toBe(status)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json()).toMatchObject({ code })
    expect(await countBlobs()).toBe(0)
    expect(await storedFiles(blobsDir)).toEqual([])
    expect(await spooledFiles(blobsDir)).toEqual([])
  })

  it('says in French why a content contradicts its name', async () => {
    const response = await upload('devoir.pdf', PNG)
    expect(response.json().detail).toBe('Le contenu du fichier ne correspond pas à son nom.')
    const html = await upload('page.html', HTML)
    expect(html.json().detail).toMatch(/pages web.*refusés/)
  })

  it('stops reading at the size limit of the call', async () => {
    const response = await upload('gros.txt', Buffer.alloc(3 * 1024 * 1024, 'a'), '?maxBytes=1048576')
    expect(response.statusCode).toBe(413)
    expect(response.json()).toMatchObject({ code: 'file-too-large', maxBytes: 1_048_576 })
    expect(response.json().detail).toContain('1,0 Mo')

    const source = generatedStream(64 * 1024 * 1024)
    await expect(
      app.blobs.put(source.stream, { fileName: 'infini.txt', maxBytes: 1_048_576 }),
    ).rejects.toMatchObject({ status: 413 })
    // The source is dropped at the limit, not drained to its 64 MB end.
    expect(source.produced()).toBeLessThan(4 * 1024 * 1024)
    expect(source.stream.destroyed).toBe(true)
    expect(await countBlobs()).toBe(0)
    expect(await storedFiles(blobsDir)).toEqual([])
    expect(await spooledFiles(blobsDir)).toEqual([])
  })

  it('never goes above the deployment’s maximum, whatever the call asks', async () => {
    const source = generatedStream(51 * 1024 * 1024)
    await expect(
      app.blobs.put(source.stream, { fileName: 'x.txt', maxBytes: 100 * 1024 * 1024 }),
    ).rejects.toMatchObject({ status: 413, extra: { maxBytes: 50 * 1024 * 1024 } })
  })

  it('keeps nothing when the upload breaks off half way', async () => {
    let sent = 0
    const broken = new Readable({
      read() {
        sent += 1
        if (sent <= 16) this.push(Buffer.alloc(64 * 1024, 'b'))
        else this.destroy(new Error('connection reset by the client'))
      },
    })
    await expect(app.blobs.put(broken, { fileName: 'coupé.txt' })).rejects.toThrow('connection reset')
    expect(await countBlobs()).toBe(0)
    expect(await storedFiles(blobsDir)).toEqual([])
    expect(await spooledFiles(blobsDir)).toEqual([])
  })
})

describe('a large file', () => {
  it('goes through a put with constant memory and comes back whole', async () => {
    const size = 48 * 1024 * 1024
    const source = generatedStream(size, 7)
    const before = process.memoryUsage()
    let peak = 0
    const sampler = setInterval(() => {
      const now = process.memoryUsage()
      peak = Math.max(peak, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers)
    }, 2)
    const blob = await app.blobs
      .put(source.stream, { fileName: 'grand.txt' })
      .finally(() => clearInterval(sampler))
    expect(blob).toMatchObject({ size, sha256: source.sha256, contentType: 'text/plain' })
    // 48 MB went through; a few chunks at a time stayed in memory.
    expect(peak).toBeLessThan(16 * 1024 * 1024)

    const opened = await app.blobs.open(blob.id)
    const hash = createHash('sha256')
    let read = 0
    for await (const chunk of opened?.stream ?? []) {
      hash.update(chunk as Buffer)
      read += (chunk as Buffer).length
    }
    expect(read).toBe(size)
    expect(hash.digest('hex')).toBe(source.sha256)
  })

  it('makes a 20 MB round trip over HTTP, streamed both ways', async () => {
    const server = await listening()
    const size = 20 * 1024 * 1024
    const source = generatedStream(size, 3)
    const uploaded = await httpUpload(server, 'vingt-mégas.csv', source.stream, size)
    expect(uploaded.status).toBe(201)
    const blob = JSON.parse(uploaded.body) as BlobRecord
    expect(blob).toMatchObject({
      size,
      sha256: source.sha256,
      contentType: 'text/csv',
      fileName: 'vingt-mégas.csv',
    })

    const download = await fetch(`${server.origin}/api/test-blobs/${blob.id}`)
    expect(download.headers.get('content-length')).toBe(String(size))
    const hash = createHash('sha256')
    await pipeline(Readable.fromWeb(download.body as never), async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) hash.update(chunk)
    })
    expect(hash.digest('hex')).toBe(source.sha256)
  })

  it('answers 413 over HTTP as soon as an upload passes the limit, without reading it all', async () => {
    const server = await listening()
    const size = 24 * 1024 * 1024
    const source = generatedStream(size, 5)
    const refused = await httpUpload(server, 'trop-gros.txt', source.stream, size, '?maxBytes=1048576')
    expect(refused.status).toBe(413)
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'file-too-large' })
    expect(source.produced()).toBeLessThan(size)
    expect(await countBlobs()).toBe(0)
    expect(await spooledFiles(blobsDir)).toEqual([])
  })
})

type Listening = { origin: string; port: number; cookie: string; token: string }
let listened: Listening | null = null

/** The app on a real port, with a CSRF token and its cookie, as a browser would hold them. */
async function listening(): Promise<Listening> {
  if (listened) return listened
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  const csrf = await fetch(`${origin}/api/auth/csrf`)
  const cookie = (csrf.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const { token } = (await csrf.json()) as { token: string }
  listened = { origin, port, cookie, token }
  return listened
}

/** A multipart upload whose file part streams from `source` (`size` bytes) over a real socket. */
function httpUpload(
  server: Listening,
  fileName: string,
  source: Readable,
  size: number,
  query = '',
): Promise<{ status: number; body: string }> {
  const head = multipartHead(fileName)
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: `/api/test-blobs${query}`,
        headers: {
          ...multipartHeaders,
          'content-length': head.length + size + multipartTail.length,
          cookie: server.cookie,
          'x-csrf-token': server.token,
        },
      },
      (response) => {
        let body = ''
        response.on('data', (chunk) => {
          body += chunk
        })
        response.on('end', () => {
          source.destroy()
          resolve({ status: response.statusCode ?? 0, body })
        })
      },
    )
    // Once the server has answered it may close the socket under a body still being sent.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error)
    })
    request.write(head)
    source.on('end', () => request.end(multipartTail))
    source.pipe(request, { end: false })
  })
}
