import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'

/** Pending second steps of a sign-in, TOTP seeds, recovery codes and known devices. */
const CHALLENGE_MINUTES = 10

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest()
}

export async function createChallenge(db: Db, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db
    .insertInto('signInChallenges')
    .values({
      tokenHash: hashToken(token),
      userId,
      expiresAt: sql`now() + make_interval(mins => ${CHALLENGE_MINUTES})`,
    })
    .execute()
  return token
}

/** The user of a live challenge, counting one more attempt against it (five at most). */
export async function claimChallenge(db: Db, token: string): Promise<string | null> {
  const row = await db
    .updateTable('signInChallenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('tokenHash', '=', hashToken(token))
    .where('expiresAt', '>', sql<Date>`now()`)
    .where('attempts', '<', 5)
    .returning('userId')
    .executeTakeFirst()
  return row?.userId ?? null
}

export async function deleteChallenge(db: Db, token: string): Promise<void> {
  await db.deleteFrom('signInChallenges').where('tokenHash', '=', hashToken(token)).execute()
}

export async function findTotp(db: Db, userId: string) {
  return db.selectFrom('userTotp').selectAll().where('userId', '=', userId).executeTakeFirst()
}

/** Starts (or restarts) an enrolment with a new seed, not yet confirmed. */
export async function savePendingTotp(db: Db, userId: string, secretEncrypted: string): Promise<void> {
  await db
    .insertInto('userTotp')
    .values({ userId, secretEncrypted, confirmedAt: null, lastUsedStep: null })
    .onConflict((oc) =>
      oc.column('userId').doUpdateSet({ secretEncrypted, confirmedAt: null, lastUsedStep: null }),
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
