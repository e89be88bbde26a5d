import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  CsrfResponse,
  LoginBody,
  MeResponse,
  SecondStepResponse,
  TotpBody,
} from '../../../../contract/identity.ts'
import { actorOf } from '../../../plugins/policy/index.ts'
import { invalidCredentials, signInBlocked, startAgain } from '../problems.ts'
import { claimChallenge, deleteChallenge, findTotp } from '../second-factor.queries.ts'
import { checkSecondFactorCode } from '../second-factor.service.ts'
import { checkPasswordSignIn } from '../sign-in.service.ts'
import { beginSecondFactor, challengeOf, clearChallenge, completeSignIn } from '../sign-in-completion.ts'

const tags = ['identité']

/** Sign-in with a password, then the second factor when the account has or needs one; sign-out; "me". */
export async function signInRoutes(app: FastifyInstance): Promise<void> {
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
      config: { public: true, rateLimit: { max: app.config.loginRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Connexion par identifiant et mot de passe',
        description: '204 : connecté. 200 : une seconde étape est demandée (code TOTP, ou son enrôlement).',
        body: LoginBody,
        response: { 200: SecondStepResponse, 204: z.null() },
      },
    },
    async (request, reply) => {
      const result = await checkPasswordSignIn(app.db, { ...request.body, ip: request.ip })
      if (result.kind === 'blocked') throw signInBlocked(result.retryAfterSeconds)
      if (result.kind === 'invalid') throw invalidCredentials()
      if (result.kind === 'second-factor') {
        await beginSecondFactor(request, reply, result.userId, 'password')
        return reply.code(200).send({ next: result.next })
      }
      const proof = { firstFactor: 'password', secondFactor: null } as const
      await completeSignIn(request, reply, result.userId, proof, result.account)
      return reply.code(204).send(null)
    },
  )

  routes.post(
    '/api/auth/totp',
    {
      config: { public: true, rateLimit: { max: app.config.loginRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Seconde étape : code TOTP ou code de secours',
        body: TotpBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = challengeOf(request)
      const challenge = token ? await claimChallenge(app.db, token) : null
      if (!token || !challenge) throw startAgain()
      const { userId, firstFactor } = challenge
      const totp = await findTotp(app.db, userId)
      if (!totp?.confirmedAt) throw startAgain()
      const secondFactor = await checkSecondFactorCode(request, totp, request.body)
      await deleteChallenge(app.db, token)
      clearChallenge(request, reply)
      await completeSignIn(request, reply, userId, { firstFactor, secondFactor })
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
        secondFactorPending: actor.heldBack !== null,
      }
    },
  )
}
