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
import { fieldProblem, isUniqueViolation, notFound } from '../../../plugins/errors.ts'
import { actorOf, schoolScopeOf } from '../../../plugins/policy/index.ts'
import { isUuid } from '../../../plugins/tenancy.ts'
import { recordAudit } from '../../audit/index.ts'
import { findCollectivity } from '../collectivities.queries.ts'
import { findSchools, insertSchool, setDirector, updateSchool } from '../schools.queries.ts'

const tags = ['syndicat']

/** Schools of the deployment (syndicate) or of a collectivity (its administrators), and their directors. */
export async function schoolsRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/admin/schools',
    {
      config: { policy: 'structures.listSchools' },
      schema: {
        tags,
        summary: 'Les écoles (toutes, ou celles de mes collectivités)',
        querystring: SchoolListQuery,
        response: { 200: SchoolList },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const schools = await findSchools(app.db, {
        ...request.query,
        collectivityIds: actor.isSyndicateAdmin ? undefined : actor.collectivityAdminOf,
      })
      return { schools }
    },
  )

  routes.post(
    '/api/admin/schools',
    {
      config: { policy: 'structures.createSchool' },
      schema: { tags, summary: 'Ajouter une école', body: SchoolBody, response: { 201: CreatedResponse } },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      const { collectivityId, inseeCode } = request.body
      const collectivity = await findCollectivity(app.db, collectivityId)
      if (!collectivity || (!actor.isSyndicateAdmin && !actor.collectivityAdminOf.includes(collectivityId))) {
        throw fieldProblem('collectivityId', 'Collectivité introuvable.')
      }
      if (collectivity.communeCodes.length > 0 && !collectivity.communeCodes.includes(inseeCode)) {
        throw fieldProblem(
          'inseeCode',
          `Cette commune (${inseeCode}) n’est pas couverte par ${collectivity.name}.`,
        )
      }
      try {
        const { id } = await insertSchool(app.db, request.body)
        await recordAudit(request, {
          action: 'structures.addSchool',
          schoolId: id,
          target: { type: 'school', id },
          details: { uai: request.body.uai },
        })
        return reply.code(201).send({ id })
      } catch (error) {
        if (isUniqueViolation(error)) throw fieldProblem('uai', 'Une école avec cet UAI existe déjà.')
        throw error
      }
    },
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
      const scope = schoolScopeOf(request)
      await updateSchool(app.db, scope.schoolId, request.body)
      await recordAudit(request, {
        action: 'structures.editSchool',
        schoolId: scope.schoolId,
        target: { type: 'school', id: scope.schoolId },
        details: request.body,
      })
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
      const scope = schoolScopeOf(request)
      const { userId } = request.body
      if (!(await setDirector(app.db, scope.schoolId, userId, true))) {
        throw fieldProblem('userId', 'Cette personne n’est pas enseignante dans l’école.')
      }
      // The direction needs the second factor: sessions opened before it was granted end.
      await app.sessions.endSessionsOf(userId, request.actor?.sessionId)
      await recordAudit(request, {
        action: 'structures.appointDirector',
        schoolId: scope.schoolId,
        target: { type: 'user', id: userId },
      })
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
      const scope = schoolScopeOf(request)
      const { userId } = request.params
      if (!isUuid(userId) || !(await setDirector(app.db, scope.schoolId, userId, false)))
        throw notFound('Direction introuvable.')
      app.sessions.forgetUser(userId)
      await recordAudit(request, {
        action: 'structures.removeDirector',
        schoolId: scope.schoolId,
        target: { type: 'user', id: userId },
      })
      return reply.code(204).send(null)
    },
  )
}
