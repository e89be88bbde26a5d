import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'
import type { FirstFactor } from '../../plugins/auth/actor.ts'

/** Pending second steps of a sign-in, TOTP seeds, recovery codes and known devices. */
const CHALLENGE_MINUTES = 10

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest()
}

export async function createChallenge(db: Db, userId: string, firstFactor: FirstFactor): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db
    .insertInto('signInChallenges')
    .values({
      tokenHash: hashToken(token),
      userId,
      firstFactor,
      expiresAt: sql`now() + make_interval(mins => ${CHALLENGE_MINUTES})`,
    })
    .execute()
  return token
}

/**
 * The user of a live challenge and the first factor it followed, counting one more attempt against it
 * (five at most).
 */
export async function claimChallenge(
  db: Db,
  token: string,
): Promise<{ userId: string; firstFactor: FirstFactor } | null> {
  const row = await db
    .updateTable('signInChallenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('tokenHash', '=', hashToken(token))
    .where('expiresAt', '>', sql<Date>`now()`)
    .where('attempts', '<', 5)
    .returning(['userId', 'firstFactor'])
    .executeTakeFirst()
  return row ?? null
}

export async function deleteChallenge(db: Db, token: string): Promise<void> {
  await db.deleteFrom('signInChallenges').where('tokenHash', '=', hashToken(token)).execute()
}

export async function findTotp(db: Db, userId: string) {
  return db.selectFrom('userTotp').selectAll().where('userId', '=', userId).executeTakeFirst()
}

/** Whether the person has a confirmed authenticator app. */
export async function hasSecondFactor(db: Db, userId: string): Promise<boolean> {
  const totp = await findTotp(db, userId)
  return Boolean(totp?.confirmedAt)
}

/** Starts (or restarts) an enrolment with a new seed, not yet confirmed. */
export async function savePendingTotp(db: Db, userId: string, secretEncrypted: string): Promise<void> {
  await db
    .insertInto('userTotp')
    .values({ userId, secretEncrypted, confirmedAt: null, lastUsedStep: null })
    .onConflict((oc) =>
      oc.column('userId').doUpdateSet({
        secretEncrypted,
        confirmedAt: null,
        lastUsedStep: null,
        failedCodes: 0,
        retryAfter: null,
        lockedAt: null,
      }),
    )
    .execute()
}

export async function recordTotpStep(db: Db, userId: string, step: number, confirm: boolean): Promise<void> {
  await db
    .updateTable('userTotp')
    .set({ lastUsedStep: step, ...(confirm ? { confirmedAt: sql`now()` } : {}) })
    .where('userId', '=', userId)
    .execute()
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: Buffer[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('recoveryCodes').where('userId', '=', userId).execute()
    await trx
      .insertInto('recoveryCodes')
      .values(hashes.map((codeHash) => ({ userId, codeHash })))
      .execute()
  })
}

/** Wrong codes before each further attempt waits, and before the app's codes are refused altogether. */
export const CODE_FAILURES_BEFORE_DELAY = 3
export const CODE_FAILURES_BEFORE_LOCK = 10
const FIRST_DELAY_SECONDS = 15
const MAX_DELAY_SECONDS = 15 * 60

/**
 * Counts a wrong second-factor code against the account, whatever challenge or session it came
 * through: from the third, the next attempt waits (15 s, doubling up to 15 min); at the tenth, the
 * app's codes are locked until a recovery code or an administrator's reset.
 */
export async function recordCodeFailure(
  db: Db,
  userId: string,
): Promise<{ failures: number; lockedAt: Date | null }> {
  const row = await db
    .updateTable('userTotp')
    .set((eb) => ({
      failedCodes: eb('failedCodes', '+', 1),
      retryAfter: sql<Date | null>`case when failed_codes + 1 >= ${CODE_FAILURES_BEFORE_DELAY}
        then now() + make_interval(secs => least(${MAX_DELAY_SECONDS}::float8,
          ${FIRST_DELAY_SECONDS}::float8 * power(2, failed_codes + 1 - ${CODE_FAILURES_BEFORE_DELAY})))
        end`,
      lockedAt: sql<Date | null>`case when failed_codes + 1 >= ${CODE_FAILURES_BEFORE_LOCK}
        then coalesce(locked_at, now()) else locked_at end`,
    }))
    .where('userId', '=', userId)
    .returning(['failedCodes', 'lockedAt'])
    .executeTakeFirst()
  return { failures: row?.failedCodes ?? 0, lockedAt: row?.lockedAt ?? null }
}

/** A right code clears the count and the delay (and the lock, when it was a recovery code). */
export async function clearCodeFailures(db: Db, userId: string, unlock: boolean): Promise<void> {
  await db
    .updateTable('userTotp')
    .set({ failedCodes: 0, retryAfter: null, ...(unlock ? { lockedAt: null } : {}) })
    .where('userId', '=', userId)
    .execute()
}

/**
 * Forgets the person's authenticator and recovery codes: they enrol again at their next sign-in. Both
 * go together: in the caller's transaction when there is one, else in a transaction of its own.
 */
export async function deleteSecondFactor(db: Db, userId: string): Promise<boolean> {
  const forget = async (trx: Db) => {
    await trx.deleteFrom('recoveryCodes').where('userId', '=', userId).execute()
    const deleted = await trx.deleteFrom('userTotp').where('userId', '=', userId).executeTakeFirst()
    return Number(deleted.numDeletedRows) > 0
  }
  return db.isTransaction ? forget(db) : db.transaction().execute(forget)
}

/** Spends a recovery code; false when it is unknown or already spent. */
export async function spendRecoveryCode(db: Db, userId: string, codeHash: Buffer): Promise<boolean> {
  const result = await db
    .updateTable('recoveryCodes')
    .set({ usedAt: sql`now()` })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recoveryCodes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/**
 * Records the device; returns whether it is new for a user who had signed in from another device
 * before (the first device of an account is not news).
 */
export async function rememberDevice(db: Db, userId: string, deviceHash: Buffer, userAgent: string | null) {
  const inserted = await db
    .insertInto('knownDevices')
    .values({ userId, deviceHash, userAgent: userAgent?.slice(0, 300) ?? null })
    .onConflict((oc) => oc.columns(['userId', 'deviceHash']).doUpdateSet({ lastSeenAt: sql`now()` }))
    .returning(sql<boolean>`xmax = 0`.as('isNew'))
    .executeTakeFirstOrThrow()
  if (!inserted.isNew) return false
  const others = await db
    .selectFrom('knownDevices')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('userId', '=', userId)
    .executeTakeFirstOrThrow()
  return Number(others.count) > 1
}
