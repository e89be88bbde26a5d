import type { FastifyInstance } from 'fastify'
import { membersRoutes } from './routes.ts'

export { membersPolicies } from './policy.ts'

/**
 * The syndicate's members: adhesion to the competence with its deliberation, legal population,
 * contacts, each school's deployment status and history; the académie's staff and their circonscriptions.
 */
export async function membersModule(app: FastifyInstance): Promise<void> {
  await app.register(membersRoutes)
}
