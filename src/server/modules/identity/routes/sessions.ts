import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { SessionParams, SessionsResponse } from '../../../../contract/identity.ts'
import { notFound } from '../../../plugins/errors.ts'
import { actorOf } from '../../../plugins/policy/index.ts'
import { listSessions, revokeAllSessions, revokeOwnSession } from '../queries.ts'

const tags = ['identité']

/** "My sessions": where my account is signed in, and closing any of them. */
export async function sessionsRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/me/sessions',
    {
      config: { policy: 'identity.manageOwnSessions' },
      schema: { tags, summary: 'Mes sessions ouvertes', response: { 200: SessionsResponse } },
    },
    async (request) => {
      const actor = actorOf(request)
      const sessions = await listSessions(app.db, actor.userId)
      return { sessions: sessions.map((s) => ({ ...s, isCurrent: s.id === actor.sessionId })) }
    },
  )

  routes.delete(
    '/api/me/sessions/:sessionId',
    {
      config: { policy: 'identity.manageOwnSessions' },
      schema: {
        tags,
        summary: 'Fermer une de mes sessions',
        params: SessionParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      const { sessionId } = request.params
      if (!(await revokeOwnSession(app.db, actor.userId, sessionId))) {
        throw notFound('Session introuvable.')
      }
      app.sessions.forgetUser(actor.userId)
      if (sessionId === actor.sessionId) await app.sessions.end(request, reply)
      return reply.code(204).send(null)
    },
  )

  routes.post(
    '/api/me/sessions/close-others',
    {
      config: { policy: 'identity.manageOwnSessions' },
      schema: { tags, summary: 'Fermer toutes mes autres sessions', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      await revokeAllSessions(app.db, actor.userId, actor.sessionId)
      app.sessions.forgetUser(actor.userId)
      return reply.code(204).send(null)
    },
  )
}
