import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  AdministratorBody,
  AdministratorList,
  AdministratorParams,
  AdministratorQuery,
  CollectivityBody,
  CollectivityList,
  CollectivityParams,
  CollectivityPatch,
  SchoolYearBody,
  SchoolYearList,
} from '../../../../contract/administration.ts'
import { CreatedResponse } from '../../../../contract/communication.ts'
import { actorOf, collectivityAccessOf } from '../../../plugins/policy/index.ts'
import { auditAuthorOf } from '../../audit/index.ts'
import { findAdministrators, findSchoolYears } from '../administrators.queries.ts'
import {
  addCollectivity,
  addSchoolYear,
  editCollectivity,
  grantAdministrator,
  listCollectivities,
  revokeAdministrator,
} from '../syndicate.service.ts'

const tags = ['syndicat']

/** The syndicate console: member collectivities, administrators, school years. */
export async function syndicateRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const manage = { policy: 'structures.manageCollectivities' } as const

  routes.get(
    '/api/admin/collectivities',
    {
      config: { policy: 'structures.listCollectivities', largeAnswer: true },
      schema: {
        tags,
        summary: 'Les collectivités membres (pour une collectivité : celles qu’on administre)',
        response: { 200: CollectivityList },
      },
    },
    async (request) => ({ collectivities: await listCollectivities(app.db, actorOf(request)) }),
  )

  routes.post(
    '/api/admin/collectivities',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Ajouter une collectivité membre',
        body: CollectivityBody,
        response: { 201: CreatedResponse },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addCollectivity(app.db, auditAuthorOf(request), request.body)),
  )

  routes.patch(
    '/api/admin/collectivities/:collectivityId',
    {
      config: { ...manage, scope: 'collectivity' },
      schema: {
        tags,
        summary: 'Modifier une collectivité',
        params: CollectivityParams,
        body: CollectivityPatch,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { collectivityId } = collectivityAccessOf(request)
      await editCollectivity(app.db, auditAuthorOf(request), collectivityId, request.body)
      return reply.code(204).send(null)
    },
  )

  routes.get(
    '/api/admin/administrators',
    {
      config: { policy: 'structures.manageAdministrators', largeAnswer: true },
      schema: {
        tags,
        summary: 'Les administrateurs du syndicat et des collectivités',
        response: { 200: AdministratorList },
      },
    },
    async () => ({ administrators: await findAdministrators(app.db) }),
  )

  routes.post(
    '/api/admin/administrators',
    {
      config: { policy: 'structures.manageAdministrators' },
      schema: {
        tags,
        summary: 'Nommer un administrateur',
        body: AdministratorBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const userId = await grantAdministrator(app.db, auditAuthorOf(request), request.body)
      // An administrator's role needs the second factor: sessions opened before it was granted end.
      await app.sessions.endSessionsOf(userId, request.actor?.sessionId)
      return reply.code(204).send(null)
    },
  )

  routes.delete(
    '/api/admin/administrators/:userId',
    {
      config: { policy: 'structures.manageAdministrators' },
      schema: {
        tags,
        summary: 'Retirer un rôle d’administrateur',
        params: AdministratorParams,
        querystring: AdministratorQuery,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { userId } = request.params
      await revokeAdministrator(app.db, auditAuthorOf(request), userId, request.query)
      app.sessions.forgetUser(userId)
      return reply.code(204).send(null)
    },
  )

  routes.get(
    '/api/admin/school-years',
    {
      config: { policy: 'structures.manageSchoolYears' },
      schema: { tags, summary: 'Les années scolaires', response: { 200: SchoolYearList } },
    },
    async () => ({ schoolYears: await findSchoolYears(app.db) }),
  )

  routes.post(
    '/api/admin/school-years',
    {
      config: { policy: 'structures.manageSchoolYears' },
      schema: {
        tags,
        summary: 'Préparer une année scolaire',
        body: SchoolYearBody,
        response: { 201: CreatedResponse },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addSchoolYear(app.db, auditAuthorOf(request), request.body.label)),
  )
}
