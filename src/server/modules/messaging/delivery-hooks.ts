import type { Db } from '../../db/connection.ts'

/** A message that has just reached its recipients (sent now, or a scheduled one whose time came). */
export type Delivery = {
  schoolId: string
  messageId: string
  authorId: string | null
  recipientIds: string[]
}
export type DeliveryHook = (trx: Db, delivery: Delivery) => Promise<void>

const hooks: DeliveryHook[] = []

/**
 * Lets another module act on each delivery (the news feed, real-time push), inside the transaction that
 * delivers: it commits with the message or not at all. Registered once, at start.
 */
export function registerDeliveryHook(hook: DeliveryHook): void {
  hooks.push(hook)
}

/** The one point where a message is delivered: called by the send and by the scheduled-send job. */
export async function onDelivered(trx: Db, delivery: Delivery): Promise<void> {
  for (const hook of hooks) await hook(trx, delivery)
}
