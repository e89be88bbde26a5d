import type { FastifyInstance } from 'fastify'
import { registerUserReference, type UserReference } from '../person-merge/index.ts'
import { contributionsRoutes } from './routes.ts'

// What a merge of two accounts of one person does with this module's rows (ADR 0014): a rule, a snapshot or
// a computation keeps its author, now the kept account.
for (const reference of [
  { table: 'contribution_rules', column: 'created_by', onMerge: 'move' },
  { table: 'contribution_snapshots', column: 'taken_by', onMerge: 'move' },
  { table: 'contribution_computations', column: 'computed_by', onMerge: 'move' },
] satisfies UserReference[])
  registerUserReference(reference)

export { contributionsPolicies } from './policy.ts'
export { computeAdoptedRule } from './service.ts'

/**
 * The members' annual contributions: a rule per year with the deliberation that set it, simulation,
 * computation from frozen counts, versions, and the call for funds (ADR 0012).
 */
export async function contributionsModule(app: FastifyInstance): Promise<void> {
  await app.register(contributionsRoutes)
}
