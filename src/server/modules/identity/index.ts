import type { FastifyInstance } from 'fastify'
import { definePasswordResetJob } from './password-reset.service.ts'
import { activationRoutes } from './routes/activation.ts'
import { adminSecondFactorRoutes } from './routes/admin-second-factor.ts'
import { secondFactorRoutes } from './routes/second-factor.ts'
import { sessionsRoutes } from './routes/sessions.ts'
import { signInRoutes } from './routes/sign-in.ts'

export { formatActivationCode, newActivationCode, newActivationCodes } from './activation-codes.ts'
export { displayName, firstFreeLogin, loginBase } from './logins.ts'
export { hashPassword } from './passwords.ts'
export { identityPolicies } from './policy.ts'
export { revokeAllSessions } from './queries.ts'
export { hasSecondFactor } from './second-factor.queries.ts'
export { resetSecondFactor } from './second-factor.service.ts'
export { completeSignIn } from './sign-in-completion.ts'

/** Accounts' access: sign-in and second factor, activation, password reset, sessions. */
export async function identityModule(app: FastifyInstance): Promise<void> {
  definePasswordResetJob(app)
  await app.register(signInRoutes)
  await app.register(secondFactorRoutes)
  await app.register(activationRoutes)
  await app.register(sessionsRoutes)
  await app.register(adminSecondFactorRoutes)
}
