import { sql } from 'kysely'
import type { z } from 'zod'
import type { DeliberationBody } from '../../../contract/governance.ts'
import type { Db } from '../../db/connection.ts'
import { fieldProblem, HttpProblem, isUniqueViolation, notFound } from '../../plugins/errors.ts'
import { type AuditAuthor, auditedChange } from '../audit/index.ts'
import { parisDay } from './domain/body-rules.ts'
import { deliberationNumber } from './meeting-state.ts'
import { readMeeting } from './meetings.service.ts'

type Text = z.output<typeof DeliberationBody>

/** The deliberation with its meeting, its vote as computed, and the versions it replaced. */
export async function readDeliberation(db: Db, deliberationId: string) {
  const row = await db
    .selectFrom('governanceDeliberations as d')
    .innerJoin('governanceItems as i', 'i.id', 'd.itemId')
    .innerJoin('governanceMeetings as m', 'm.id', 'i.meetingId')
    .selectAll('d')
    .select(['i.meetingId', 'm.heldAt'])
    .where('d.id', '=', deliberationId)
    .executeTakeFirst()
  if (!row) throw notFound('Délibération introuvable.')
  const [annexes, versions, meeting] = await Promise.all([
    db
      .selectFrom('governanceAnnexes as a')
      .leftJoin('blobs as b', 'b.id', 'a.blobId')
      .select(['a.id', 'a.title', 'a.blobId', 'b.size'])
      .where('a.deliberationId', '=', row.id)
      .orderBy('a.position')
      .execute(),
    db
      .selectFrom('governanceDeliberationVersions')
      .select(['version', 'replacedAt'])
      .where('deliberationId', '=', row.id)
      .orderBy('version')
      .execute(),
    readMeeting(db, row.meetingId),
  ])
  const item = meeting.items.find((i) => i.id === row.itemId)
  return {
    deliberation: {
      id: row.id,
      number: deliberationNumber(row),
      meetingId: row.meetingId,
      itemId: row.itemId,
      heldAt: row.heldAt,
      object: row.object,
      visas: row.visas,
      considerants: row.considerants,
      articles: row.articles,
      annexes: annexes.map((a) => ({
        id: a.id,
        title: a.title,
        hasFile: a.blobId !== null,
        size: a.size === null ? null : Number(a.size),
      })),
      classification: row.classification,
      natureCode: row.natureCode,
      version: row.version,
      wording: item?.vote?.wording ?? null,
      publishedAt: row.publishedAt,
      transmittedAt: row.transmittedAt,
      acknowledgedAt: row.acknowledgedAt,
      previousVersions: versions,
    },
    meeting,
    item,
  }
}

export type DeliberationView = Awaited<ReturnType<typeof readDeliberation>>

/**
 * Writes the deliberation of a voted item. Its number is the next of the meeting's year (`2019-12`),
 * unless `seq` gives the number printed on a past record. Before publication it is edited in place;
 * once published, only `newVersion` changes it, keeping the previous text.
 */
export async function saveDeliberation(
  db: Db,
  author: AuditAuthor,
  itemId: string,
  text: Text,
  options: { seq?: number; newVersion?: boolean } = {},
): Promise<string> {
  const item = await db
    .selectFrom('governanceItems as i')
    .innerJoin('governanceMeetings as m', 'm.id', 'i.meetingId')
    .select(['i.id', 'i.totals', 'm.heldAt'])
    .where('i.id', '=', itemId)
    .executeTakeFirst()
  if (!item) throw notFound('Point de l’ordre du jour introuvable.')
  if (!item.totals)
    throw fieldProblem('object', 'Enregistrez le vote de ce point avant d’en rédiger la délibération.')
  const year = Number(parisDay(item.heldAt).slice(0, 4))
  const values = {
    object: text.object,
    visas: JSON.stringify(text.visas),
    considerants: JSON.stringify(text.considerants),
    articles: JSON.stringify(text.articles),
    classification: text.classification,
  }
  try {
    return await auditedChange(
      db,
      author,
      async (trx) => {
        const existing = await trx
          .selectFrom('governanceDeliberations')
          .selectAll()
          .where('itemId', '=', itemId)
          .forUpdate()
          .executeTakeFirst()
        let id: string
        let version = 1
        let number: string
        if (!existing) {
          // Numbers of a year are given in order: one writer at a time per year.
          await sql`select pg_advisory_xact_lock(hashtext('governance.deliberation-number'), ${year})`.execute(
            trx,
          )
          const last = await trx
            .selectFrom('governanceDeliberations')
            .select((eb) => eb.fn.max('seq').as('seq'))
            .where('year', '=', year)
            .executeTakeFirst()
          const seq = options.seq ?? (last?.seq ?? 0) + 1
          const created = await trx
            .insertInto('governanceDeliberations')
            .values({ itemId, year, seq, ...values })
            .returning('id')
            .executeTakeFirstOrThrow()
          id = created.id
          number = `${year}-${seq}`
        } else {
          id = existing.id
          number = deliberationNumber(existing)
          version = existing.version
          if (existing.publishedAt) {
            if (!options.newVersion) {
              throw new HttpProblem(
                409,
                'deliberation-published',
                `La délibération ${number} est publiée : elle ne change que par une nouvelle version, qui garde l’ancienne.`,
              )
            }
            const { id: _, ...snapshot } = existing
            await trx
              .insertInto('governanceDeliberationVersions')
              .values({
                deliberationId: id,
                version: existing.version,
                snapshot: JSON.stringify(snapshot),
                replacedBy: author.actorId,
              })
              .execute()
            version = existing.version + 1
          }
          await trx
            .updateTable('governanceDeliberations')
            .set({ ...values, version })
            .where('id', '=', id)
            .execute()
          await trx
            .deleteFrom('governanceAnnexes')
            .where('deliberationId', '=', id)
            .where('blobId', 'is', null)
            .execute()
        }
        if (text.annexes.length) {
          const kept = await trx
            .selectFrom('governanceAnnexes')
            .select((eb) => eb.fn.max('position').as('position'))
            .where('deliberationId', '=', id)
            .executeTakeFirst()
          const start = kept?.position ?? 0
          await trx
            .insertInto('governanceAnnexes')
            .values(
              text.annexes.map((title, index) => ({
                deliberationId: id,
                position: start + index + 1,
                title,
              })),
            )
            .execute()
        }
        return { id, number, version }
      },
      (r) => ({
        action: 'governance.saveDeliberation',
        target: { type: 'governance-deliberation', id: r.id },
        details: { number: r.number, version: r.version },
      }),
    ).then((r) => r.id)
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldProblem('seq', `Le numéro ${year}-${options.seq} est déjà pris.`)
    throw error
  }
}

