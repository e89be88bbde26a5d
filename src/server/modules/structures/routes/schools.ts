import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  DirectorBody,
  DirectorParams,
  SchoolBody,
  SchoolList,
  SchoolListQuery,
  SchoolPatch,
} from '../../../../contract/administration.ts'
import { CreatedResponse } from '../../../../contract/communication.ts'
import { SchoolParams } from '../../../../contract/portal.ts'
import { actorOf, schoolScopeOf } from '../../../plugins/policy/index.ts'
import { auditAuthorOf } from '../../audit/index.ts'
import { appointDirector, createSchool, editSchool, listSchools, removeDirector } from '../schools.service.ts'

const tags = ['syndicat']

/** Schools of the deployment (syndicate) or of a collectivity (its administrators), and their directors. */
export async function schoolsRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/admin/schools',
    {
      config: { policy: 'structures.listSchools', largeAnswer: true },
      schema: {
        tags,
        summary: 'Les écoles (toutes, ou celles de mes collectivités)',
        querystring: SchoolListQuery,
        response: { 200: SchoolList },
      },
    },
    async (request) => ({ schools: await listSchools(app.db, actorOf(request), request.query) }),
  )

  routes.post(
    '/api/admin/schools',
    {
      config: { policy: 'structures.createSchool' },
      schema: { tags, summary: 'Ajouter une école', body: SchoolBody, response: { 201: CreatedResponse } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createSchool(app.db, actorOf(request), auditAuthorOf(request), request.body)),
  )

  routes.patch(
    '/api/schools/:schoolId',
    {
      config: { policy: 'structures.editSchool', scope: 'school' },
      schema: {
        tags,
        summary: 'Modifier une école',
        params: SchoolParams,
        body: SchoolPatch,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await editSchool(schoolScopeOf(request), auditAuthorOf(request), request.body)
      return reply.code(204).send(null)
    },
  )

  routes.post(
    '/api/schools/:schoolId/directors',
    {
      config: { policy: 'structures.manageDirectors', scope: 'school' },
      schema: {
        tags,
        summary: 'Confier la direction à un enseignant de l’école',
        params: SchoolParams,
        body: DirectorBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { userId } = request.body
      await appointDirector(schoolScopeOf(request), auditAuthorOf(request), userId)
      // The direction needs the second factor: sessions opened before it was granted end.
      await app.sessions.endSessionsOf(userId, request.actor?.sessionId)
      return reply.code(204).send(null)
    },
  )

  routes.delete(
    '/api/schools/:schoolId/directors/:userId',
    {
      config: { policy: 'structures.manageDirectors', scope: 'school' },
      schema: {
        tags,
        summary: 'Retirer la fonction de direction',
        params: DirectorParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { userId } = request.params
      await removeDirector(schoolScopeOf(request), auditAuthorOf(request), userId)
      app.sessions.forgetUser(userId)
      return reply.code(204).send(null)
    },
  )
}
