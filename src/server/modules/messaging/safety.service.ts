import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { SafetyOverview } from '../../../contract/messaging.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import { HttpProblem, notFound } from '../../plugins/errors.ts'
import { notifyUsers, personAnswers } from '../../plugins/realtime/index.ts'
import { deleteFromSchool, inSchool, type SchoolScope } from '../../plugins/tenancy.ts'
import { type AuditAuthor, auditedSchoolChange } from '../audit/index.ts'
import { findEntryWithMessage } from './queries.ts'
import { escapeHtml, sanitizeBody } from './sanitize.ts'

/**
 * « Signaler ce message »: a recipient sends a message they received, with its context (author, date,
 * the reporter's reason), to the school's direction — a report row for the director's screen and a
 * message in each director's inbox, in one transaction with its audit entry. Reporting twice is once.
 */
export async function reportMessage(
  scope: SchoolScope,
  actor: Actor,
  author: AuditAuthor,
  messageId: string,
  reason: string,
): Promise<void> {
  const entry = await findEntryWithMessage(scope.db, actor.userId, messageId)
  if (!entry || entry.role === 'author' || entry.schoolId !== scope.schoolId)
    throw notFound('Message introuvable.')
  await auditedSchoolChange(
    scope,
    author,
    async (trx) => {
      const inserted = await trx.db
        .insertInto('messageReports')
        .values({ schoolId: scope.schoolId, messageId, reporterId: actor.userId, reason })
        .onConflict((oc) => oc.columns(['schoolId', 'messageId', 'reporterId']).doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!inserted) return false
      const when = entry.sentAt?.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' }) ?? ''
      const { html, text } = sanitizeBody(
        `<p>${escapeHtml(actor.displayName)} signale un message reçu${reason ? ` : « ${escapeHtml(reason)} »` : '.'}</p>` +
          `<p>De : ${escapeHtml(entry.authorName ?? '')}<br>Date : ${escapeHtml(when)}<br>Objet : ${escapeHtml(entry.subject)}</p>` +
          `<blockquote>${entry.bodyHtml}</blockquote>` +
          '<p>Depuis « Messagerie › Signalements », vous pouvez suspendre l’envoi de messages de ce compte.</p>',
      )
      const alertId = randomUUID()
      const now = new Date()
      await trx.db
        .insertInto('messages')
        .values({
          schoolId: scope.schoolId,
          id: alertId,
          authorId: null,
          subject: `Signalement : ${entry.subject}`.slice(0, 200),
          bodyHtml: html,
          bodyText: text,
          addressees: JSON.stringify([
            { kind: 'to', type: 'group', id: 'direction', name: 'Direction de l’école' },
          ]),
          state: 'sent',
          sentAt: now,
        })
        .execute()
      const { rows: directors } = await sql<{ userId: string }>`
        insert into mailbox_entries (school_id, message_id, user_id, role, folder, sent_at)
        select distinct m.school_id, ${alertId}::uuid, m.user_id, 'to', 'inbox', ${now}::timestamptz
        from memberships m where ${inSchool(trx, 'm')} and m.left_at is null and 'director' = any(m.functions)
        returning user_id`.execute(trx.db)
      // The direction's inboxes changed without a feed item: their cached pages are forgotten.
      const directorIds = directors.map((d) => d.userId)
      personAnswers.forget(directorIds)
      await notifyUsers(trx.db, directorIds, { type: 'messaging.mailbox' })
      return true
    },
    (reported) =>
      reported
        ? { action: 'messaging.report', schoolId: scope.schoolId, target: { type: 'message', id: messageId } }
        : null,
  )
}

async function checkMember(scope: SchoolScope, userId: string): Promise<void> {
  const { rows } =
    await sql`select 1 from memberships m where ${inSchool(scope, 'm')} and m.user_id = ${userId}
    and m.left_at is null limit 1`.execute(scope.db)
  if (rows.length === 0) throw notFound('Compte introuvable.')
}

