import { timingSafeEqual } from 'node:crypto'
import { type PasswordRules, passwordProblem, passwordRulesFor } from '../../../contract/passwords.ts'
import type { Db } from '../../db/connection.ts'
import { fieldProblem, HttpProblem } from '../../plugins/errors.ts'
import { recordCurrentCharterAcceptance } from '../deployment/index.ts'
import { normaliseActivationCode } from './activation-codes.ts'
import { hashPassword } from './passwords.ts'
import { signInBlocked } from './problems.ts'
import { type AccountRow, findAccountByLogin, findActivationCode } from './queries.ts'
import { afterFirstFactor, type SignInResult } from './sign-in.service.ts'
import { addressKey, clearFailures, loginKey, recordFailure, secondsBlocked } from './throttle.ts'

/** One answer for every way a code can be wrong: unknown login, wrong code, expired, already used. */
const invalidActivation = () =>
  new HttpProblem(400, 'invalid-activation', 'Identifiant ou code d’activation incorrect, ou code expiré.')

export function rulesForAccount(account: AccountRow): PasswordRules {
  return passwordRulesFor(account.profiles, account.isAdministrator || account.isDirector)
}

/**
 * Checks a login and activation code (throttled like a password sign-in) and returns the account.
 * Throws a problem for every failure.
 */
export async function checkActivationCode(
  db: Db,
  input: { login: string; code: string; ip: string },
): Promise<AccountRow> {
  const seconds = await secondsBlocked(db, [loginKey(input.login), addressKey(input.ip)])
  if (seconds > 0) throw signInBlocked(seconds)
  const account = await findAccountByLogin(db, input.login)
  const activation = account ? await findActivationCode(db, account.id) : undefined
  const typed = Buffer.from(normaliseActivationCode(input.code))
  const isValid =
    activation !== undefined &&
    activation.expiresAt.getTime() > Date.now() &&
    typed.length === activation.code.length &&
    timingSafeEqual(typed, Buffer.from(activation.code))
  if (!account || !isValid) {
    await recordFailure(db, input.login, input.ip)
    throw invalidActivation()
  }
  return account
}

export type ActivationInput = {
  login: string
  code: string
  password: string
  passwordConfirmation: string
  email?: string | undefined
  phone?: string | undefined
  ip: string
}

/**
 * First sign-in: the code is checked again inside the transaction that sets the password, records the
 * charter's acceptance and deletes the code (so a code works once, even under concurrent attempts).
 */
export async function activateAccount(db: Db, input: ActivationInput): Promise<SignInResult> {
  const account = await checkActivationCode(db, input)
  if (input.password !== input.passwordConfirmation) {
    throw fieldProblem('passwordConfirmation', 'Les deux mots de passe ne sont pas identiques.')
  }
  const problem = passwordProblem(input.password, rulesForAccount(account), account)
  if (problem) throw fieldProblem('password', problem)
  const passwordHash = await hashPassword(input.password)
  const isAdult = !account.profiles.every((profile) => profile === 'pupil')
  await db.transaction().execute(async (trx) => {
    const consumed = await trx
      .deleteFrom('activationCodes')
      .where('userId', '=', account.id)
      .where('code', '=', normaliseActivationCode(input.code))
      .executeTakeFirst()
    if (Number(consumed.numDeletedRows) !== 1) throw invalidActivation()
    await trx
      .updateTable('users')
      .set({
        passwordHash,
        activatedAt: new Date(),
        charterAcceptedAt: new Date(),
        updatedAt: new Date(),
        ...(isAdult && input.email ? { email: input.email.toLowerCase() } : {}),
        ...(isAdult && input.phone ? { phone: input.phone.replace(/[\s.-]/g, '') } : {}),
      })
      .where('id', '=', account.id)
      .execute()
    await recordCurrentCharterAcceptance(trx, account.id)
  })
  await clearFailures(db, input.login)
  return afterFirstFactor({ ...account, activatedAt: new Date() })
}
