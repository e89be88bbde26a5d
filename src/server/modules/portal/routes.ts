import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { LRUCache } from 'lru-cache'
import { PortalResponse, SchoolParams, SchoolResponse } from '../../../contract/portal.ts'
import { actorOf, schoolScopeOf } from '../../plugins/policy/index.ts'
import { buildPortal, describeSchool } from './service.ts'

const tags = ['portail']

/** Actions on a school the web app may offer; the server checks each one again when it is used. */
const SCHOOL_ACTIONS = [
  'portal.viewSchool',
  'structures.manageClasses',
  'structures.viewGroups',
  'structures.editSchool',
  'accounts.listUsers',
  'communication.viewRules',
  'audit.viewSchool',
  'imports.importPeople',
] as const

export async function portalRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  /**
   * The portal of each user, as the JSON sent, for a short while: it changes only with their
   * memberships (forgotten at once with the session cache) or with names of schools and classes (at
   * most 30 s late). The busiest page of the morning then costs no query.
   */
  const portalCache = new LRUCache<string, Buffer>({ max: 50_000, ttl: 30_000 })
  app.sessions.onForget((userId) => portalCache.delete(userId))

  routes.get(
    '/api/portal',
    {
      config: { policy: 'portal.view' },
      schema: {
        tags,
        summary: 'Les applications et les écoles de l’utilisateur',
        response: { 200: PortalResponse },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      let body = portalCache.get(actor.userId)
      if (body === undefined) {
        body = Buffer.from(JSON.stringify(PortalResponse.parse(await buildPortal(app.db, actor))))
        portalCache.set(actor.userId, body)
      }
      // Already JSON, already UTF-8: the bytes are sent as they are, neither serialised nor encoded again.
      return reply.type('application/json; charset=utf-8').send(body as unknown as PortalResponse)
    },
  )

  routes.get(
    '/api/schools/:schoolId',
    {
      config: { policy: 'portal.viewSchool', scope: 'school' },
      schema: {
        tags,
        summary: 'Une école de l’utilisateur',
        params: SchoolParams,
        response: { 200: SchoolResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const access = request.school!
      return describeSchool(
        schoolScopeOf(request),
        actor,
        access,
        app.allowedActions(actor, SCHOOL_ACTIONS, access),
      )
    },
  )
}
