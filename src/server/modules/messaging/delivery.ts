import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../../db/connection.ts'
import {
  type FeedItemContent,
  type FeedItemInput,
  publishFeedItem,
  publishFeedItemTo,
} from '../feed/index.ts'

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
export async function onDelivered(trx: Db, delivery: Delivery, known?: DeliveredMessage): Promise<void> {
  const item = await deliveryFeedItem(trx, delivery, known)
  if (item) await publishFeedItem(trx, item)
}

/**
 * The send's delivery: the recipients' mailbox copies (`recipients`, the body of an
 * `insert … returning user_id`, see `recipientsInsert`) and their feed item written by one statement,
 * the feed's deliveries read from the rows just inserted. Returns who received it.
 */
export async function deliverTo(
  trx: Db,
  delivery: Omit<Delivery, 'recipientIds'>,
  message: DeliveredMessage,
  recipients: RawBuilder<unknown>,
): Promise<string[]> {
  const published = await publishFeedItemTo(trx, deliveryFeedContent(delivery, message), recipients)
  return published.recipientIds
}

/** What the feed item shows of the message: its subject and its author's name. */
export type DeliveredMessage = { subject: string; author: string | null }

/**
 * What the recipients' news feed says of a delivery (none when nobody receives it). `known`: the
 * subject and author the caller has just read with the message (the send), which spares a query.
 */
export async function deliveryFeedItem(
  trx: Db,
  delivery: Delivery,
  known?: DeliveredMessage,
): Promise<FeedItemInput | null> {
  if (delivery.recipientIds.length === 0) return null
  const message = known ?? (await readDeliveredMessage(trx, delivery))
  if (!message) return null
  return { ...deliveryFeedContent(delivery, message), audience: delivery.recipientIds }
}

function deliveryFeedContent(
  delivery: Omit<Delivery, 'recipientIds'>,
  message: DeliveredMessage,
): FeedItemContent {
  return {
    app: 'messaging',
    schoolId: delivery.schoolId,
    actorId: delivery.authorId,
    kind: 'messaging.message',
    title: message.subject.trim() || '(sans objet)',
    summary: message.author ? `Message de ${message.author}` : 'Message de Préau',
    link: `/messagerie/messages/${delivery.messageId}`,
    sourceId: delivery.messageId,
  }
}

async function readDeliveredMessage(trx: Db, delivery: Delivery): Promise<DeliveredMessage | undefined> {
  const { rows } = await sql<DeliveredMessage>`
    select m.subject, u.display_name as author
    from messages m left join users u on u.id = m.author_id
    where m.school_id = ${delivery.schoolId} and m.id = ${delivery.messageId}
  `.execute(trx)
  return rows[0]
}
