import type { FastifyInstance } from 'fastify'
import { personMergeRoutes } from './routes.ts'

export { personMergePolicies } from './policy.ts'
export { performMerge } from './service.ts'
export { registerUserReference, type UserReference } from './user-references.ts'

/**
 * One person, one account across the schools of the deployment: administrators merge two accounts of
 * the same person and undo a wrong merge within a delay (ADR 0014). Every module whose table names an
 * account declares what a merge does there (`registerUserReference`).
 */
export async function personMergeModule(app: FastifyInstance): Promise<void> {
  await app.register(personMergeRoutes)
}
