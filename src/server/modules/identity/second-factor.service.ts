import type { FastifyRequest } from 'fastify'
import { HttpProblem } from '../../plugins/errors.ts'
import { auditAuthorOf, auditedChange, recordAudit } from '../audit/index.ts'
import { secondFactorResetMail, wrongCodesMail } from './mails.ts'
import { findAccountById, revokeAllSessions } from './queries.ts'
import {
  CODE_FAILURES_BEFORE_DELAY,
  CODE_FAILURES_BEFORE_LOCK,
  clearCodeFailures,
  deleteSecondFactor,
  findTotp,
  recordCodeFailure,
  recordTotpStep,
  spendRecoveryCode,
} from './second-factor.queries.ts'
import { hashRecoveryCode, verifyTotp } from './second-factor.ts'
import { recordFailure } from './throttle.ts'

/** How a second step was proven. */
export type SecondFactorProof = 'totp' | 'recovery-code'

type ConfirmedTotp = NonNullable<Awaited<ReturnType<typeof findTotp>>>

/**
 * Checks a code of the person's app, or one of their recovery codes, wherever it is typed (the second
 * step of a sign-in, a step-up, new recovery codes). Wrong codes count against the account, across
 * challenges and sessions, and also against the sign-in throttle of its login and of the address, as
 * wrong passwords do: from the third, every attempt waits longer; at the tenth the app's codes are
 * refused until a recovery code (the person's own recovery) or an administrator's reset. The person is
 * told by e-mail, and the lock and its end go to the audit trail.
 */
export async function checkSecondFactorCode(
  request: FastifyRequest,
  totp: ConfirmedTotp,
  typed: { code?: string | undefined; recoveryCode?: string | undefined },
  invalidStatus = 401,
): Promise<SecondFactorProof> {
  const app = request.server
  const userId = totp.userId
  const waitMs = totp.retryAfter ? totp.retryAfter.getTime() - Date.now() : 0
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000)
    throw new HttpProblem(
      429,
      'second-factor-delayed',
      `Trop de codes erronés : réessayez dans ${seconds} seconde(s).`,
      { retryAfterSeconds: seconds },
    )
  }
  if (typed.code) {
    if (totp.lockedAt) throw secondFactorLocked()
    const step = verifyTotp(app.secrets.open(totp.secretEncrypted), typed.code, totp.lastUsedStep)
    if (step === null) {
      await countWrongCode(request, userId)
      throw new HttpProblem(invalidStatus, 'invalid-code', 'Code incorrect ou déjà utilisé.')
    }
    await recordTotpStep(app.db, userId, step, false)
    if (totp.failedCodes > 0) await clearCodeFailures(app.db, userId, false)
    return 'totp'
  }
  if (!(await spendRecoveryCode(app.db, userId, hashRecoveryCode(typed.recoveryCode ?? '')))) {
    await countWrongCode(request, userId)
    throw new HttpProblem(invalidStatus, 'invalid-code', 'Code de secours incorrect ou déjà utilisé.')
  }
  if (totp.failedCodes > 0 || totp.lockedAt) await clearCodeFailures(app.db, userId, true)
  if (totp.lockedAt) {
    await recordAudit(request, {
      action: 'identity.unlockSecondFactor',
      target: { type: 'user', id: userId },
      details: { by: 'recovery-code' },
    })
  }
  return 'recovery-code'
}

export const secondFactorLocked = () =>
  new HttpProblem(
    403,
    'second-factor-locked',
    'Trop de codes erronés : les codes de votre application sont refusés. Utilisez un code de secours, ' +
      'ou demandez à un administrateur de réinitialiser votre double authentification.',
  )

async function countWrongCode(request: FastifyRequest, userId: string): Promise<void> {
  const app = request.server
  const [{ failures }, account] = await Promise.all([
    recordCodeFailure(app.db, userId),
    findAccountById(app.db, userId),
  ])
  if (account) await recordFailure(app.db, account.login, request.ip)
  const locked = failures === CODE_FAILURES_BEFORE_LOCK
  if (!locked && failures !== CODE_FAILURES_BEFORE_DELAY) return
  if (locked) {
    await recordAudit(request, {
      action: 'identity.lockSecondFactor',
      target: { type: 'user', id: userId },
      details: { failures },
    })
  }
  if (account?.email) await app.mail.queue(wrongCodesMail(account.email, account.firstName, locked))
}

/**
 * An administrator's reset of someone else's second factor: the app and recovery codes are forgotten
 * (which also lifts a lock), the person's sessions end, they are told by e-mail and enrol again at
 * their next sign-in. False when the person had no second factor to reset.
 */
export async function resetSecondFactor(request: FastifyRequest, userId: string, schoolId?: string) {
  const app = request.server
  if (request.actor?.userId === userId) {
    throw new HttpProblem(
      409,
      'self-second-factor-reset',
      'Vous ne pouvez pas réinitialiser votre propre double authentification : utilisez un code de ' +
        'secours, ou demandez-le à un autre administrateur.',
    )
  }
  const totp = await findTotp(app.db, userId)
  if (!totp?.confirmedAt) {
    throw new HttpProblem(409, 'no-second-factor', 'Cette personne n’a pas de double authentification.')
  }
  // The reset, the end of the person's sessions and the audit entry commit together.
  await auditedChange(
    app.db,
    auditAuthorOf(request),
    async (trx) => {
      await deleteSecondFactor(trx, userId)
      await revokeAllSessions(trx, userId)
    },
    () => ({
      action: 'identity.resetSecondFactor',
      schoolId: schoolId ?? null,
      target: { type: 'user', id: userId },
      details: { wasLocked: Boolean(totp.lockedAt) },
    }),
  )
  app.sessions.forgetUser(userId)
  const account = await findAccountById(app.db, userId)
  if (account?.email) await app.mail.queue(secondFactorResetMail(account.email, account.firstName))
}