/** The director suspends an account's sending in the school, at once (its next send is refused). Audited. */
export async function suspendSending(
  scope: SchoolScope,
  actor: Actor,
  author: AuditAuthor,
  userId: string,
  reason: string,
): Promise<void> {
  if (userId === actor.userId)
    throw new HttpProblem(422, 'self-suspension', 'Vous ne pouvez pas suspendre votre propre compte.')
  await checkMember(scope, userId)
  await auditedSchoolChange(
    scope,
    author,
    async (trx) => {
      const inserted = await trx.db
        .insertInto('messagingSuspensions')
        .values({ schoolId: scope.schoolId, userId, suspendedBy: actor.userId, reason })
        .onConflict((oc) => oc.columns(['schoolId', 'userId']).doNothing())
        .returning('userId')
        .executeTakeFirst()
      return inserted !== undefined
    },
    (changed) =>
      changed
        ? { action: 'messaging.suspend', schoolId: scope.schoolId, target: { type: 'user', id: userId } }
        : null,
  )
}

export async function liftSuspension(scope: SchoolScope, author: AuditAuthor, userId: string): Promise<void> {
  await auditedSchoolChange(
    scope,
    author,
    async (trx) => {
      const deleted = await deleteFromSchool(trx, 'messagingSuspensions')
        .where('userId', '=', userId)
        .executeTakeFirst()
      if (Number(deleted.numDeletedRows) === 0) throw notFound('Aucune suspension pour ce compte.')
    },
    () => ({
      action: 'messaging.liftSuspension',
      schoolId: scope.schoolId,
      target: { type: 'user', id: userId },
    }),
  )
}

const NAME = (alias: string) => sql.raw(`${alias}.first_name || ' ' || upper(${alias}.last_name)`)

/** The director's screen: the school's reports (newest first, with the message) and suspended accounts. */
export async function readSafetyOverview(scope: SchoolScope): Promise<SafetyOverview> {
  const { rows: reports } = await sql<{
    id: string
    at: Date
    reason: string
    reporterId: string | null
    reporterName: string | null
    messageId: string
    subject: string
    bodyHtml: string
    sentAt: Date | null
    authorId: string | null
    authorName: string | null
    recipients: string
    authorSuspended: boolean
  }>`
    select r.id, r.created_at as at, r.reason, r.reporter_id, ${NAME('ru')} as reporter_name,
      m.id as message_id, m.subject, m.body_html, m.sent_at, m.author_id, ${NAME('au')} as author_name,
      (select count(*) from mailbox_entries e where e.school_id = m.school_id and e.message_id = m.id
        and e.role <> 'author') as recipients,
      exists (select 1 from messaging_suspensions s where s.school_id = r.school_id and s.user_id = m.author_id)
        as author_suspended
    from message_reports r
    join messages m on m.school_id = r.school_id and m.id = r.message_id
    left join users ru on ru.id = r.reporter_id
    left join users au on au.id = m.author_id
    where ${inSchool(scope, 'r')}
    order by r.created_at desc
    limit 200
  `.execute(scope.db)
  const { rows: suspensions } = await sql<{
    userId: string
    userName: string
    at: Date
    byId: string | null
    byName: string | null
    reason: string
  }>`
    select s.user_id, ${NAME('u')} as user_name, s.suspended_at as at, s.suspended_by as by_id,
      ${NAME('b')} as by_name, s.reason
    from messaging_suspensions s
    join users u on u.id = s.user_id
    left join users b on b.id = s.suspended_by
    where ${inSchool(scope, 's')}
    order by s.suspended_at desc
  `.execute(scope.db)
  return {
    reports: reports.map((r) => ({
      id: r.id,
      at: r.at,
      reason: r.reason,
      reporter: r.reporterId ? { id: r.reporterId, displayName: r.reporterName ?? '' } : null,
      message: {
        id: r.messageId,
        subject: r.subject,
        bodyHtml: r.bodyHtml,
        sentAt: r.sentAt,
        author: r.authorId ? { id: r.authorId, displayName: r.authorName ?? '' } : null,
        recipients: Number(r.recipients),
      },
      authorSuspended: r.authorSuspended,
    })),
    suspensions: suspensions.map((s) => ({
      user: { id: s.userId, displayName: s.userName },
      at: s.at,
      by: s.byId ? { id: s.byId, displayName: s.byName ?? '' } : null,
      reason: s.reason,
    })),
  }
}
