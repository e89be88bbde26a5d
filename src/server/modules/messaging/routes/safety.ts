import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { SafetyOverview, SuspendBody, SuspensionParams } from '../../../../contract/messaging.ts'
import { SchoolParams } from '../../../../contract/portal.ts'
import { actorOf, schoolScopeOf } from '../../../plugins/policy/index.ts'
import { auditAuthorOf, recordAudit } from '../../audit/index.ts'
import { liftSuspension, readSafetyOverview, suspendSending } from '../safety.service.ts'

import { Done, moderate, ok, tags } from './shared.ts'

/** The direction's safety measures in one school: reports and suspensions. */
export async function safetyRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const school = '/api/schools/:schoolId/messaging'

  // The direction's safety measures.
  routes.get(
    `${school}/safety`,
    {
      config: moderate,
      schema: {
        tags,
        summary: 'Signalements et comptes suspendus de l’école',
        params: SchoolParams,
        response: { 200: SafetyOverview },
      },
    },
    async (request) => {
      const overview = await readSafetyOverview(schoolScopeOf(request))
      // The reported messages are other people's mail: the direction's read of them is in the trail.
      if (overview.reports.length > 0)
        await recordAudit(request, {
          action: 'read:messaging-reports',
          schoolId: request.params.schoolId,
          details: { count: overview.reports.length },
        })
      return overview
    },
  )
  routes.put(
    `${school}/suspensions/:userId`,
    {
      config: moderate,
      schema: {
        tags,
        summary: 'Suspendre l’envoi de messages d’un compte',
        params: SuspensionParams,
        body: SuspendBody,
        response: { 200: Done },
      },
    },
    async (request) => {
      await suspendSending(
        schoolScopeOf(request),
        actorOf(request),
        auditAuthorOf(request),
        request.params.userId,
        request.body.reason,
      )
      return ok
    },
  )
  routes.delete(
    `${school}/suspensions/:userId`,
    {
      config: moderate,
      schema: {
        tags,
        summary: 'Rétablir l’envoi de messages d’un compte',
        params: SuspensionParams,
        response: { 200: Done },
      },
    },
    async (request) => {
      await liftSuspension(schoolScopeOf(request), auditAuthorOf(request), request.params.userId)
      return ok
    },
  )
}
