import type { FastifyInstance } from 'fastify'
import { contributionsRoutes } from './routes.ts'

export { contributionsPolicies } from './policy.ts'
export { computeAdoptedRule } from './service.ts'

/**
 * The members' annual contributions: a rule per year with the deliberation that set it, simulation,
 * computation from frozen counts, versions, and the call for funds (ADR 0012).
 */
export async function contributionsModule(app: FastifyInstance): Promise<void> {
  await app.register(contributionsRoutes)
}
