export type { Audience } from '../../plugins/realtime/notify.ts'
export { feedPolicies } from './policy.ts'
export { type FeedItemInput, type PublishedFeedItem, publishFeedItem, withdrawFeedItems } from './publish.ts'
export { feedRoutes as feedModule } from './routes.ts'
