import type { FastifyInstance } from 'fastify'
import { registerUserReference, type UserReference } from '../person-merge/index.ts'
import { membersRoutes } from './routes.ts'

// What a merge of two accounts of one person does with this module's rows (ADR 0014): the académie's
// assignments follow the person; a deployment step keeps its author.
for (const reference of [
  {
    table: 'academic_assignments',
    column: 'user_id',
    onMerge: 'move-unless-present',
    key: ['circonscription'],
  },
  { table: 'school_deployment_events', column: 'recorded_by', onMerge: 'move' },
] satisfies UserReference[])
  registerUserReference(reference)

export { membersPolicies } from './policy.ts'
/** Which members an actor reads (null: all): other modules answer 404 for the rest. */
export { readableIds as readableMemberIds } from './service.ts'

/**
 * The syndicate's members: adhesion to the competence with its deliberation, legal population,
 * contacts, each school's deployment status and history; the académie's staff and their circonscriptions.
 */
export async function membersModule(app: FastifyInstance): Promise<void> {
  await app.register(membersRoutes)
}
