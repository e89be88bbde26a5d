import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'

export const PURGE_FEED_JOB = 'feed.purgeOld'
/** Every night at 03:50, Paris time (after Messagerie's trash). */
export const PURGE_FEED_CRON = '50 3 * * *'
/** Items per statement: a school-wide item carries ~700 deliveries, so at most ~350,000 rows go at once. */
const BATCH = 500

/**
 * The smallest UUID v7 of the millisecond `at`: every item id (UUID v7, time-ordered) below it was
 * made before `at`, so « older than » is a range of the items' key.
 */
export function uuidV7Floor(at: Date): string {
  const hex = at.getTime().toString(16).padStart(12, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`
}

/**
 * Deletes the feed items published more than `retentionDays` ago and, by the foreign key's cascade,
 * their deliveries (the people's feeds), by batches of items: each statement walks the schools and
 * takes, in each, the oldest items of its key range `(school_id, id)` — set-based, no scan of the
 * whole table, short transactions. `created_at` is checked too, so an id that is not time-ordered
 * (none is written today) is never taken for an old one. Returns the number of items deleted.
 */
export async function purgeOldFeed(db: Db, retentionDays: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000)
  const floor = uuidV7Floor(before)
  let deleted = 0
  for (;;) {
    const { numAffectedRows } = await sql`
      delete from feed_items f using (
        select i.school_id, i.id from schools s
        cross join lateral (
          select school_id, id from feed_items
          where school_id = s.id and id < ${floor}::uuid and created_at < ${before}
          order by id limit ${BATCH}) i
        limit ${BATCH}
      ) old
      where f.school_id = old.school_id and f.id = old.id
    `.execute(db)
    const count = Number(numAffectedRows ?? 0)
    deleted += count
    if (count < BATCH) return deleted
  }
}
