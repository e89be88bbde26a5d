import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { notFound } from '../../../plugins/errors.ts'
import { isUuid } from '../../../plugins/tenancy.ts'
import { findAccountById } from '../queries.ts'
import { resetSecondFactor } from '../second-factor.service.ts'

/** Resetting someone's second factor is sensitive: the administrator's own must be recent. */
const RESET_STEP_UP_MINUTES = 15

const tags = ['identité']

const UserIdParams = z.object({ userId: z.string() })

/**
 * The syndicate's administrators reset anyone's second factor, including administrators who belong to
 * no school (schools' people are also reset from their school's page, by the administrators above it).
 */
export async function adminSecondFactorRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.post(
    '/api/admin/users/:userId/second-factor/reset',
    {
      config: { policy: 'identity.resetSecondFactor', secondFactorWithinMinutes: RESET_STEP_UP_MINUTES },
      schema: {
        tags,
        summary: 'Réinitialiser la double authentification d’une personne (syndicat)',
        params: UserIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { userId } = request.params
      if (!isUuid(userId) || !(await findAccountById(app.db, userId))) throw notFound('Compte introuvable.')
      await resetSecondFactor(request, userId)
      return reply.code(204).send(null)
    },
  )
}
