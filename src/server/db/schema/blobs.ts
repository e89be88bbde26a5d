import type { Generated } from 'kysely'
import type { CreatedAt } from './columns.ts'

/** 0007-blobs: files kept by the blob store (ADR 0006). */

export interface BlobsTable {
  id: Generated<string>
  /** The content's SHA-256 (32 bytes): the name of its file in the store, shared by rows of equal content. */
  sha256: Buffer
  size: number
  /** Sniffed from the bytes at upload. */
  contentType: string
  /** The name the file had when uploaded. */
  fileName: string
  createdAt: CreatedAt
  createdBy: string | null
}

export interface BlobsTables {
  blobs: BlobsTable
}
