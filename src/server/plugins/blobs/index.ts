import fs from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import type { MultipartFile } from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import type { Db } from '../../db/connection.ts'
import { notFound } from '../errors.ts'
import { checkContent, checkFileName, cleanFileName, DEFAULT_ALLOWED_TYPES } from './content-types.ts'
import { DiskBlobStorage } from './disk-storage.ts'
import {
  type BlobRecord,
  type BlobReference,
  deleteUnreferencedBatch,
  findBlob,
  findBlobReferences,
  insertBlob,
  isContentUsed,
  lockContent,
} from './queries.ts'
import { type SendBlobOptions, sendBlob } from './serve.ts'
import { fileTooLarge, SPOOL_SUFFIX, spoolToTempFile } from './spool.ts'
import type { BlobStorage, ByteRange } from './storage.ts'

export { DEFAULT_ALLOWED_TYPES, INLINE_TYPES } from './content-types.ts'
export type { BlobRecord, BlobReference } from './queries.ts'
export type { SendBlobOptions } from './serve.ts'
export type { BlobStorage, ByteRange } from './storage.ts'

export type PutBlobOptions = {
  /** The name the client gave the file: kept (cleaned) and checked against the content. */
  fileName: string
  /** Largest size for this call, in bytes; never above the deployment's `BLOB_MAX_MB`. */
  maxBytes?: number
  /** Sniffed types accepted for this call; default `DEFAULT_ALLOWED_TYPES` (documents, pictures, sound, video). */
  allow?: readonly string[]
  /** The uploader (null for the system). */
  createdBy?: string | null
  /** Checked once the source ended: true when a transport cut it at its own limit (multipart). */
  isTruncated?: () => boolean
}

/** What a collection did. */
export type BlobCollection = {
  /** Rows deleted: no reference left, older than the grace period. */
  deleted: number
  /** Stored contents deleted: no row left with that content. */
  contentsRemoved: number
  /** Spooled uploads a crash left behind. */
  spoolsRemoved: number
  /** Referencing columns without an index leading with them (`table.column`). */
  unindexed: string[]
}

/**
 * The files of every module (ADR 0006). A module streams an upload in with `put` (checked, hashed,
 * stored once per content), keeps the returned id in a column of its own with a foreign key to
 * `blobs(id)`, and answers downloads with `send`. A blob that no such column names any more is deleted
 * by the nightly collection after `BLOB_GRACE_HOURS`.
 */
export interface BlobStore {
  /** The deployment's largest file, in bytes (`BLOB_MAX_MB`). */
  readonly maxBytes: number
  readonly storage: BlobStorage
  /**
   * Streams `source` into the store: refused with a problem (413 too large, 415 a forbidden or
   * unlisted type, 422 a content that contradicts its name or an empty file) and nothing kept, or a new
   * row naming the (possibly shared) content.
   */
  put: (source: Readable, options: PutBlobOptions) => Promise<BlobRecord>
  /** `put` for a file of a multipart request: its name, and the transport's own size limit checked. */
  putMultipartFile: (
    file: MultipartFile,
    options?: Omit<PutBlobOptions, 'fileName' | 'isTruncated'>,
  ) => Promise<BlobRecord>
  get: (id: string) => Promise<BlobRecord | null>
  /** The blob and a stream of its content (or of `range`); null when there is no such blob. */
  open: (id: string, range?: ByteRange) => Promise<{ blob: BlobRecord; stream: Readable } | null>
  /** Answers the blob (by record or id; 404 when unknown) with safe headers; handles Range and If-None-Match. */
  send: (
    request: FastifyRequest,
    reply: FastifyReply,
    blob: BlobRecord | string,
    options?: SendBlobOptions,
  ) => Promise<FastifyReply>
  /** Deletes what no table references any more, as of `now` minus the grace period. */
  deleteUnreferenced: (options?: { now?: Date }) => Promise<BlobCollection>
  /** The columns that reference blobs, found in the catalogue. */
  findReferences: () => Promise<BlobReference[]>
}

declare module 'fastify' {
  interface FastifyInstance {
    blobs: BlobStore
  }
}

export const COLLECT_JOB = 'blobs.collect'
/** Every night at 04:15, Paris time, after the retention jobs whose deletions free blobs. */
const COLLECT_CRON = '15 4 * * *'
const BATCH = 500

/**
 * The store of the configuration: S3 when `BLOB_STORE=s3`, else `<data dir>/blobs`. The AWS SDK is
 * loaded only by a deployment that uses it (it weighs 16 MB).
 */
export async function openBlobStorage(config: Config): Promise<BlobStorage> {
  const root = path.join(config.dataDir, 'blobs')
  if (config.blobStore.kind === 's3') {
    const { S3BlobStorage } = await import('./s3-storage.ts')
    return new S3BlobStorage(config.blobStore, path.join(root, 'tmp'))
  }
  return new DiskBlobStorage(root)
}

