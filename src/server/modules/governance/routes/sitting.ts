import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  ItemParams,
  MeetingParams,
  MeetingResponse,
  MovementBody,
  MovementParams,
  WithdrawalsBody,
} from '../../../../contract/governance.ts'
import { auditAuthorOf } from '../../audit/index.ts'
import { recordMovement, recordWithdrawals, removeMovement } from '../sitting.service.ts'
import { manage, meetingAnswer, tags } from './shared.ts'

/** During the meeting: arrivals, departures and withdrawals for a personal interest, item by item. */
export async function sittingRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.post(
    '/api/governance/meetings/:meetingId/movements',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Un délégué arrive ou part avant un point',
        params: MeetingParams,
        body: MovementBody,
        response: { 201: MeetingResponse },
      },
    },
    async (request, reply) => {
      await recordMovement(app.db, auditAuthorOf(request), request.params.meetingId, request.body)
      return reply.status(201).send(await meetingAnswer(app.db, request, request.params.meetingId))
    },
  )

  routes.delete(
    '/api/governance/meetings/:meetingId/movements/:movementId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Retirer une arrivée ou un départ noté par erreur',
        params: MovementParams,
        response: { 200: MeetingResponse },
      },
    },
    async (request) => {
      const { meetingId, movementId } = request.params
      await removeMovement(app.db, auditAuthorOf(request), meetingId, movementId)
      return meetingAnswer(app.db, request, meetingId)
    },
  )

  routes.put(
    '/api/governance/items/:itemId/withdrawals',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Les délégués qui se retirent d’un point (intérêt personnel)',
        params: ItemParams,
        body: WithdrawalsBody,
        response: { 200: MeetingResponse },
      },
    },
    async (request) => {
      const meetingId = await recordWithdrawals(
        app.db,
        auditAuthorOf(request),
        request.params.itemId,
        request.body.withdrawn,
      )
      return meetingAnswer(app.db, request, meetingId)
    },
  )
}
