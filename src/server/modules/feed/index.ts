export type { Audience } from '../../plugins/realtime/notify.ts'

import { registerUserReference, type UserReference } from '../person-merge/index.ts'

// What a merge of two accounts of one person does with this module's rows (ADR 0014): the feed follows the
// person (an item delivered to both accounts is kept once).
for (const reference of [
  { table: 'feed_items', column: 'actor_id', onMerge: 'move' },
  { table: 'feed_deliveries', column: 'recipient_id', onMerge: 'move-unless-present', key: ['item_id'] },
] satisfies UserReference[])
  registerUserReference(reference)

export { feedPolicies } from './policy.ts'
export {
  type FeedItemContent,
  type FeedItemInput,
  type PublishedFeedItem,
  publishFeedItem,
  publishFeedItemTo,
  withdrawFeedItems,
} from './publish.ts'
export { feedRoutes as feedModule } from './routes.ts'
