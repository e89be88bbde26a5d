import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'

/**
 * Sign-in throttling kept in PostgreSQL, so every node sees the same counts. Keyed by the login as
 * typed (existing or not, so a block reveals nothing) and by address (a school behind one NAT shares
 * it: its threshold is high). Failures older than an hour are forgotten.
 */
type Policy = { threshold: number; baseBlockSeconds: number; maxBlockSeconds: number }

const BY_LOGIN: Policy = { threshold: 5, baseBlockSeconds: 60, maxBlockSeconds: 15 * 60 }
const BY_ADDRESS: Policy = { threshold: 100, baseBlockSeconds: 5 * 60, maxBlockSeconds: 60 * 60 }

export const loginKey = (login: string) => `login:${login.trim().toLowerCase()}`
export const addressKey = (ip: string) => `ip:${ip}`

/** Seconds until the first of these keys is unblocked, or 0 when none is blocked. */
export async function secondsBlocked(db: Db, keys: string[]): Promise<number> {
  const row = await db
    .selectFrom('signInThrottles')
    .select(sql<number>`coalesce(ceil(extract(epoch from max(blocked_until) - now())), 0)`.as('seconds'))
    .where('key', 'in', keys)
    .where('blockedUntil', '>', sql<Date>`now()`)
    .executeTakeFirst()
  return Math.max(0, Number(row?.seconds ?? 0))
}

/** Counts a failure for the login and the address; blocks them past their threshold. */
export async function recordFailure(db: Db, login: string, ip: string): Promise<void> {
  await Promise.all([bump(db, loginKey(login), BY_LOGIN), bump(db, addressKey(ip), BY_ADDRESS)])
}

/** A successful sign-in clears the login's count (not the address's: others share it). */
export async function clearFailures(db: Db, login: string): Promise<void> {
  await db.deleteFrom('signInThrottles').where('key', '=', loginKey(login)).execute()
}

async function bump(db: Db, key: string, policy: Policy): Promise<void> {
  // Past the threshold each failure doubles the block, up to its maximum.
  await sql`
    insert into sign_in_throttles as t (key, failures, updated_at) values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when t.updated_at < now() - interval '1 hour' then 1 else t.failures + 1 end,
      updated_at = now(),
      blocked_until = case
        when (case when t.updated_at < now() - interval '1 hour' then 1 else t.failures + 1 end) >= ${policy.threshold}
        then now() + make_interval(secs => least(
          ${policy.maxBlockSeconds}::float8,
          ${policy.baseBlockSeconds}::float8 * power(2, t.failures + 1 - ${policy.threshold})
        ))
        else t.blocked_until
      end
  `.execute(db)
}
