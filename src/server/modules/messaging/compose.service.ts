import { sql } from 'kysely'
import type { z } from 'zod'
import type { DraftBody, SendBody } from '../../../contract/messaging.ts'
import type { Config } from '../../config.ts'
import type { MessageAddressee } from '../../db/schema.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import { HttpProblem, notFound } from '../../plugins/errors.ts'
import {
  deleteFromSchool,
  fromSchool,
  inSchool,
  type SchoolScope,
  schoolTransaction,
  updateInSchool,
} from '../../plugins/tenancy.ts'
import { type AuditAuthor, auditedSchoolChange } from '../audit/index.ts'
import { withdrawFeedItems } from '../feed/index.ts'
import {
  type Addressing,
  checkAddressing,
  insertRecipients,
  recipientsInsert,
  refused,
} from './addressing.ts'
import { deliverTo } from './delivery.ts'
import { findDraftToSend, findOwnMessage, isReadByAnyone, markSent, setMessageState } from './queries.ts'
import { sanitizeBody } from './sanitize.ts'

const draftGone = () =>
  new HttpProblem(409, 'not-a-draft', 'Ce message est déjà parti : il ne peut plus être modifié.')

/**
 * Saves the draft `messageId` (the client chose the id when the draft started: saving again is the same
 * draft, whatever the retries). The body is sanitised now; addressees are checked at once, so the
 * composer learns of a refused one before sending.
 */
export async function saveDraft(
  scope: SchoolScope,
  actor: Actor,
  messageId: string,
  body: z.output<typeof DraftBody>,
): Promise<void> {
  const addressees = await checkAddressing(scope, actor, body as Addressing)
  const { html, text } = sanitizeBody(body.bodyHtml)
  await schoolTransaction(scope, async (trx) => {
    // The draft (locked) and whether its id is already someone else's copy, in one round trip.
    const { rows } = await sql<{
      found: boolean | null
      authorId: string | null
      state: string | null
      taken: boolean
    }>`
      select d.found, d.author_id, d.state, exists (
          select 1 from mailbox_entries e where e.user_id = ${actor.userId} and e.message_id = ${messageId}
        ) as taken
      from (select 1) as one
      left join lateral (
        select true as found, m.author_id, m.state from messages m
        where ${inSchool(trx, 'm')} and m.id = ${messageId} for update
      ) as d on true
    `.execute(trx.db)
    const found = rows[0]
    const existing = found?.found ? { authorId: found.authorId, state: found.state } : undefined
    if (existing && existing.authorId !== actor.userId) throw notFound('Brouillon introuvable.')
    if (existing && existing.state !== 'draft') throw draftGone()
    const fields = {
      subject: body.subject,
      bodyHtml: html,
      bodyText: text,
      addressees: JSON.stringify(addressees),
      inReplyTo: body.inReplyTo ?? null,
      forwardOf: body.forwardOf ?? null,
      updatedAt: new Date(),
    }
    if (existing) {
      await sql`
        with message as (
          update messages set subject = ${fields.subject}, body_html = ${fields.bodyHtml},
            body_text = ${fields.bodyText}, addressees = ${fields.addressees}::jsonb,
            in_reply_to = ${fields.inReplyTo}, forward_of = ${fields.forwardOf}, updated_at = ${fields.updatedAt}
          where ${inSchool(trx, 'messages')} and id = ${messageId}
        )
        update mailbox_entries set sent_at = ${fields.updatedAt}
        where ${inSchool(trx, 'mailbox_entries')} and message_id = ${messageId} and user_id = ${actor.userId}
      `.execute(trx.db)
      return
    }
    if (found?.taken)
      throw new HttpProblem(
        409,
        'draft-id-taken',
        'Ce brouillon existe déjà ailleurs : recommencez le message.',
      )
    // The message and its author's copy in « Brouillons », in one statement.
    await sql`
      with message as (
        insert into messages (school_id, id, author_id, subject, body_html, body_text, addressees,
          in_reply_to, forward_of, updated_at)
        values (${scope.schoolId}, ${messageId}, ${actor.userId}, ${fields.subject}, ${fields.bodyHtml},
          ${fields.bodyText}, ${fields.addressees}::jsonb, ${fields.inReplyTo}, ${fields.forwardOf},
          ${fields.updatedAt})
        returning school_id, id
      )
      insert into mailbox_entries (school_id, message_id, user_id, role, folder, sent_at, read_at)
      select school_id, id, ${actor.userId}, 'author', 'drafts', ${fields.updatedAt}, ${fields.updatedAt}
      from message
    `.execute(trx.db)
  })
}

