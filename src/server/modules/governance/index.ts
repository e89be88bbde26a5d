import type { FastifyInstance } from 'fastify'
import { registerUserReference, type UserReference } from '../person-merge/index.ts'
import { defineConvocationJob } from './convocation.service.ts'
import { governancePublicRoutes } from './public-routes.ts'
import { annexRoutes } from './routes/annexes.ts'
import { bodyRoutes } from './routes/bodies.ts'
import { sittingRoutes } from './routes/sitting.ts'
import { governanceRoutes } from './routes.ts'

// What a merge of two accounts of one person does with this module's rows (ADR 0014): a delegate's account
// and a version's author follow the person.
for (const reference of [
  { table: 'governance_delegates', column: 'user_id', onMerge: 'move' },
  { table: 'governance_deliberation_versions', column: 'replaced_by', onMerge: 'move' },
] satisfies UserReference[])
  registerUserReference(reference)

export { governancePolicies } from './policy.ts'

/**
 * The governance register of the syndicate (ADR 0011): bodies and delegates, meetings with their
 * convocation, attendance, quorum, votes, deliberations, certified extracts, publication, @CTES and
 * SCDL exports. Quorum, proxies and majorities are computed by `domain/`, never copied from typed totals.
 */
export async function governanceModule(app: FastifyInstance): Promise<void> {
  defineConvocationJob(app)
  await app.register(governanceRoutes)
  await app.register(governancePublicRoutes)
  await app.register(sittingRoutes)
  await app.register(annexRoutes)
  await app.register(bodyRoutes)
}
