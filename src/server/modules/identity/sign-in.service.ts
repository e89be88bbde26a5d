import type { Db } from '../../db/connection.ts'
import { verifyAgainstDecoy, verifyPassword } from './passwords.ts'
import { type AccountRow, findSignInState } from './queries.ts'
import { addressKey, clearFailures, loginKey, recordFailure } from './throttle.ts'

export type SignInResult =
  | { kind: 'blocked'; retryAfterSeconds: number }
  | { kind: 'invalid' }
  | { kind: 'signed-in'; userId: string; account: AccountRow }
  | { kind: 'second-factor'; userId: string; next: SecondStep }

/** The second step asked for: the app's code, its enrolment, or (app's codes locked) a recovery code. */
export type SecondStep = 'totp' | 'totp-enrolment' | 'recovery-code'

/** Directors and administrators must use a second factor; anyone who enrolled one uses it too. */
export function mustUseSecondFactor(account: Pick<AccountRow, 'isDirector' | 'isAdministrator'>): boolean {
  return account.isDirector || account.isAdministrator
}

/**
 * Checks a password sign-in. Every failure looks the same and takes as long (an unknown login is
 * checked against a decoy hash); repeated failures block the login typed and the address.
 */
export async function checkPasswordSignIn(
  db: Db,
  input: { login: string; password: string; ip: string },
): Promise<SignInResult> {
  // One statement before argon2id and, for a plain account, one after it (its session): sign-in is
  // bound by the password hash, and anything else on this path costs logins per second.
  const state = await findSignInState(db, input.login, {
    login: loginKey(input.login),
    address: addressKey(input.ip),
  })
  if (state.blockedSeconds > 0) return { kind: 'blocked', retryAfterSeconds: state.blockedSeconds }
  const account = state.account
  const isValid =
    account?.passwordHash && account.activatedAt
      ? await verifyPassword(account.passwordHash, input.password)
      : await verifyAgainstDecoy(input.password)
  if (!account || !isValid) {
    await recordFailure(db, input.login, input.ip)
    return { kind: 'invalid' }
  }
  if (state.hasFailures) await clearFailures(db, input.login)
  return afterFirstFactor(account)
}

/** What follows a first factor that succeeded (a password, or an activation). */
export function afterFirstFactor(account: AccountRow): SignInResult {
  if (account.hasTotp) {
    const next = account.isSecondFactorLocked ? 'recovery-code' : 'totp'
    return { kind: 'second-factor', userId: account.id, next }
  }
  if (mustUseSecondFactor(account))
    return { kind: 'second-factor', userId: account.id, next: 'totp-enrolment' }
  return { kind: 'signed-in', userId: account.id, account }
}

/** Staff-side accounts get an e-mail when they sign in from a new device. */
export function wantsNewDeviceAlert(account: AccountRow): boolean {
  return (
    account.isAdministrator ||
    account.profiles.some(
      (p) => p === 'teacher' || p === 'staff' || p === 'collectivity_agent' || p === 'academic',
    )
  )
}
