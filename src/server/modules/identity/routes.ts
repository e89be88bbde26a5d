import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { CsrfResponse, LoginBody, MeResponse } from '../../../contract/identity.ts'
import type { Config } from '../../config.ts'
import { HttpProblem } from '../../plugins/errors.ts'
import { actorOf } from '../../plugins/policy/index.ts'
import { authenticate } from './service.ts'

const tags = ['identité']

export async function identityRoutes(app: FastifyInstance, options: { config: Config }): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/auth/csrf',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Jeton anti-CSRF à joindre aux requêtes qui modifient',
        response: { 200: CsrfResponse },
      },
    },
    async (_request, reply) => ({ token: reply.generateCsrf() }),
  )

  routes.post(
    '/api/auth/login',
    {
      config: {
        public: true,
        rateLimit: { max: options.config.loginRateLimitPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags,
        summary: 'Connexion par identifiant et mot de passe',
        body: LoginBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const userId = await authenticate(app.db, request.body.login, request.body.password)
      if (!userId) throw new HttpProblem(401, 'invalid-credentials', 'Identifiant ou mot de passe incorrect.')
      await app.sessions.start(request, reply, userId)
      return reply.code(204).send(null)
    },
  )

  routes.post(
    '/api/auth/logout',
    {
      config: { policy: 'identity.signOut' },
      schema: { tags, summary: 'Déconnexion', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await app.sessions.end(request, reply)
      return reply.code(204).send(null)
    },
  )

  routes.get(
    '/api/me',
    {
      config: { policy: 'identity.viewSelf' },
      schema: { tags, summary: "L'utilisateur connecté", response: { 200: MeResponse } },
    },
    async (request) => {
      const actor = actorOf(request)
      return {
        id: actor.userId,
        login: actor.login,
        displayName: actor.displayName,
        memberships: actor.memberships,
        isSyndicateAdmin: actor.isSyndicateAdmin,
        collectivityAdminOf: actor.collectivityAdminOf,
      }
    },
  )
}
