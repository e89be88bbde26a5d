import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { AuditPage, AuditQuery } from '../../../contract/audit.ts'
import { SchoolParams } from '../../../contract/portal.ts'
import { schoolScopeOf } from '../../plugins/policy/index.ts'
import { readAuditPage } from './service.ts'

const tags = ['journal d’audit']

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/schools/:schoolId/audit',
    {
      config: { policy: 'audit.viewSchool', scope: 'school', largeAnswer: true },
      schema: {
        tags,
        summary: 'Le journal d’audit d’une école',
        params: SchoolParams,
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => {
      const scope = schoolScopeOf(request)
      return readAuditPage(scope.db, { ...request.query, schoolId: scope.schoolId })
    },
  )

  routes.get(
    '/api/admin/audit',
    {
      config: { policy: 'audit.viewAll', largeAnswer: true },
      schema: {
        tags,
        summary: 'Le journal d’audit du déploiement',
        querystring: AuditQuery.extend({ schoolId: z.uuid().optional() }),
        response: { 200: AuditPage },
      },
    },
    async (request) => readAuditPage(app.db, request.query),
  )
}
