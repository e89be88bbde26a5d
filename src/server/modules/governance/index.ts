import type { FastifyInstance } from 'fastify'
import { defineConvocationJob } from './convocation.service.ts'
import { governancePublicRoutes } from './public-routes.ts'
import { governanceRoutes } from './routes.ts'

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
}
