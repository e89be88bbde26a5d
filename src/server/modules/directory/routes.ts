import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  ClassFamilies,
  ClassParams,
  DirectoryGroups,
  DirectoryPage,
  DirectoryQuery,
} from '../../../contract/directory.ts'
import { SchoolParams } from '../../../contract/portal.ts'
import { isDirectorOf } from '../../plugins/auth/actor.ts'
import { notFound } from '../../plugins/errors.ts'
import { actorOf, schoolScopeOf } from '../../plugins/policy/index.ts'
import { recordAudit } from '../audit/index.ts'
import { findClassFamilies } from './queries.ts'
import { listGroups, searchDirectory } from './service.ts'

const tags = ['annuaire']

export async function directoryRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/schools/:schoolId/directory',
    {
      config: { policy: 'directory.search', scope: 'school' },
      schema: {
        tags,
        summary: 'Chercher une personne que l’on peut joindre',
        params: SchoolParams,
        querystring: DirectoryQuery,
        response: { 200: DirectoryPage },
      },
    },
    async (request) => searchDirectory(schoolScopeOf(request), actorOf(request), request.query),
  )

  routes.get(
    '/api/schools/:schoolId/directory/groups',
    {
      config: { policy: 'directory.search', scope: 'school' },
      schema: {
        tags,
        summary: 'Les groupes auxquels on peut écrire',
        params: SchoolParams,
        response: { 200: DirectoryGroups },
      },
    },
    async (request) => listGroups(schoolScopeOf(request), actorOf(request)),
  )

  routes.get(
    '/api/schools/:schoolId/classes/:classId/families',
    {
      config: { policy: 'directory.viewClassFamilies', scope: 'school' },
      schema: {
        tags,
        summary: 'Les élèves d’une classe et leurs parents',
        params: ClassParams,
        response: { 200: ClassFamilies },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const scope = schoolScopeOf(request)
      const { classId } = request.params
      const isDirector = isDirectorOf(actor, scope.schoolId)
      const teachesIt = request.school!.memberships.some(
        (m) => m.profile === 'teacher' && m.classIds.includes(classId),
      )
      if (!(isDirector || teachesIt)) throw notFound('Classe introuvable.')
      const families = await findClassFamilies(scope, classId)
      if (!families) throw notFound('Classe introuvable.')
      if (!teachesIt) {
        await recordAudit(request, {
          action: 'read:class-families',
          schoolId: scope.schoolId,
          target: { type: 'class', id: classId },
        })
      }
      return families
    },
  )
}
