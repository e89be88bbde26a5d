export { notificationsPolicies } from './policy.ts'

import { registerUserReference, type UserReference } from '../person-merge/index.ts'

// What a merge of two accounts of one person does with this module's rows (ADR 0014): the person's choices
// follow them (the kept account's choice wins).
for (const reference of [
  { table: 'notification_preferences', column: 'user_id', onMerge: 'move-unless-present', key: ['app'] },
] satisfies UserReference[])
  registerUserReference(reference)

export { NOTIFICATION_JOBS, notificationsRoutes as notificationsModule } from './routes.ts'
export { sendPendingNotifications } from './service.ts'
