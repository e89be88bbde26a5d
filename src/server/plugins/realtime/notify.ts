import { type Expression, sql } from 'kysely'
import type { RealtimeEvent } from '../../../contract/feed.ts'
import type { Db } from '../../db/connection.ts'

/** The channel every process listens on (one connection each, see `listener.ts`). */
export const REALTIME_CHANNEL = 'preau_realtime'

/**
 * Who an event is for: user ids, or a subquery yielding one column of user ids (set-based: a class's
 * parents, an item's recipients…), evaluated in the caller's transaction.
 */
export type Audience = readonly string[] | Expression<unknown>

/**
 * User ids per notification. A NOTIFY payload holds at most 8000 bytes: 100 ids of 36 characters with
 * their quotes and commas are ~3.9 KB, leaving room for the event.
 */
export const IDS_PER_NOTIFICATION = 100

/** The audience as a relation `a(user_id)`, whatever form it was given in. */
export function audienceRelation(audience: Audience) {
  return Array.isArray(audience)
    ? sql`(select unnest(${sql.val(audience)}::uuid[])) as a(user_id)`
    : sql`(${audience as Expression<unknown>}) as a(user_id)`
}

/**
 * Tells the open sockets of `audience`, on every instance, about `event` — when the caller's
 * transaction commits (PostgreSQL delivers NOTIFY at commit, and drops it on rollback). One statement,
 * however large the audience: the ids are cut into chunks, one notification each. Returns the number
 * of users told.
 */
export async function notifyUsers(db: Db, audience: Audience, event: RealtimeEvent): Promise<number> {
  if (Array.isArray(audience) && audience.length === 0) return 0
  const eventJson = JSON.stringify(event)
  const { rows } = await sql<{ users: string }>`
    with recipients as (
      select distinct a.user_id from ${audienceRelation(audience)} where a.user_id is not null
    ), chunks as (
      select user_id, (row_number() over () - 1) / ${IDS_PER_NOTIFICATION} as chunk from recipients
    ), sent as (
      select count(*) as users,
             pg_notify(${REALTIME_CHANNEL}, json_build_object('u', json_agg(user_id), 'e', ${eventJson}::json)::text)
      from chunks group by chunk
    )
    select coalesce(sum(users), 0)::text as users from sent
  `.execute(db)
  return Number(rows[0]?.users ?? 0)
}
