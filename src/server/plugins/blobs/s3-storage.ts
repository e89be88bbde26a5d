import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import {
  type BlobStorage,
  type ByteRange,
  fanOutPath,
  MissingBlobContentError,
  SHA256_HEX,
} from './storage.ts'

export type S3Settings = {
  /** Unset: AWS itself, by region. */
  endpoint: string | undefined
  bucket: string
  region: string
  /** Unset: the SDK's usual chain (environment, profile, instance role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined
  /** `bucket` in the path rather than the host name; most S3-compatible servers want it. */
  forcePathStyle: boolean
  /** Prefix of every key, e.g. `preau/`. */
  prefix: string
}

/** Up to this size one `PutObject`; above, a multipart upload of parts this size, two at a time. */
const PART_BYTES = 8 * 1024 * 1024

/**
 * Blobs in an S3-compatible bucket (AWS, MinIO, Garage, Ceph, Scaleway, OVHcloud…), for several
 * servers sharing one store: key `<prefix>ab/cd/<sha256>`. An upload is spooled and checked on local disk
 * first, then sent (one `PutObject`, or a multipart upload above 8 MiB) with the SHA-256 of every request,
 * which the server verifies: an object is the whole content or does not exist (an interrupted multipart
 * upload is no object; the bucket's lifecycle rule `AbortIncompleteMultipartUpload` clears its parts), and
 * a refused file never reaches the bucket.
 */
export class S3BlobStorage implements BlobStorage {
  readonly kind = 's3'
  readonly tempDir: string
  readonly #client: S3Client
  readonly #settings: S3Settings

  constructor(settings: S3Settings, tempDir: string) {
    this.#settings = settings
    this.tempDir = tempDir
    this.#client = new S3Client({
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
    })
  }

  #keyOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`)
    return `${this.#settings.prefix}${fanOutPath(sha256)}`
  }

  async keep(tempPath: string, sha256: string, size: number): Promise<void> {
    if (await this.has(sha256)) return
    const upload = new Upload({
      client: this.#client,
      params: {
        Bucket: this.#settings.bucket,
        Key: this.#keyOf(sha256),
        Body: createReadStream(tempPath),
        ContentLength: size,
        ContentType: 'application/octet-stream',
        // Each request carries the SHA-256 of its bytes, checked by the server before it keeps them.
        ChecksumAlgorithm: 'SHA256',
      },
      partSize: PART_BYTES,
      queueSize: 2,
      leavePartsOnError: false,
    })
    await upload.done()
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable> {
    try {
      const object = await this.#client.send(
        new GetObjectCommand({
          Bucket: this.#settings.bucket,
          Key: this.#keyOf(sha256),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      )
      if (!(object.Body instanceof Readable)) throw new Error('S3 answered without a readable body')
      return object.Body
    } catch (error) {
      if (isNotFound(error)) throw new MissingBlobContentError(sha256)
      throw error
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.#client.send(
        new HeadObjectCommand({ Bucket: this.#settings.bucket, Key: this.#keyOf(sha256) }),
      )
      return true
    } catch (error) {
      if (isNotFound(error)) return false
      throw error
    }
  }

  async remove(sha256: string): Promise<void> {
    await this.#client.send(
      new DeleteObjectCommand({ Bucket: this.#settings.bucket, Key: this.#keyOf(sha256) }),
    )
  }

  async close(): Promise<void> {
    this.#client.destroy()
  }
}

function isNotFound(error: unknown): boolean {
  if (error instanceof NotFound || error instanceof NoSuchKey) return true
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404
}
