import { create as contentDisposition } from 'content-disposition'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { HttpProblem } from '../errors.ts'
import { extensionFor, extensionOf, INLINE_TYPES } from './content-types.ts'
import type { BlobRecord } from './queries.ts'
import type { BlobStorage, ByteRange } from './storage.ts'

export type SendBlobOptions = {
  /** The name to download it under; defaults to the name it was uploaded with. */
  fileName?: string
  /** Shown in the browser rather than downloaded: honoured only for pictures and PDF. */
  inline?: boolean
}

/**
 * The headers of a blob's answer. Whatever it holds, the browser must not run it as part of Préau:
 * `attachment` unless a picture or a PDF is asked inline, `nosniff` so the sniffed type is the one
 * used, a CSP sandbox (no script, no same origin, even when opened directly), and a private cache only
 * (a shared school computer's proxy keeps nothing).
 */
export function blobHeaders(blob: BlobRecord, options: SendBlobOptions = {}): Record<string, string> {
  const isInline = options.inline === true && INLINE_TYPES.has(blob.contentType)
  return {
    'content-type': blob.contentType,
    'content-disposition': dispositionOf(downloadName(blob, options.fileName), isInline),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    'cache-control': 'private, no-cache',
    etag: `"${blob.sha256}"`,
    'accept-ranges': 'bytes',
    'cross-origin-resource-policy': 'same-origin',
  }
}

/**
 * `attachment; filename="ecole.pdf"; filename*=UTF-8''%C3%A9cole.pdf` (RFC 6266 and 8187/5987): the
 * plain name for old clients has its accents taken off rather than replaced by question marks.
 */
function dispositionOf(name: string, isInline: boolean): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_')
  return contentDisposition(name, { type: isInline ? 'inline' : 'attachment', fallback: ascii })
}

/** The given name, else the uploaded one; with the sniffed type's extension when it has none. */
function downloadName(blob: BlobRecord, fileName: string | undefined): string {
  const name = fileName?.trim() || blob.fileName
  const extension = extensionFor(blob.contentType)
  return extensionOf(name) === '' && extension !== '' ? `${name}.${extension}` : name
}

/**
 * The one range of a `Range: bytes=…` header, null for the whole content (no header, several ranges,
 * or a form it does not know: RFC 9110 lets a server ignore them); 'unsatisfiable' beyond the end.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '')
  if (!match) return null
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return null
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  if (start >= size) return 'unsatisfiable'
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  return end < start ? null : { start, end }
}

/**
 * Answers `blob` on `reply`: 200 with the content, 206 with the one range asked, 304 when the browser
 * already has it (`If-None-Match`), 416 for a range past the end.
 */
export async function sendBlob(
  storage: BlobStorage,
  request: FastifyRequest,
  reply: FastifyReply,
  blob: BlobRecord,
  options: SendBlobOptions = {},
): Promise<FastifyReply> {
  const headers = blobHeaders(blob, options)
  const ifNoneMatch = request.headers['if-none-match']
  if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === headers.etag)) {
    const { 'content-type': _type, 'content-disposition': _disposition, ...validators } = headers
    return reply.code(304).headers(validators).send()
  }
  const ifRange = request.headers['if-range']
  const range = ifRange && ifRange !== headers.etag ? null : parseRange(request.headers.range, blob.size)
  if (range === 'unsatisfiable') {
    reply.header('content-range', `bytes */${blob.size}`)
    throw new HttpProblem(416, 'range-not-satisfiable', 'La partie demandée dépasse la fin du fichier.')
  }
  reply.headers(headers)
  if (range) {
    const stream = await storage.read(blob.sha256, range)
    return reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${blob.size}`)
      .header('content-length', String(range.end - range.start + 1))
      .send(stream)
  }
  const stream = await storage.read(blob.sha256)
  // A file goes as it was kept, with its length (downloads show progress, ranges stay true): the
  // compression plugin's documented opt-out is this request header, set here for this answer only.
  request.headers['x-no-compression'] = 'file'
  return reply.code(200).header('content-length', String(blob.size)).send(stream)
}
