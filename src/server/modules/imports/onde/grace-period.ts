import { sql } from 'kysely'
import type { Db } from '../../../db/connection.ts'
import { cleanUpStaging } from './staged-rows.ts'

/**
 * The end of the grace period: people an import stopped listing keep their access `graceDays` days,
 * then leave the school. Whoever no longer belongs anywhere loses their sessions at once. Then the
 * staging is cleaned up (`cleanUpStaging`: stale, half-read and lost runs, rows of runs no longer
 * staged). `now` comes from the caller (tests pass it).
 */
export async function expireMissingMemberships(
  db: Db,
  now: Date,
  graceDays: number,
): Promise<{ left: number; signedOut: string[]; runsDropped: number; runsLost: number }> {
  const ended = await db.transaction().execute(async (trx) => {
    const { rows: left } = await sql<{ userId: string }>`
      update memberships set left_at = ${now}
      where missing_since is not null and left_at is null
        and missing_since <= ${now}::timestamptz - make_interval(days => ${graceDays})
      returning user_id
    `.execute(trx)
    const ids = [...new Set(left.map((row) => row.userId))]
    let signedOut: string[] = []
    if (ids.length > 0) {
      const { rows: revoked } = await sql<{ userId: string }>`
        update sessions s set revoked_at = ${now}
        where s.user_id = any(${ids}::uuid[]) and s.revoked_at is null
          and not exists (select 1 from memberships m where m.user_id = s.user_id and m.left_at is null)
          and not exists (select 1 from admin_roles a where a.user_id = s.user_id)
        returning s.user_id
      `.execute(trx)
      signedOut = [...new Set(revoked.map((row) => row.userId))]
    }
    return { left: left.length, signedOut }
  })
  // Its own statements: a run found lost is marked so even when nothing else changes.
  const staging = await cleanUpStaging(db, now)
  return { ...ended, runsDropped: staging.runsDropped, runsLost: staging.runsLost }
}
