import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { FamilyLinkParams } from '../../../../contract/accounts.ts'
import { notFound } from '../../../plugins/errors.ts'
import { schoolScopeOf } from '../../../plugins/policy/index.ts'
import { auditAuthorOf } from '../../audit/index.ts'
import { findManageableUser } from '../target-user.ts'
import { changeFamilyLink } from '../users.service.ts'

const tags = ['comptes']

/** Both people of a link: a current pupil and a current parent of the school, else 404. */
async function findFamily(request: FastifyRequest, params: { userId: string; parentId: string }) {
  const pupil = await findManageableUser(request, params.userId, { current: true })
  const parent = await findManageableUser(request, params.parentId, { current: true })
  if (!pupil.profiles.includes('pupil')) throw notFound('Cet élève n’existe pas dans l’école.')
  if (!parent.profiles.includes('parent')) throw notFound('Ce parent n’existe pas dans l’école.')
  return { pupil, parent }
}

/** Links between a pupil and their parents, within the school. Both routes are idempotent. */
export async function familyLinksRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.put(
    '/api/schools/:schoolId/users/:userId/parents/:parentId',
    {
      config: { policy: 'accounts.linkFamily', scope: 'school' },
      schema: {
        tags,
        summary: 'Rattacher un parent à un élève',
        params: FamilyLinkParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const family = await findFamily(request, request.params)
      if (await changeFamilyLink(schoolScopeOf(request), auditAuthorOf(request), family, 'link')) {
        app.sessions.forgetUser(family.parent.id)
      }
      return reply.code(204).send(null)
    },
  )

  routes.delete(
    '/api/schools/:schoolId/users/:userId/parents/:parentId',
    {
      config: { policy: 'accounts.linkFamily', scope: 'school' },
      schema: {
        tags,
        summary: 'Détacher un parent d’un élève',
        params: FamilyLinkParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const family = await findFamily(request, request.params)
      if (await changeFamilyLink(schoolScopeOf(request), auditAuthorOf(request), family, 'unlink')) {
        app.sessions.forgetUser(family.parent.id)
      }
      return reply.code(204).send(null)
    },
  )
}
