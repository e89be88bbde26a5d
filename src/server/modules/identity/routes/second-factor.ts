import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  RecoveryCodesResponse,
  SecurityResponse,
  TotpBody,
  TotpConfirmBody,
  TotpEnrolmentResponse,
} from '../../../../contract/identity.ts'
import type { FirstFactor } from '../../../plugins/auth/actor.ts'
import { HttpProblem } from '../../../plugins/errors.ts'
import { actorOf } from '../../../plugins/policy/index.ts'
import { startAgain } from '../problems.ts'
import { findAccountById } from '../queries.ts'
import {
  claimChallenge,
  countUnusedRecoveryCodes,
  deleteChallenge,
  findTotp,
  recordTotpStep,
  replaceRecoveryCodes,
  savePendingTotp,
} from '../second-factor.queries.ts'
import { checkSecondFactorCode } from '../second-factor.service.ts'
import { describeEnrolment, newRecoveryCodes, newTotpSecret, verifyTotp } from '../second-factor.ts'
import { mustUseSecondFactor } from '../sign-in.service.ts'
import { challengeOf, clearChallenge, completeSignIn } from '../sign-in-completion.ts'

const tags = ['identité']

/**
 * Who is enrolling an authenticator: the signed-in user, or a sign-in paused for a mandatory
 * enrolment. A paused sign-in of an account that already has a confirmed TOTP may not enrol another
 * one: that would let a password alone replace the second factor.
 */
async function enrollingUser(
  request: FastifyRequest,
): Promise<{ userId: string; challenge: string | null; firstFactor: FirstFactor }> {
  const app = request.server
  let userId = request.actor?.userId ?? null
  let challenge: string | null = null
  let firstFactor: FirstFactor = request.actor?.authentication.firstFactor ?? 'password'
  if (!userId) {
    challenge = challengeOf(request)
    const claimed = challenge ? await claimChallenge(app.db, challenge) : null
    if (!claimed) throw startAgain()
    userId = claimed.userId
    firstFactor = claimed.firstFactor
  }
  const totp = await findTotp(app.db, userId)
  if (totp?.confirmedAt) {
    throw new HttpProblem(
      409,
      'totp-already-enrolled',
      'Une application d’authentification est déjà associée à ce compte.',
    )
  }
  return { userId, challenge, firstFactor }
}

export async function secondFactorRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.post(
    '/api/auth/totp/enrolment',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Commencer l’enrôlement d’une application d’authentification (TOTP)',
        response: { 200: TotpEnrolmentResponse },
      },
    },
    async (request) => {
      const { userId } = await enrollingUser(request)
      const account = await findAccountById(app.db, userId)
      if (!account) throw startAgain()
      const secret = newTotpSecret()
      await savePendingTotp(app.db, userId, app.secrets.seal(secret))
      return describeEnrolment(secret, account.login)
    },
  )

  routes.post(
    '/api/auth/totp/enrolment/confirm',
    {
      config: { public: true, rateLimit: { max: app.config.loginRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Confirmer l’enrôlement par un premier code ; renvoie les codes de secours',
        body: TotpConfirmBody,
        response: { 200: RecoveryCodesResponse },
      },
    },
    async (request, reply) => {
      const { userId, challenge, firstFactor } = await enrollingUser(request)
      const pending = await findTotp(app.db, userId)
      if (!pending) throw new HttpProblem(400, 'no-enrolment', 'Commencez par afficher le QR code.')
      const step = verifyTotp(
        app.secrets.open(pending.secretEncrypted),
        request.body.code,
        pending.lastUsedStep,
      )
      if (step === null)
        throw new HttpProblem(
          400,
          'invalid-code',
          'Code incorrect : vérifiez l’heure de votre téléphone et réessayez.',
        )
      await recordTotpStep(app.db, userId, step, true)
      const { codes, hashes } = newRecoveryCodes()
      await replaceRecoveryCodes(app.db, userId, hashes)
      if (challenge) {
        await deleteChallenge(app.db, challenge)
        clearChallenge(request, reply)
        await completeSignIn(request, reply, userId, { firstFactor, secondFactor: 'totp' })
      } else {
        // Enrolled from a signed-in session: it has just passed the second factor with the first code.
        await app.sessions.recordSecondFactor(request, 'totp')
      }
      return { recoveryCodes: codes }
    },
  )

  routes.post(
    '/api/auth/step-up',
    {
      config: {
        policy: 'identity.stepUp',
        rateLimit: { max: app.config.loginRateLimitPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags,
        summary: 'Confirmer la session par un code TOTP ou un code de secours (« step-up »)',
        description:
          'La session passe la double authentification maintenant : les droits qui la demandent ' +
          '(direction, administration) s’ouvrent, et les actions qui la veulent récente sont permises.',
        body: TotpBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const userId = actorOf(request).userId
      const totp = await findTotp(app.db, userId)
      if (!totp?.confirmedAt)
        throw new HttpProblem(409, 'no-totp', 'Activez d’abord la double authentification.')
      const proof = await checkSecondFactorCode(request, totp, request.body)
      await app.sessions.recordSecondFactor(request, proof)
      return reply.code(204).send(null)
    },
  )

  routes.get(
    '/api/me/security',
    {
      config: { policy: 'identity.viewSelf' },
      schema: { tags, summary: 'Double authentification : état', response: { 200: SecurityResponse } },
    },
    async (request) => {
      const userId = actorOf(request).userId
      const [account, totp, left] = await Promise.all([
        findAccountById(app.db, userId),
        findTotp(app.db, userId),
        countUnusedRecoveryCodes(app.db, userId),
      ])
      return {
        totpEnabled: Boolean(totp?.confirmedAt),
        totpRequired: account ? mustUseSecondFactor(account) : false,
        recoveryCodesLeft: left,
      }
    },
  )

  routes.post(
    '/api/me/security/recovery-codes',
    {
      config: { policy: 'identity.viewSelf' },
      schema: {
        tags,
        summary: 'Nouveaux codes de secours (sur présentation d’un code TOTP)',
        body: TotpConfirmBody,
        response: { 200: RecoveryCodesResponse },
      },
    },
    async (request) => {
      const userId = actorOf(request).userId
      const totp = await findTotp(app.db, userId)
      if (!totp?.confirmedAt)
        throw new HttpProblem(409, 'no-totp', 'Activez d’abord la double authentification.')
      await checkSecondFactorCode(request, totp, { code: request.body.code }, 400)
      const { codes, hashes } = newRecoveryCodes()
      await replaceRecoveryCodes(app.db, userId, hashes)
      return { recoveryCodes: codes }
    },
  )
}
