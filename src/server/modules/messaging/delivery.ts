import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'
import { type FeedItemInput, publishFeedItem } from '../feed/index.ts'

/** A message that has just reached its recipients (sent now, or a scheduled one whose time came). */
export type Delivery = {
  schoolId: string
  messageId: string
  authorId: string | null
  recipientIds: string[]
}

/**
 * The one point where a message is delivered, called by the send and by the scheduled-send job inside
 * the delivering transaction: the recipients' news feed gets the message (and through it, their open
 * pages in real time and their e-mail notifications), committed with the message or not at all. The
 * feed item carries the subject and the author, never the body: an e-mail notification says a message
 * is waiting, the message itself stays in the ENT.
 */
export async function onDelivered(trx: Db, delivery: Delivery): Promise<void> {
  const item = await deliveryFeedItem(trx, delivery)
  if (item) await publishFeedItem(trx, item)
}

/** What the recipients' news feed says of a delivery (none when nobody receives it). */
export async function deliveryFeedItem(trx: Db, delivery: Delivery): Promise<FeedItemInput | null> {
  if (delivery.recipientIds.length === 0) return null
  const { rows } = await sql<{ subject: string; author: string | null }>`
    select m.subject, u.display_name as author
    from messages m left join users u on u.id = m.author_id
    where m.school_id = ${delivery.schoolId} and m.id = ${delivery.messageId}
  `.execute(trx)
  const message = rows[0]
  if (!message) return null
  return {
    app: 'messaging',
    schoolId: delivery.schoolId,
    actorId: delivery.authorId,
    audience: delivery.recipientIds,
    kind: 'messaging.message',
    title: message.subject.trim() || '(sans objet)',
    summary: message.author ? `Message de ${message.author}` : 'Message de Préau',
    link: `/messagerie/messages/${delivery.messageId}`,
    sourceId: delivery.messageId,
  }
}
