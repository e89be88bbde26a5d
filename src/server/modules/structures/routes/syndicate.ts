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
import { fieldProblem, HttpProblem, isUniqueViolation, notFound } from '../../../plugins/errors.ts'
import { actorOf } from '../../../plugins/policy/index.ts'
import { isUuid } from '../../../plugins/tenancy.ts'
import { recordAudit } from '../../audit/index.ts'
import {
  countSyndicateAdministrators,
  deleteAdministrator,
  findAdministrators,
  findSchoolYears,
  findUserIdByLogin,
  insertAdministrator,
  insertSchoolYear,
} from '../administrators.queries.ts'
import {
  findCollectivities,
  findCollectivity,
  insertCollectivity,
  updateCollectivity,
} from '../collectivities.queries.ts'

const tags = ['syndicat']

/** The syndicate console: member collectivities, administrators, school years. */
export async function syndicateRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const manage = { policy: 'structures.manageCollectivities' }

  routes.get(
    '/api/admin/collectivities',
    {
      config: { policy: 'structures.listCollectivities' },
      schema: {
        tags,
        summary: 'Les collectivités membres (pour une collectivité : celles qu’on administre)',
        response: { 200: CollectivityList },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const all = await findCollectivities(app.db)
      return {
        collectivities: actor.isSyndicateAdmin
          ? all
          : all.filter((c) => actor.collectivityAdminOf.includes(c.id)),
      }
    },
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
    async (request, reply) => {
      try {
        const { id } = await insertCollectivity(app.db, request.body)
        await recordAudit(request, {
          action: 'structures.addCollectivity',
          target: { type: 'collectivity', id },
          details: { name: request.body.name, siren: request.body.siren },
        })
        return reply.code(201).send({ id })
      } catch (error) {
        if (isUniqueViolation(error))
          throw fieldProblem('siren', 'Une collectivité avec ce SIREN existe déjà.')
        throw error
      }
    },
  )

  routes.patch(
    '/api/admin/collectivities/:collectivityId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Modifier une collectivité',
        params: CollectivityParams,
        body: CollectivityPatch,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { collectivityId } = request.params
      if (!isUuid(collectivityId) || !(await updateCollectivity(app.db, collectivityId, request.body))) {
        throw notFound('Collectivité introuvable.')
      }
      await recordAudit(request, {
        action: 'structures.editCollectivity',
        target: { type: 'collectivity', id: collectivityId },
        details: request.body,
      })
      return reply.code(204).send(null)
    },
  )

  routes.get(
    '/api/admin/administrators',
    {
      config: { policy: 'structures.manageAdministrators' },
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
      const { login, role, collectivityId } = request.body
      if (role === 'collectivity_admin' && !collectivityId)
        throw fieldProblem('collectivityId', 'Choisissez la collectivité administrée.')
      if (collectivityId && !(await findCollectivity(app.db, collectivityId)))
        throw fieldProblem('collectivityId', 'Collectivité introuvable.')
      const userId = await findUserIdByLogin(app.db, login)
      if (!userId) throw fieldProblem('login', 'Aucun compte actif avec cet identifiant.')
      try {
        await insertAdministrator(
          app.db,
          userId,
          role,
          role === 'collectivity_admin' ? (collectivityId ?? null) : null,
        )
      } catch (error) {
        if (isUniqueViolation(error)) throw new HttpProblem(409, 'conflict', 'Cette personne a déjà ce rôle.')
        throw error
      }
      // An administrator's role needs the second factor: sessions opened before it was granted end.
      await app.sessions.endSessionsOf(userId, request.actor?.sessionId)
      await recordAudit(request, {
        action: 'structures.grantAdministrator',
        target: { type: 'user', id: userId },
        details: { role, collectivityId },
      })
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
      const { role, collectivityId } = request.query
      if (role === 'syndicate_admin' && (await countSyndicateAdministrators(app.db)) <= 1) {
        throw new HttpProblem(
          409,
          'last-administrator',
          'Le syndicat doit garder au moins un administrateur.',
        )
      }
      if (!isUuid(userId) || !(await deleteAdministrator(app.db, userId, role, collectivityId ?? null))) {
        throw notFound('Rôle introuvable.')
      }
      app.sessions.forgetUser(userId)
      await recordAudit(request, {
        action: 'structures.revokeAdministrator',
        target: { type: 'user', id: userId },
        details: { role, collectivityId },
      })
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
    async (request, reply) => {
      try {
        const { id } = await insertSchoolYear(app.db, request.body.label)
        await recordAudit(request, {
          action: 'structures.addSchoolYear',
          target: { type: 'school-year', id },
          details: request.body,
        })
        return reply.code(201).send({ id })
      } catch (error) {
        if (isUniqueViolation(error)) throw fieldProblem('label', 'Cette année scolaire existe déjà.')
        throw error
      }
    },
  )
}
