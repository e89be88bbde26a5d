import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { PortalResponse, SchoolParams, SchoolResponse } from '../../../contract/portal.ts'
import { actorOf, schoolScopeOf } from '../../plugins/policy/index.ts'
import { buildPortal, describeSchool } from './service.ts'

const tags = ['portail']

/** Actions on a school the web app may offer; the server checks each one again when it is used. */
const SCHOOL_ACTIONS = ['portal.viewSchool'] as const

export async function portalRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

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
    async (request) => buildPortal(app.db, actorOf(request)),
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
