import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { UserParams } from '../../../../contract/accounts.ts'
import { schoolScopeOf } from '../../../plugins/policy/index.ts'
import { resetSecondFactor } from '../../identity/index.ts'
import { findManageableUser } from '../target-user.ts'

/** Resetting someone's second factor is sensitive: the administrator's own must be recent. */
const RESET_STEP_UP_MINUTES = 15

const tags = ['comptes']

/**
 * An administrator above the school resets the second factor of one of its people (a director who lost
 * their phone, or whose app's codes were locked by wrong codes): the person enrols again at their next
 * sign-in. A school's own director cannot: the reset must come from above the person.
 */
export async function secondFactorResetRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.post(
    '/api/schools/:schoolId/users/:userId/second-factor/reset',
    {
      config: {
        policy: 'accounts.resetSecondFactor',
        scope: 'school',
        secondFactorWithinMinutes: RESET_STEP_UP_MINUTES,
      },
      schema: {
        tags,
        summary: 'Réinitialiser la double authentification d’une personne de l’école',
        params: UserParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const scope = schoolScopeOf(request)
      const user = await findManageableUser(request, request.params.userId, { current: false })
      await resetSecondFactor(request, user.id, scope.schoolId)
      return reply.code(204).send(null)
    },
  )
}
