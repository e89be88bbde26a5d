import type { FastifyInstance } from 'fastify'
import { registerUserReference, type UserReference } from '../person-merge/index.ts'
import { messagingRoutes } from './routes.ts'
import {
  DELIVER_SCHEDULED_CRON,
  DELIVER_SCHEDULED_JOB,
  deliverDueMessages,
  EMPTY_TRASH_CRON,
  EMPTY_TRASH_JOB,
  emptyOldTrash,
} from './scheduled.ts'

// What a merge of two accounts of one person does with this module's rows (ADR 0014): the mailbox, folders,
// reports and suspensions follow the person (the kept account's row wins).
for (const reference of [
  { table: 'messages', column: 'author_id', onMerge: 'move' },
  { table: 'mailbox_entries', column: 'user_id', onMerge: 'move-unless-present', key: ['message_id'] },
  { table: 'mail_folders', column: 'user_id', onMerge: 'move-unless-present', key: ['name'] },
  {
    table: 'message_reports',
    column: 'reporter_id',
    onMerge: 'move-unless-present',
    key: ['school_id', 'message_id'],
  },
  { table: 'messaging_suspensions', column: 'user_id', onMerge: 'move-unless-present', key: ['school_id'] },
  { table: 'messaging_suspensions', column: 'suspended_by', onMerge: 'move' },
] satisfies UserReference[])
  registerUserReference(reference)

export { type Delivery, deliveryFeedItem, onDelivered } from './delivery.ts'
export { messagingPolicies } from './policy.ts'

/**
 * Messagerie: internal mail between the ENT's users (ADR 0009). Recipients are always the communication
 * module's reach; a delivery publishes a news-feed item to its recipients (`onDelivered`).
 */
export async function messagingModule(app: FastifyInstance): Promise<void> {
  app.jobs.define(DELIVER_SCHEDULED_JOB, async () => {
    await deliverDueMessages(app.db)
  })
  app.jobs.schedule(DELIVER_SCHEDULED_JOB, DELIVER_SCHEDULED_CRON)
  app.jobs.define(EMPTY_TRASH_JOB, async () => {
    await emptyOldTrash(app.db)
  })
  app.jobs.schedule(EMPTY_TRASH_JOB, EMPTY_TRASH_CRON)
  await app.register(messagingRoutes)
}
export { sanitizeBody } from './sanitize.ts'
