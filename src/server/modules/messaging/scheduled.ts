import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'
import { personAnswers } from '../../plugins/realtime/answers.ts'
import { notifyUsers } from '../../plugins/realtime/notify.ts'
import { onDelivered } from './delivery.ts'

export const DELIVER_SCHEDULED_JOB = 'messaging.deliverScheduled'
/** Every minute: a scheduled message leaves within a minute of its time. */
export const DELIVER_SCHEDULED_CRON = '* * * * *'

/**
 * Delivers the scheduled messages whose time has come. Their recipients were resolved (and checked
 * against the author's reach) when the author scheduled them, with the time as `sent_at`: mailboxes
 * show them from then on. This job marks them sent and calls the delivery hooks, each message in its
 * own transaction; `skip locked` lets two instances share the work.
 */
export async function deliverDueMessages(db: Db): Promise<number> {
  let delivered = 0
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ schoolId: string; id: string; authorId: string | null }>`
        update messages set state = 'sent', updated_at = now()
        where (school_id, id) in (
          select school_id, id from messages where state = 'scheduled' and sent_at <= now()
          order by sent_at limit 1 for update skip locked)
        returning school_id, id, author_id
      `.execute(trx)
      const message = rows[0]
      if (!message) return false
      const recipients = await trx
        .selectFrom('mailboxEntries')
        .select('userId')
        .where('schoolId', '=', message.schoolId)
        .where('messageId', '=', message.id)
        .where('role', '<>', 'author')
        .execute()
      await onDelivered(trx, {
        schoolId: message.schoolId,
        messageId: message.id,
        authorId: message.authorId,
        recipientIds: recipients.map((r) => r.userId),
      })
      // The author's « Envoyés » shows it sent now (the recipients heard through the feed).
      if (message.authorId) {
        personAnswers.forget([message.authorId])
        await notifyUsers(trx, [message.authorId], { type: 'messaging.mailbox' })
      }
      return true
    })
    if (!done) return delivered
    delivered += 1
  }
}

export const EMPTY_TRASH_JOB = 'messaging.emptyTrash'
/** Every night at 03:40, Paris time. */
export const EMPTY_TRASH_CRON = '40 3 * * *'
const TRASH_DAYS = 30

/** Deletes for good what has been in someone's trash for 30 days (their copy only), by batches. */
export async function emptyOldTrash(db: Db): Promise<number> {
  let deleted = 0
  for (;;) {
    const { numAffectedRows } = await sql`
      delete from mailbox_entries where (school_id, message_id, user_id) in (
        select school_id, message_id, user_id from mailbox_entries
        where folder = 'trash' and trashed_at < now() - make_interval(days => ${TRASH_DAYS}) limit 5000)
    `.execute(db)
    const count = Number(numAffectedRows ?? 0)
    deleted += count
    if (count < 5000) return deleted
  }
}