/** Throws away one's draft (its attachments go with it; their blobs are collected later). */
export async function discardDraft(scope: SchoolScope, actor: Actor, messageId: string): Promise<void> {
  const deleted = await deleteFromSchool(scope, 'messages')
    .where('id', '=', messageId)
    .where('authorId', '=', actor.userId)
    .where('state', '=', 'draft')
    .executeTakeFirst()
  if (Number(deleted.numDeletedRows) === 0) throw notFound('Brouillon introuvable.')
}

/** The daily limit of the actor in this school: the most generous of the profiles they hold there. */
function dailyLimitOf(config: Config, actor: Actor, schoolId: string): number {
  const limits = config.messagingDailyLimits
  const profiles = actor.memberships.filter((m) => m.schoolId === schoolId).map((m) => m.profile)
  return Math.max(
    0,
    ...profiles.map((profile) =>
      profile === 'teacher' || profile === 'staff'
        ? limits.staff
        : profile === 'pupil'
          ? limits.pupil
          : profile === 'parent'
            ? limits.parent
            : limits.other,
    ),
  )
}

export type SendOutcome = { messageId: string; state: 'sent' | 'scheduled'; recipients: number; sentAt: Date }

/**
 * Sends the draft now, or schedules it. Idempotent: a retry of a send that went through answers the same
 * outcome and delivers nothing twice. Refused with a French problem, nothing changed: a suspended
 * account, the daily limit reached, no recipient, a refused addressee, a time in the past.
 */
export async function sendDraft(
  scope: SchoolScope,
  actor: Actor,
  config: Config,
  messageId: string,
  body: z.output<typeof SendBody>,
  now = new Date(),
): Promise<SendOutcome> {
  const scheduledFor = body.scheduledFor
  if (scheduledFor && scheduledFor.getTime() <= now.getTime())
    throw refused('Choisissez un moment à venir pour l’envoi programmé.', 'schedule-in-past')
  return schoolTransaction(scope, async (trx) => {
    // One round trip for what the checks need: the draft (locked), whether its author may send, and
    // how much they sent today.
    const message = await findDraftToSend(trx, actor.userId, messageId)
    if (!message) throw notFound('Brouillon introuvable.')
    if (message.state === 'sent' || message.state === 'scheduled') {
      const recipients = await fromSchool(trx, 'mailboxEntries')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('messageId', '=', messageId)
        .where('role', '<>', 'author')
        .executeTakeFirstOrThrow()
      return {
        messageId,
        state: message.state,
        recipients: Number(recipients.n),
        sentAt: message.sentAt ?? now,
      }
    }
    if (message.state !== 'draft') throw draftGone()
    if (message.suspended)
      throw new HttpProblem(
        403,
        'sending-suspended',
        'La direction de l’école a suspendu l’envoi de messages depuis ce compte.',
      )
    const limit = dailyLimitOf(config, actor, scope.schoolId)
    if (message.sentToday >= limit)
      throw new HttpProblem(
        429,
        'daily-limit',
        `Vous avez atteint la limite de ${limit} messages envoyés en 24 heures. Réessayez plus tard.`,
      )
    if (!message.subject.trim() && !message.bodyText.trim())
      throw refused('Écrivez un objet ou un message avant d’envoyer.', 'empty-message')
    // Checked again at sending: the author's reach or the offered groups may have changed since the save.
    const addressees = message.addressees as MessageAddressee[]
    if (!addressees.some((a) => a.kind === 'to' || a.kind === 'cc' || a.kind === 'bcc'))
      throw refused('Choisissez au moins un destinataire.', 'no-recipient')
    const split = { to: [], cc: [], bcc: [] } as Addressing
    for (const a of addressees) split[a.kind].push({ type: a.type, id: a.id })
    const checked = await checkAddressing(trx, actor, split)
    const sentAt = scheduledFor ?? now
    const state = scheduledFor ? 'scheduled' : 'sent'
    const recipients = { messageId, sentAt, addressees: checked }
    // Sent now: the mailbox copies and the recipients' feed item in one statement (the feed delivers
    // from the rows the insert returns). Scheduled: the copies only, the feed when its time comes.
    const recipientIds =
      state === 'sent'
        ? await deliverNow(trx, actor, recipients, message)
        : await insertRecipients(trx, actor, recipients)
    if (recipientIds.length === 0)
      throw refused('Aucun de ces destinataires ne peut recevoir ce message.', 'no-recipient')
    await markSent(trx, { messageId, authorId: actor.userId, state, sentAt })
    return { messageId, state, recipients: recipientIds.length, sentAt }
  })
}

