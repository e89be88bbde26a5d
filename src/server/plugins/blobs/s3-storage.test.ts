import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import type { FastifyInstance } from 'fastify'
import { type FauxqsServer, startFauxqs } from 'fauxqs'
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../config.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import {
  createBlobTestApp,
  generatedStream,
  HTML,
  multipartBody,
  multipartHeaders,
  PNG,
  sha256Of,
  TEXT,
} from './blob-test-kit.ts'
import type { BlobRecord } from './index.ts'

/**
 * The S3 store against a real S3-compatible server running in this process (fauxqs: the S3 API over
 * HTTP, objects kept as files in a temporary folder), reached through the AWS SDK like any bucket.
 */
const BUCKET = 'preau-test'
let s3Dir: string
let server: FauxqsServer
let s3: S3Client
let database: TestDatabase
let app: FastifyInstance
let client: TestClient

beforeAll(async () => {
  s3Dir = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-s3-'))
  server = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false, s3StorageDir: s3Dir })
  s3 = new S3Client({
    endpoint: server.address,
    region: 'eu-west-3',
    forcePathStyle: true,
    credentials: { accessKeyId: 'preau', secretAccessKey: 'preau-secret' },
  })
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }))
  database = await createTestDatabase()
  ;({ app } = await createBlobTestApp(database, {
    BLOB_STORE: 's3',
    S3_ENDPOINT: server.address,
    S3_BUCKET: BUCKET,
    S3_REGION: 'eu-west-3',
    S3_ACCESS_KEY_ID: 'preau',
    S3_SECRET_ACCESS_KEY: 'preau-secret',
    S3_PREFIX: 'blobs/',
  }))
  client = new TestClient(app)
})
afterAll(async () => {
  await app?.close()
  await database?.drop()
  s3?.destroy()
  await server?.stop()
  await fs.rm(s3Dir, { recursive: true, force: true })
})
beforeEach(async () => {
  await app.blobs.deleteUnreferenced({ now: new Date(Date.now() + 1000 * 3_600_000) })
})

async function objectKeys(): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))
  return (listed.Contents ?? []).map((object) => object.Key ?? '').sort()
}

const keyOf = (sha256: string) => `blobs/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`

const upload = (fileName: string, content: Buffer) =>
  client.post('/api/test-blobs', multipartBody(fileName, content) as never, multipartHeaders)

describe('configuration', () => {
  it('reads the S3 settings, with the bucket in the path for a server of its own', () => {
    const config = loadConfig({
      BLOB_STORE: 's3',
      S3_BUCKET: 'ent-fichiers',
      S3_ENDPOINT: 'https://s3.example.fr',
    })
    expect(config.blobStore).toEqual({
      kind: 's3',
      endpoint: 'https://s3.example.fr',
      bucket: 'ent-fichiers',
      region: 'us-east-1',
      credentials: undefined,
      forcePathStyle: true,
      prefix: '',
    })
    expect(loadConfig({}).blobStore).toEqual({ kind: 'disk' })
    expect(loadConfig({ BLOB_MAX_MB: '8' }).blobMaxBytes).toBe(8 * 1024 * 1024)
  })

  it('refuses an incomplete S3 configuration, without showing the secret', () => {
    expect(() => loadConfig({ BLOB_STORE: 's3' })).toThrow(/S3_BUCKET : requis quand BLOB_STORE=s3/)
    const error = (() => {
      try {
        loadConfig({ BLOB_STORE: 's3', S3_BUCKET: 'b-1', S3_SECRET_ACCESS_KEY: 'tres-secret' })
      } catch (caught) {
        return caught as Error
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect(error?.message).toContain('S3_ACCESS_KEY_ID')
    expect(error?.message).not.toContain('tres-secret')
    expect(() => loadConfig({ S3_BUCKET: 'Pas Un Bucket' })).toThrow(
      /S3_BUCKET.*un nom de bucket S3 est attendu/,
    )
  })
})

describe('the S3 store', () => {
  it('keeps an upload as one object named by its hash, and serves it back, whole or in part', async () => {
    const created = await upload('sortie.txt', TEXT)
    expect(created.statusCode).toBe(201)
    const blob = created.json() as BlobRecord
    expect(await objectKeys()).toEqual([keyOf(sha256Of(TEXT))])

    const whole = await client.get(`/api/test-blobs/${blob.id}`)
    expect(whole.statusCode).toBe(200)
    expect(whole.rawPayload.equals(TEXT)).toBe(true)
    expect(whole.headers).toMatchObject({
      'content-type': 'text/plain',
      'content-length': String(TEXT.length),
    })
    const part = await client.get(`/api/test-blobs/${blob.id}`, { range: 'bytes=0-5' })
    expect(part.statusCode).toBe(206)
    expect(part.rawPayload.equals(TEXT.subarray(0, 6))).toBe(true)
  })

  it('stores the same content once', async () => {
    await upload('a.png', PNG)
    await upload('b.png', PNG)
    expect(
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from blobs`.execute(database.db)).rows[0]?.n,
      ),
    ).toBe(2)
    expect(await objectKeys()).toEqual([keyOf(sha256Of(PNG))])
  })

  it('sends nothing to the bucket for a refused file', async () => {
    expect((await upload('page.html', HTML)).statusCode).toBe(415)
    expect((await upload('devoir.pdf', PNG)).statusCode).toBe(422)
    const tooLarge = generatedStream(2 * 1024 * 1024)
    await expect(
      app.blobs.put(tooLarge.stream, { fileName: 'x.txt', maxBytes: 1024 * 1024 }),
    ).rejects.toMatchObject({
      status: 413,
    })
    expect(await objectKeys()).toEqual([])
  })

  it('makes a 12 MB round trip and collects the object once nothing references it', async () => {
    const size = 12 * 1024 * 1024
    const source = generatedStream(size, 11)
    const blob = await app.blobs.put(source.stream, { fileName: 'grand.txt' })
    expect(blob).toMatchObject({ size, sha256: source.sha256 })
    const opened = await app.blobs.open(blob.id)
    const hash = createHash('sha256')
    for await (const chunk of opened?.stream ?? []) hash.update(chunk as Buffer)
    expect(hash.digest('hex')).toBe(source.sha256)

    expect(await objectKeys()).toEqual([keyOf(source.sha256)])
    const collected = await app.blobs.deleteUnreferenced({ now: new Date(Date.now() + 25 * 3_600_000) })
    expect(collected).toMatchObject({ deleted: 1, contentsRemoved: 1 })
    expect(await objectKeys()).toEqual([])
    expect(await app.blobs.storage.has(source.sha256)).toBe(false)
  })
})
