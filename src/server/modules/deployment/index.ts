import type { FastifyInstance } from 'fastify'
import { deploymentRoutes } from './routes.ts'
import { mailFooter } from './service.ts'

export { deploymentPolicies } from './policy.ts'
export { readDeployment, recordCurrentCharterAcceptance } from './service.ts'

/**
 * The deployment's identity — the syndicate, its address, its data-protection officer — shown on the
 * legal pages and at the foot of every e-mail, and the versioned charter each user accepts.
 */
export async function deploymentModule(app: FastifyInstance): Promise<void> {
  app.mail.setFooter(() => mailFooter(app.db))
  await app.register(deploymentRoutes)
}
