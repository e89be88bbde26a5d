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
import { actorOf, schoolScopeOf } from '../../plugins/policy/index.ts'
import { recordAudit } from '../audit/index.ts'
import { listGroups, readClassFamilies, searchDirectory } from './service.ts'

const tags = ['annuaire']

export async function directoryRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/schools/:schoolId/directory',
    {
      config: { policy: 'directory.search', scope: 'school', largeAnswer: true },
      schema: {
        tags,
        summary: 'Chercher une personne que l’on peut joindre',
        params: SchoolParams,
        querystring: DirectoryQuery,
        response: { 200: DirectoryPage },
      },
    },
    async (request) => {
      const scope = schoolScopeOf(request)
      const actor = actorOf(request)
      const [reach, roster] = await Promise.all([app.reach.of(scope, actor), app.rosters.of(scope)])
      return searchDirectory(actor, reach, roster, request.query)
    },
  )

  routes.get(
    '/api/schools/:schoolId/directory/groups',
    {
      config: { policy: 'directory.search', scope: 'school', largeAnswer: true },
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
      config: { policy: 'directory.viewClassFamilies', scope: 'school', largeAnswer: true },
      schema: {
        tags,
        summary: 'Les élèves d’une classe et leurs parents',
        params: ClassParams,
        response: { 200: ClassFamilies },
      },
    },
    async (request) =>
      readClassFamilies(
        schoolScopeOf(request),
        actorOf(request),
        request.school!,
        request.params.classId,
        (event) => recordAudit(request, event),
      ),
  )
}
