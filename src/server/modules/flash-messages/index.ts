export { flashMessagesPolicies } from './policy.ts'

import { registerUserReference, type UserReference } from '../person-merge/index.ts'

// What a merge of two accounts of one person does with this module's rows (ADR 0014): a banner keeps its
// author; what was hidden stays hidden.
for (const reference of [
  { table: 'flash_messages', column: 'created_by', onMerge: 'move' },
  {
    table: 'flash_message_dismissals',
    column: 'user_id',
    onMerge: 'move-unless-present',
    key: ['message_id'],
  },
] satisfies UserReference[])
  registerUserReference(reference)

export { flashMessagesRoutes as flashMessagesModule } from './routes.ts'
