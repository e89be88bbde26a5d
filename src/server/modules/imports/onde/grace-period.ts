import { sql } from 'kysely'
import type { Db } from '../../../db/connection.ts'

/**
 * The end of the grace period: people an import stopped listing keep their access `graceDays` days,
 * then leave the school. Whoever no longer belongs anywhere loses their sessions at once. Runs nobody
 * applied within a week are discarded, and the staged rows of
 * runs applied or discarded are deleted. `now` comes from the caller (tests pass it).
 */
export async function expireMissingMemberships(
  db: Db,
  now: Date,
  graceDays: number,
): Promise<{ left: number; signedOut: string[]; runsDropped: number }> {
  return db.transaction().execute(async (trx) => {
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
    const { rows: stale } = await sql<{ id: string }>`
      update import_runs set status = 'discarded'
      where status = 'staged' and created_at < ${now}::timestamptz - interval '7 days'
      returning id
    `.execute(trx)
    const staleIds = stale.map((row) => row.id)
    if (staleIds.length > 0) {
      for (const table of [
        'import_guardian_children',
        'import_guardians',
        'import_pupils',
        'import_teachers',
      ]) {
        await sql`delete from ${sql.table(table)} where run_id = any(${staleIds}::uuid[])`.execute(trx)
      }
    }
    return { left: left.length, signedOut, runsDropped: stale.length }
  })
}
