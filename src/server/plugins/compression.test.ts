import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compressFile } from '../../../scripts/vite-precompress.ts'
import { createTestApp } from '../testing/test-app.ts'
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts'
import { COMPRESSION_THRESHOLD_BYTES, compressionPlugin } from './compression.ts'

describe('compressed answers', () => {
  let database: TestDatabase
  let app: FastifyInstance
  let webRoot: string
  /** A script as the build writes it: repetitive text, with its `.br` and `.gz` copies beside it. */
  const script = Buffer.from(
    Array.from({ length: 400 }, (_, i) => `export const label${i} = 'Cahier de liaison ${i}'\n`).join(''),
  )

  beforeAll(async () => {
    webRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-web-'))
    await fs.mkdir(path.join(webRoot, 'assets'))
    await fs.writeFile(path.join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>')
    await fs.writeFile(path.join(webRoot, 'assets', 'app.js'), script)
    await compressFile(path.join(webRoot, 'assets', 'app.js'))
    database = await createTestDatabase()
    ;({ app } = await createTestApp(database, {}, { webRoot }))
  })
  afterAll(async () => {
    await app?.close()
    await database?.drop()
    await fs.rm(webRoot, { recursive: true, force: true })
  })

  const getScript = (acceptEncoding?: string) =>
    app.inject({
      method: 'GET',
      url: '/assets/app.js',
      headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    })

  it('serves a built script as brotli made at build time to a browser that accepts it, varying on Accept-Encoding', async () => {
    const response = await getScript('gzip, deflate, br, zstd')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-encoding']).toBe('br')
    expect(response.headers['content-type']).toMatch(/javascript/)
    expect(response.headers.vary).toMatch(/accept-encoding/i)
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(response.rawPayload.length).toBeLessThan(script.length / 4)
    expect(zlib.brotliDecompressSync(response.rawPayload).equals(script)).toBe(true)
  })

  it('serves the gzip copy to a client that accepts only gzip', async () => {
    const response = await getScript('gzip')
    expect(response.headers['content-encoding']).toBe('gzip')
    expect(response.headers.vary).toMatch(/accept-encoding/i)
    expect(zlib.gunzipSync(response.rawPayload).equals(script)).toBe(true)
  })

  it('serves the file as it is to a client that accepts no encoding, still varying on Accept-Encoding', async () => {
    for (const response of [await getScript(), await getScript('identity')]) {
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-encoding']).toBeUndefined()
      expect(response.headers.vary).toMatch(/accept-encoding/i)
      expect(response.rawPayload.equals(script)).toBe(true)
    }
  })

  it('compresses a large API answer on the fly, in the encoding the client accepts', async () => {
    const plain = await app.inject({ method: 'GET', url: '/api/docs/json' })
    expect(plain.statusCode).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES)

    const decoders: Record<string, (payload: Buffer) => Buffer> = {
      zstd: zlib.zstdDecompressSync,
      gzip: zlib.gunzipSync,
      br: zlib.brotliDecompressSync,
    }
    const cases = [
      { accepted: 'gzip, deflate, br, zstd', encoding: 'zstd' },
      { accepted: 'gzip, deflate, br', encoding: 'gzip' },
      { accepted: 'br', encoding: 'br' },
    ]
    for (const { accepted, encoding } of cases) {
      const response = await app.inject({
        method: 'GET',
        url: '/api/docs/json',
        headers: { 'accept-encoding': accepted },
      })
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-encoding']).toBe(encoding)
      expect(response.headers.vary).toMatch(/accept-encoding/i)
      expect(response.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3)
      expect(decoders[encoding]!(response.rawPayload).equals(plain.rawPayload)).toBe(true)
    }
  })

  it('leaves a small API answer as it is', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/auth/csrf',
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    })
    expect(response.statusCode).toBe(200)
    expect(response.rawPayload.length).toBeLessThan(COMPRESSION_THRESHOLD_BYTES)
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.json()).toHaveProperty('token')
  })
})

describe('compression opted into per route', () => {
  /** Twice the threshold of JSON: large enough to be compressed wherever compression applies. */
  const large = { items: Array.from({ length: 400 }, (_, i) => ({ id: i, name: `Élève numéro ${i}` })) }

  async function appWithTwoRoutes(): Promise<FastifyInstance> {
    const app = Fastify()
    await app.register(compressionPlugin)
    app.get('/list', { config: { largeAnswer: true } }, async () => large)
    app.get('/other', async () => large)
    await app.ready()
    return app
  }

  it('compresses a large answer of a route that declares it, and only of such a route', async () => {
    const app = await appWithTwoRoutes()
    try {
      const headers = { 'accept-encoding': 'gzip' }
      const list = await app.inject({ method: 'GET', url: '/list', headers })
      expect(list.headers['content-encoding']).toBe('gzip')
      expect(JSON.parse(zlib.gunzipSync(list.rawPayload).toString())).toEqual(large)

      const other = await app.inject({ method: 'GET', url: '/other', headers })
      expect(other.rawPayload.length).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES)
      expect(other.headers['content-encoding']).toBeUndefined()
      expect(other.json()).toEqual(large)
    } finally {
      await app.close()
    }
  })

  it('adds no hook to the routes that do not opt in (the request path of every other route stays bare)', async () => {
    const app = Fastify()
    await app.register(compressionPlugin)
    // Runs after the compression plugin's own: sees each route's hooks as they will run.
    const hooks: Record<string, unknown[]> = {}
    app.addHook('onRoute', (route) => {
      if (route.method === 'GET') hooks[route.url] = [route.onRequest, route.onSend].flat().filter(Boolean)
    })
    app.get('/list', { config: { largeAnswer: true } }, async () => large)
    app.get('/other', async () => large)
    await app.ready()
    await app.close()
    expect(hooks['/list']!.length).toBeGreaterThan(0)
    expect(hooks['/other']).toEqual([])
  })
})