/** The `BlobStore` over `storage` and the `blobs` table. */
export function createBlobStore(
  db: Db,
  storage: BlobStorage,
  settings: { maxBytes: number; graceHours: number },
): BlobStore {
  const put = async (source: Readable, options: PutBlobOptions): Promise<BlobRecord> => {
    const maxBytes = Math.min(options.maxBytes ?? settings.maxBytes, settings.maxBytes)
    const fileName = cleanFileName(options.fileName)
    try {
      checkFileName(fileName)
    } catch (error) {
      source.destroy()
      throw error
    }
    const spooled = await spoolToTempFile(source, storage.tempDir, maxBytes)
    try {
      if (options.isTruncated?.()) throw fileTooLarge(maxBytes)
      const contentType = await checkContent(
        spooled.tempPath,
        spooled.size,
        fileName,
        options.allow ?? DEFAULT_ALLOWED_TYPES,
      )
      return await db.transaction().execute(async (trx) => {
        await lockContent(trx, spooled.sha256)
        const blob = await insertBlob(trx, {
          sha256: spooled.sha256,
          size: spooled.size,
          contentType,
          fileName,
          createdBy: options.createdBy ?? null,
        })
        // Under the content's lock: a collection cannot delete this content between the check and the commit.
        await storage.keep(spooled.tempPath, spooled.sha256, spooled.size)
        return blob
      })
    } finally {
      await fs.rm(spooled.tempPath, { force: true })
    }
  }

  const get = (id: string) => findBlob(db, id)

  const deleteUnreferenced = async (options: { now?: Date } = {}): Promise<BlobCollection> => {
    const now = options.now ?? new Date()
    const cutoff = new Date(now.getTime() - settings.graceHours * 3_600_000)
    const references = await findBlobReferences(db)
    const contents = new Set<string>()
    let deleted = 0
    let after: string | null = null
    for (;;) {
      const batch = await withRetryOnReference(() =>
        deleteUnreferencedBatch(db, references, cutoff, after, BATCH),
      )
      for (const row of batch) contents.add(row.sha256)
      deleted += batch.length
      if (batch.length < BATCH) break
      after = batch.at(-1)?.id ?? null
    }
    let contentsRemoved = 0
    for (const sha256 of contents) {
      const isRemoved = await db.transaction().execute(async (trx) => {
        await lockContent(trx, sha256)
        if (await isContentUsed(trx, sha256)) return false
        await storage.remove(sha256)
        return true
      })
      if (isRemoved) contentsRemoved += 1
    }
    const spoolsRemoved = await removeStaleSpools(storage.tempDir, cutoff)
    const unindexed = references.filter((r) => !r.isIndexed).map((r) => `${r.table}.${r.column}`)
    return { deleted, contentsRemoved, spoolsRemoved, unindexed }
  }

  return {
    maxBytes: settings.maxBytes,
    storage,
    put,
    putMultipartFile: (file, options = {}) =>
      put(file.file, { ...options, fileName: file.filename, isTruncated: () => file.file.truncated }),
    get,
    open: async (id, range) => {
      const blob = await get(id)
      return blob ? { blob, stream: await storage.read(blob.sha256, range) } : null
    },
    send: async (request, reply, blobOrId, options) => {
      const blob = typeof blobOrId === 'string' ? await get(blobOrId) : blobOrId
      if (!blob) throw notFound('Ce fichier n’existe pas.')
      return sendBlob(storage, request, reply, blob, options)
    },
    deleteUnreferenced,
    findReferences: () => findBlobReferences(db),
  }
}

/** A reference committed while a batch was deleting makes PostgreSQL refuse it whole: try again. */
async function withRetryOnReference<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run()
    } catch (error) {
      if ((error as { code?: string }).code !== '23503' || attempt >= 5) throw error
    }
  }
}

async function removeStaleSpools(tempDir: string, cutoff: Date): Promise<number> {
  let removed = 0
  const names = await fs.readdir(tempDir).catch(() => [] as string[])
  for (const name of names) {
    if (!name.endsWith(SPOOL_SUFFIX)) continue
    const file = path.join(tempDir, name)
    const stat = await fs.stat(file).catch(() => null)
    if (stat && stat.mtime < cutoff) {
      await fs.rm(file, { force: true })
      removed += 1
    }
  }
  return removed
}

/**
 * `app.blobs`, and the nightly collection of blobs no table references. Registered after `db` and
 * `jobs`; modules that keep files depend on it.
 */
export const blobsPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const { config } = options
    const storage = await openBlobStorage(config)
    const store = createBlobStore(app.db, storage, {
      maxBytes: config.blobMaxBytes,
      graceHours: config.blobGraceHours,
    })
    app.decorate('blobs', store)
    app.jobs.define(COLLECT_JOB, async () => {
      const result = await store.deleteUnreferenced()
      if (result.unindexed.length > 0) {
        app.log.warn({ job: COLLECT_JOB, columns: result.unindexed }, 'blob references without an index')
      }
      app.log.info({ job: COLLECT_JOB, ...result, unindexed: undefined }, 'unreferenced blobs collected')
    })
    app.jobs.schedule(COLLECT_JOB, COLLECT_CRON)
    app.addHook('onClose', () => storage.close())
  },
  { name: 'blobs', dependencies: ['db', 'jobs'] },
)
