import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  AcceptedResponse,
  ActivationBody,
  ActivationCheckBody,
  ActivationCheckResponse,
  PasswordResetBody,
  PasswordResetRequestBody,
  SecondStepResponse,
} from '../../../../contract/identity.ts'
import { activateAccount, checkActivationCode, rulesForAccount } from '../activation.service.ts'
import { RESET_JOB, resetPassword } from '../password-reset.service.ts'
import { beginSecondFactor, completeSignIn } from '../sign-in-completion.ts'

const tags = ['identité']

/** First sign-in with an activation code, and the adults' password reset by e-mail. */
export async function activationRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const limited = { max: app.config.loginRateLimitPerMinute, timeWindow: 60_000 }

  routes.post(
    '/api/auth/activation/check',
    {
      config: { public: true, rateLimit: limited },
      schema: {
        tags,
        summary: 'Vérifier un identifiant et un code d’activation avant de choisir un mot de passe',
        body: ActivationCheckBody,
        response: { 200: ActivationCheckResponse },
      },
    },
    async (request) => {
      const account = await checkActivationCode(app.db, { ...request.body, ip: request.ip })
      return {
        displayName: `${account.firstName}`,
        isAdult: !account.profiles.every((profile) => profile === 'pupil'),
        passwordRule: rulesForAccount(account),
      }
    },
  )

  routes.post(
    '/api/auth/activation',
    {
      config: { public: true, rateLimit: limited },
      schema: {
        tags,
        summary: 'Activer son compte : mot de passe choisi deux fois, charte acceptée',
        description: '204 : compte activé et connecté. 200 : une seconde étape est demandée.',
        body: ActivationBody,
        response: { 200: SecondStepResponse, 204: z.null() },
      },
    },
    async (request, reply) => {
      const result = await activateAccount(app.db, { ...request.body, ip: request.ip })
      if (result.kind === 'second-factor') {
        await beginSecondFactor(request, reply, result.userId, 'activation-code')
        return reply.code(200).send({ next: result.next })
      }
      if (result.kind === 'signed-in') {
        const proof = { firstFactor: 'activation-code', secondFactor: null } as const
        await completeSignIn(request, reply, result.userId, proof, result.account)
      }
      return reply.code(204).send(null)
    },
  )

  routes.post(
    '/api/auth/password-reset/request',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Demander un lien de réinitialisation par e-mail (adultes)',
        body: PasswordResetRequestBody,
        response: { 202: AcceptedResponse },
      },
    },
    async (request, reply) => {
      await app.jobs.enqueue(RESET_JOB, { loginOrEmail: request.body.loginOrEmail })
      return reply.code(202).send({
        detail:
          'Si un compte avec une adresse e-mail correspond, un lien vient d’y être envoyé. Il est valable une heure. Pensez à regarder dans les indésirables.',
      })
    },
  )

  routes.post(
    '/api/auth/password-reset',
    {
      config: { public: true, rateLimit: limited },
      schema: {
        tags,
        summary: 'Choisir un nouveau mot de passe avec le lien reçu',
        body: PasswordResetBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const userId = await resetPassword(app.db, request.body)
      app.sessions.forgetUser(userId)
      return reply.code(204).send(null)
    },
  )
}
