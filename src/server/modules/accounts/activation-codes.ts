import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'
import { newActivationCode, revokeAllSessions } from '../identity/index.ts'

/**
 * Issuing activation codes: one row per user in `activation_codes`, replaced when a new code is issued
 * (the old one stops working at once). Identity checks and consumes them at first sign-in.
 */
export type IssuedCode = { userId: string; code: string; expiresAt: Date }

function codeExpiry(days: number, now = Date.now()): Date {
  return new Date(now + days * 86_400_000)
}

/**
 * Gives each of `userIds` a new code, valid `days` days, but only to accounts not activated: a code on
 * an activated account would let its holder choose a new password, which only a reset may allow. The
 * check is in the same statement as the write. Returns the codes issued (users skipped are absent).
 */
export async function storeActivationCodes(db: Db, userIds: string[], days: number): Promise<IssuedCode[]> {
  if (userIds.length === 0) return []
  const expiresAt = codeExpiry(days)
  const codes = userIds.map(() => newActivationCode())
  const { rows } = await sql<IssuedCode>`
    insert into activation_codes (user_id, code, expires_at, created_at)
    select u.id, wanted.code, ${expiresAt}, now()
    from unnest(${userIds}::uuid[], ${codes}::text[]) as wanted(user_id, code)
    join users u on u.id = wanted.user_id and u.activated_at is null and u.disabled_at is null
    on conflict (user_id) do update set code = excluded.code, expires_at = excluded.expires_at,
      created_at = excluded.created_at
    returning user_id, code, expires_at
  `.execute(db)
  return rows
}

/**
 * A pupil's password reset by their teacher: the password and the activation are cleared, every session
 * of theirs closed, and a new code issued, all at once: `trx` is the caller's transaction (which also
 * writes the audit entry). The pupil then activates again with the code.
 */
export async function resetToActivation(trx: Db, userId: string, days: number): Promise<IssuedCode> {
  await trx
    .updateTable('users')
    .set({ passwordHash: null, activatedAt: null, updatedAt: sql`now()` })
    .where('id', '=', userId)
    .execute()
  await revokeAllSessions(trx, userId)
  const [issued] = await storeActivationCodes(trx, [userId], days)
  if (!issued) throw new Error(`no activation code issued for ${userId}`)
  return issued
}