/** Publishes a deliberation online (the public page shows it with this date). Only an adopted, quorate one. */
export async function publishDeliberation(
  db: Db,
  author: AuditAuthor,
  deliberationId: string,
): Promise<void> {
  const view = await readDeliberation(db, deliberationId)
  if (view.deliberation.publishedAt) return
  if (!view.item?.vote) throw fieldProblem('deliberation', 'Le vote de ce point n’est pas enregistré.')
  const { quorum } = view.item
  if (!quorum.met) {
    // A second convocation deliberates without quorum (`quorum.met` is then true): only a first one stops here.
    throw new HttpProblem(
      409,
      'quorum-not-met',
      `Le quorum n’était pas atteint pour ce point (${quorum.counted} sur ${quorum.required} requis) : la délibération ${view.deliberation.number} ne peut pas être publiée. Convoquez à nouveau le comité : une seconde convocation délibère sans condition de quorum.`,
    )
  }
  await auditedChange(
    db,
    author,
    (trx) =>
      trx
        .updateTable('governanceDeliberations')
        .set({ publishedAt: new Date() })
        .where('id', '=', deliberationId)
        .where('publishedAt', 'is', null)
        .execute(),
    () => ({
      action: 'governance.publishDeliberation',
      target: { type: 'governance-deliberation', id: deliberationId },
      details: { number: view.deliberation.number },
    }),
  )
}

/** The dates of transmission to the prefecture (contrôle de légalité) and of its acknowledgement. */
export async function recordTransmission(
  db: Db,
  author: AuditAuthor,
  deliberationId: string,
  dates: { transmittedAt?: Date; acknowledgedAt?: Date | null },
): Promise<void> {
  const view = await readDeliberation(db, deliberationId)
  const transmittedAt = dates.transmittedAt ?? view.deliberation.transmittedAt ?? new Date()
  if (dates.acknowledgedAt && dates.acknowledgedAt < transmittedAt) {
    throw fieldProblem('acknowledgedAt', 'L’accusé de réception ne peut pas précéder la transmission.')
  }
  await auditedChange(
    db,
    author,
    (trx) =>
      trx
        .updateTable('governanceDeliberations')
        .set({ transmittedAt, acknowledgedAt: dates.acknowledgedAt ?? view.deliberation.acknowledgedAt })
        .where('id', '=', deliberationId)
        .execute(),
    () => ({
      action: 'governance.recordTransmission',
      target: { type: 'governance-deliberation', id: deliberationId },
      details: { number: view.deliberation.number },
    }),
  )
}

/** The published deliberations, newest first (the public page and the SCDL file). */
export function listPublishedDeliberations(db: Db, year?: number) {
  let query = db
    .selectFrom('governanceDeliberations as d')
    .innerJoin('governanceItems as i', 'i.id', 'd.itemId')
    .innerJoin('governanceMeetings as m', 'm.id', 'i.meetingId')
    .innerJoin('governanceBodies as b', 'b.id', 'm.bodyId')
    .select([
      'd.id',
      'd.year',
      'd.seq',
      'd.object',
      'd.classification',
      'd.natureCode',
      'd.publishedAt',
      'd.transmittedAt',
      'd.itemId',
      'i.meetingId',
      'm.heldAt',
      'b.name as bodyName',
    ])
    .where('d.publishedAt', 'is not', null)
  if (year) query = query.where('d.year', '=', year)
  return query.orderBy('d.year', 'desc').orderBy('d.seq', 'desc').limit(500).execute()
}
