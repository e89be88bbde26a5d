import type { MultipartFile } from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../../db/connection.ts'
import { HttpProblem, notFound } from '../../plugins/errors.ts'
import { type AuditAuthor, auditedChange } from '../audit/index.ts'
import { deliberationNumber } from './meeting-state.ts'

/** An annex is a PDF (the @CTES transmission carries only PDF annexes): 20 MB at most. */
const ANNEX_TYPES = ['application/pdf']
const MAX_ANNEX_BYTES = 20 * 1024 * 1024
const MAX_ANNEXES = 30

const notPdf = () =>
  new HttpProblem(
    415,
    'annex-not-pdf',
    'Une annexe de délibération est un fichier PDF : ce fichier n’en est pas un.',
  )

async function deliberationOf(db: Db, deliberationId: string) {
  const row = await db
    .selectFrom('governanceDeliberations')
    .select(['id', 'year', 'seq', 'publishedAt'])
    .where('id', '=', deliberationId)
    .executeTakeFirst()
  if (!row) throw notFound('Délibération introuvable.')
  return row
}

const published = (number: string) =>
  new HttpProblem(
    409,
    'deliberation-published',
    `La délibération ${number} est publiée : ses annexes ne changent plus.`,
  )

/**
 * Streams an uploaded PDF into the blob store and adds it to the deliberation's annexes, after those it
 * already has. Refused with nothing kept: not a PDF (by its bytes, whatever its name), too large, or the
 * deliberation already published.
 */
export async function attachAnnex(
  app: FastifyInstance,
  author: AuditAuthor,
  deliberationId: string,
  file: MultipartFile | undefined,
): Promise<void> {
  const deliberation = await deliberationOf(app.db, deliberationId)
  const number = deliberationNumber(deliberation)
  if (!file) throw new HttpProblem(400, 'validation', 'Choisissez le fichier PDF de l’annexe.')
  if (deliberation.publishedAt) {
    file.file.resume()
    throw published(number)
  }
  const blob = await app.blobs
    .putMultipartFile(file, { allow: ANNEX_TYPES, maxBytes: MAX_ANNEX_BYTES, createdBy: author.actorId })
    .catch((error: unknown) => {
      // A forbidden or unlisted type, or bytes that contradict a `.pdf` name: one plain sentence.
      if (error instanceof HttpProblem && (error.status === 415 || error.status === 422)) throw notPdf()
      throw error
    })
  const title = blob.fileName.replace(/\.pdf$/i, '').slice(0, 300) || 'Annexe'
  await auditedChange(
    app.db,
    author,
    async (trx) => {
      const last = await trx
        .selectFrom('governanceAnnexes')
        .select((eb) => [eb.fn.max('position').as('position'), eb.fn.countAll<string>().as('n')])
        .where('deliberationId', '=', deliberationId)
        .executeTakeFirst()
      if (Number(last?.n ?? 0) >= MAX_ANNEXES)
        throw new HttpProblem(
          422,
          'too-many-annexes',
          `Une délibération porte au plus ${MAX_ANNEXES} annexes.`,
        )
      await trx
        .insertInto('governanceAnnexes')
        .values({ deliberationId, position: (last?.position ?? 0) + 1, title, blobId: blob.id })
        .execute()
    },
    () => ({
      action: 'governance.attachAnnex',
      target: { type: 'governance-deliberation', id: deliberationId },
      details: { number, title },
    }),
  )
}

export async function removeAnnex(
  db: Db,
  author: AuditAuthor,
  deliberationId: string,
  annexId: string,
): Promise<void> {
  const deliberation = await deliberationOf(db, deliberationId)
  const number = deliberationNumber(deliberation)
  if (deliberation.publishedAt) throw published(number)
  await auditedChange(
    db,
    author,
    async (trx) => {
      const deleted = await trx
        .deleteFrom('governanceAnnexes')
        .where('id', '=', annexId)
        .where('deliberationId', '=', deliberationId)
        .returning('title')
        .executeTakeFirst()
      if (!deleted) throw notFound('Annexe introuvable.')
      return deleted.title
    },
    (title) => ({
      action: 'governance.removeAnnex',
      target: { type: 'governance-deliberation', id: deliberationId },
      details: { number, title },
    }),
  )
}

/** The blob of an annex file, for the register (any state) or the public (published deliberations only). */
export async function annexBlobId(
  db: Db,
  deliberationId: string,
  annexId: string,
  options: { publishedOnly: boolean },
): Promise<string> {
  let query = db
    .selectFrom('governanceAnnexes as a')
    .innerJoin('governanceDeliberations as d', 'd.id', 'a.deliberationId')
    .select('a.blobId')
    .where('a.id', '=', annexId)
    .where('a.deliberationId', '=', deliberationId)
  if (options.publishedOnly) query = query.where('d.publishedAt', 'is not', null)
  const row = await query.executeTakeFirst()
  if (!row?.blobId) throw notFound('Annexe introuvable.')
  return row.blobId
}
