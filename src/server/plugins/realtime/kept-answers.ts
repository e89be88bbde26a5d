import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { personAnswers } from './answers.ts'

const gzipAsync = promisify(gzip)

/** The type of a kept answer: already JSON, already UTF-8. */
export const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * Kept answers from this size go gzipped to a client that accepts it. Compressed once when first asked
 * and kept beside the JSON (forgotten with it), so a first page asked again and again costs no
 * compression: only fewer bytes on the socket (a feed page of 7 KB is ~1.5 KB gzipped), which is most of
 * what serving it from memory costs (docs/benchmarks.md, « kept answers »).
 */
const GZIP_FROM_BYTES = 1024

/** Whether `Accept-Encoding` admits gzip (every browser sends it; `gzip;q=0` refuses it). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : header
  if (!value) return false
  // A browser sends the same header with every request: its answer is remembered.
  let admits = admitsGzipByHeader.get(value)
  if (admits === undefined) {
    admits = parseAcceptsGzip(value)
    if (admitsGzipByHeader.size >= 100) admitsGzipByHeader.clear()
    admitsGzipByHeader.set(value, admits)
  }
  return admits
}

const admitsGzipByHeader = new Map<string, boolean>()

function parseAcceptsGzip(value: string): boolean {
  for (const part of value.split(',')) {
    const [coding, ...parameters] = part.trim().toLowerCase().split(';')
    if (coding !== 'gzip' && coding !== '*') continue
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  }
  return false
}

/** Sends `body` as the JSON answer it already is, gzipped when `gzipped`. */
function sendJson(reply: FastifyReply, body: Buffer, gzipped: boolean): void {
  reply.type(JSON_TYPE).header('vary', 'accept-encoding')
  if (gzipped) reply.header('content-encoding', 'gzip')
  reply.send(body)
}

/**
 * Sends the person's kept answer `variant`, gzipped when the client accepts it and it is large enough.
 * `body` gives the JSON (`app.realtime.cachedAnswer`). The stamp is taken before the JSON is read, so a
 * change that overtakes it also refuses its compressed copy.
 *
 * The usual request — a page asked again, its copy kept — is answered at once, without a promise
 * (`undefined`: the reply is sent); else the promise settles once it is.
 */
export function sendKeptAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  variant: string,
  body: () => Promise<Buffer>,
  keeping: boolean,
): Promise<void> | undefined {
  const gzip = acceptsGzip(request.headers['accept-encoding'])
  const gzipVariant = `${variant}|gzip`
  if (keeping) {
    const kept = gzip ? personAnswers.get(userId, gzipVariant) : undefined
    if (kept) return void sendJson(reply, kept, true)
    const json = personAnswers.get(userId, variant)
    if (json && (!gzip || json.length < GZIP_FROM_BYTES)) return void sendJson(reply, json, false)
  }
  return sendBuilt(reply, userId, gzipVariant, body, gzip, keeping)
}

async function sendBuilt(
  reply: FastifyReply,
  userId: string,
  gzipVariant: string,
  body: () => Promise<Buffer>,
  gzip: boolean,
  keeping: boolean,
): Promise<void> {
  const stamp = personAnswers.stamp()
  const json = await body()
  if (!gzip || json.length < GZIP_FROM_BYTES) return sendJson(reply, json, false)
  const gzipped = await gzipAsync(json)
  if (keeping) personAnswers.set(userId, gzipVariant, gzipped, stamp)
  sendJson(reply, gzipped, true)
}