/** The send's fan-out: copies and feed in one statement (nobody named: nothing written). */
async function deliverNow(
  scope: SchoolScope,
  actor: Actor,
  input: Parameters<typeof recipientsInsert>[2],
  message: { subject: string; authorName: string | null },
): Promise<string[]> {
  const insert = await recipientsInsert(scope, actor, input)
  if (!insert) return []
  return deliverTo(
    scope.db,
    { schoolId: scope.schoolId, messageId: input.messageId, authorId: actor.userId },
    { subject: message.subject, author: message.authorName },
    insert,
  )
}

/**
 * « Annuler l'envoi » of a scheduled message before it leaves: it goes back to the author's drafts, to be
 * changed and sent again, and out of its recipients' mailboxes, where nobody could see it yet (their
 * entries wait for its time). The job delivers only `scheduled` messages, and takes them `for update skip
 * locked`: this takes the message `for update` too, so it either cancels before the job, or finds the
 * message sent and refuses (409). Nothing reached anyone: no audit entry, as for a draft.
 */
export async function cancelScheduled(scope: SchoolScope, actor: Actor, messageId: string): Promise<void> {
  await schoolTransaction(scope, async (trx) => {
    const message = await fromSchool(trx, 'messages')
      .select('state')
      .where('id', '=', messageId)
      .where('authorId', '=', actor.userId)
      .forUpdate()
      .executeTakeFirst()
    if (!message || message.state === 'draft') throw notFound('Message introuvable.')
    if (message.state !== 'scheduled')
      throw new HttpProblem(
        409,
        'already-sent',
        'Ce message est déjà parti : son envoi ne peut plus être annulé.',
      )
    await deleteFromSchool(trx, 'mailboxEntries')
      .where('messageId', '=', messageId)
      .where('role', '<>', 'author')
      .execute()
    const now = new Date()
    await setMessageState(trx, messageId, 'draft', { sentAt: null })
    await updateInSchool(trx, 'mailboxEntries')
      .set({ folder: 'drafts', sentAt: now })
      .where('messageId', '=', messageId)
      .where('userId', '=', actor.userId)
      .execute()
  })
}

/**
 * Recalls a message nobody has read yet, within `MESSAGING_RECALL_MINUTES` of its sending (a scheduled
 * one until it leaves): it leaves every recipient's mailbox; the author keeps it, marked recalled. Audited.
 */
export async function recallMessage(
  scope: SchoolScope,
  actor: Actor,
  author: AuditAuthor,
  config: Config,
  messageId: string,
  now = new Date(),
): Promise<{ recipients: number }> {
  const message = await findOwnMessage(scope, actor.userId, messageId)
  if (!message || message.state === 'draft') throw notFound('Message introuvable.')
  if (message.state === 'recalled')
    throw new HttpProblem(409, 'already-recalled', 'Ce message a déjà été rappelé.')
  const deadline = recallDeadline(config, message.sentAt)
  if (message.state === 'sent' && (!deadline || deadline.getTime() < now.getTime()))
    throw new HttpProblem(
      409,
      'recall-too-late',
      `Un message ne peut être rappelé que dans les ${config.messagingRecallMinutes} minutes qui suivent son envoi.`,
    )
  return auditedSchoolChange(
    scope,
    author,
    async (trx) => {
      if (await isReadByAnyone(trx, messageId))
        throw new HttpProblem(
          409,
          'recall-after-reading',
          'Ce message a déjà été lu : il ne peut plus être rappelé.',
        )
      const removed = await deleteFromSchool(trx, 'mailboxEntries')
        .where('messageId', '=', messageId)
        .where('role', '<>', 'author')
        .executeTakeFirst()
      await setMessageState(trx, messageId, 'recalled', { recalledAt: now })
      await withdrawFeedItems(trx.db, { schoolId: scope.schoolId, app: 'messaging', sourceId: messageId })
      return { recipients: Number(removed.numDeletedRows) }
    },
    (result) => ({
      action: 'messaging.recall',
      schoolId: scope.schoolId,
      target: { type: 'message', id: messageId },
      details: { recipients: result.recipients },
    }),
  )
}

/** Until when a message sent at `sentAt` may be recalled. */
export function recallDeadline(config: Config, sentAt: Date | null): Date | null {
  return sentAt ? new Date(sentAt.getTime() + config.messagingRecallMinutes * 60_000) : null
}
