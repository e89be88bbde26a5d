import { createHash, randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { sql, type Transaction } from 'kysely'
import type { Db } from '../../db/connection.ts'
import type { Database } from '../../db/schema.ts'
import { fieldProblem, notFound } from '../../plugins/errors.ts'
import { type AuditAuthor, auditedChange } from '../audit/index.ts'
import { parisDay } from './domain/body-rules.ts'
import { checkConvocationDelay } from './domain/convocation.ts'
import { readMeeting } from './meetings.service.ts'

export const CONVOCATION_JOB = 'governance.sendConvocations'

const hashToken = (token: string) => createHash('sha256').update(token).digest()
const frenchDateTime = (d: Date) =>
  new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(d)

/**
 * Sends the convocation of a meeting: by e-mail (from a job: each delegate's message carries a link that
 * records the acknowledgement), or records that the letters went on paper. A convocation that leaves
 * fewer clear days than the rules ask is refused with the reason.
 */
export async function sendConvocation(
  app: FastifyInstance,
  author: AuditAuthor,
  meetingId: string,
  channel: 'email' | 'paper',
  sentAt: Date = new Date(),
): Promise<void> {
  const state = await readMeeting(app.db, meetingId)
  if (state.convocationSentAt)
    throw fieldProblem('channel', 'La convocation de cette séance est déjà partie.')
  const delay = checkConvocationDelay(parisDay(sentAt), parisDay(state.heldAt), state.rules, {
    emergency: state.emergency,
    secondConvocation: state.secondConvocation,
  })
  if (!delay.ok) throw fieldProblem('channel', delay.message ?? 'La convocation part trop tard.')
  const items = state.items.length
  if (items === 0)
    throw fieldProblem('channel', 'Ajoutez au moins un point à l’ordre du jour avant de convoquer.')
  await auditedChange(
    app.db,
    author,
    async (trx) => {
      if (channel === 'paper') {
        await trx
          .updateTable('governanceMeetings')
          .set({ convocationChannel: 'paper', convocationSentAt: sentAt })
          .where('id', '=', meetingId)
          .execute()
        await trx
          .updateTable('governanceAttendance')
          .set({ convocationSentAt: sentAt })
          .where('meetingId', '=', meetingId)
          .execute()
      } else {
        await trx
          .updateTable('governanceMeetings')
          .set({ convocationChannel: 'email' })
          .where('id', '=', meetingId)
          .execute()
        // auditedChange's `trx` is the transaction: the job is queued only if the change commits.
        await app.jobs.enqueue(CONVOCATION_JOB, { meetingId }, { transaction: trx as Transaction<Database> })
      }
    },
    () => ({
      action: 'governance.sendConvocation',
      target: { type: 'governance-meeting', id: meetingId },
      details: { channel, recipients: state.attendance.length },
    }),
  )
}

/**
 * The job: one e-mail per delegate with an address who did not ask for paper, each with its own
 * acknowledgement link; the sending time is recorded per delegate and for the meeting. Re-run after a
 * failure, it sends only to those not yet sent.
 */
export function defineConvocationJob(app: FastifyInstance): void {
  app.jobs.define<{ meetingId: string }>(CONVOCATION_JOB, async ({ meetingId }) => {
    const state = await readMeeting(app.db, meetingId).catch(() => null)
    if (!state) return
    const agenda = state.items.map((i) => `${i.position}. ${i.title}`).join('\n')
    const recipients = await app.db
      .selectFrom('governanceAttendance as a')
      .innerJoin('governanceDelegates as d', 'd.id', 'a.delegateId')
      .select(['a.delegateId', 'd.email', 'd.civility', 'd.lastName'])
      .where('a.meetingId', '=', meetingId)
      .where('a.convocationSentAt', 'is', null)
      .where('d.email', 'is not', null)
      .where('d.wantsPaper', '=', false)
      .execute()
    for (const r of recipients) {
      const token = randomBytes(24).toString('base64url')
      const link = `${app.config.publicUrl}/api/public/convocations/${token}/accuse`
      await app.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('governanceAttendance')
          .set({ convocationSentAt: new Date(), acknowledgementHash: hashToken(token) })
          .where('meetingId', '=', meetingId)
          .where('delegateId', '=', r.delegateId)
          .execute()
        await app.mail.queue(
          {
            to: r.email as string,
            subject: `Convocation : ${state.bodyName}, ${frenchDateTime(state.heldAt)}`,
            text: [
              `${r.civility === 'Mme' ? 'Madame' : 'Monsieur'} ${r.lastName},`,
              '',
              `Vous êtes convoqué(e) à la séance du ${state.bodyName} le ${frenchDateTime(state.heldAt)}, ${state.place}.`,
              '',
              'Ordre du jour :',
              agenda,
              '',
              `Merci d’accuser réception de cette convocation en suivant ce lien : ${link}`,
              '',
              'Si vous ne pouvez pas être présent(e), vous pouvez donner un pouvoir écrit à un autre délégué.',
            ].join('\n'),
          },
          { transaction: trx },
        )
      })
    }
    await app.db
      .updateTable('governanceMeetings')
      .set({ convocationSentAt: new Date() })
      .where('id', '=', meetingId)
      .where('convocationSentAt', 'is', null)
      .execute()
  })
}

/** A delegate follows the link of their convocation: the acknowledgement is recorded once. */
export async function acknowledgeConvocation(
  db: Db,
  token: string,
): Promise<{ heldAt: Date; bodyName: string }> {
  const row = await db
    .updateTable('governanceAttendance as a')
    .set({ acknowledgedAt: sql`coalesce(a.acknowledged_at, now())` })
    .where('a.acknowledgementHash', '=', hashToken(token))
    .returning(['a.meetingId', 'a.acknowledgedAt'])
    .executeTakeFirst()
  if (!row) throw notFound('Ce lien d’accusé de réception ne correspond à aucune convocation.')
  const meeting = await db
    .selectFrom('governanceMeetings as m')
    .innerJoin('governanceBodies as b', 'b.id', 'm.bodyId')
    .select(['m.heldAt', 'b.name as bodyName'])
    .where('m.id', '=', row.meetingId)
    .executeTakeFirstOrThrow()
  return meeting
}
