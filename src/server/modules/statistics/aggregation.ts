import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'

/**
 * The daily aggregates, computed from the raw events in set-based statements (one `INSERT … SELECT …
 * GROUP BY … ON CONFLICT` per table): running a day again gives the same rows, so the job may run
 * every hour on today and once more on yesterday after midnight.
 */

/** Per school, day, kind, service and profile: events and unique users (distinct pseudonyms). */
export async function aggregateSchoolsDay(db: Db, day: string): Promise<void> {
  await sql`
    insert into usage_daily (school_id, day, kind, service, profile, events, unique_users)
    select school_id, day, kind, service, profile, count(*), count(distinct user_hash)
    from usage_events
    where day = ${day}::date
    group by school_id, day, kind, service, profile
    on conflict (school_id, day, kind, service, profile) do update
      set events = excluded.events, unique_users = excluded.unique_users
  `.execute(db)
}

/**
 * The same above the school: the syndicate, each collectivity (the one the school belonged to on the
 * day), each circonscription. Unique users are counted again over the area's events, so a person of two
 * schools counts once (their pseudonym is the same in both on a day).
 */
export async function aggregateAreasDay(db: Db, day: string): Promise<void> {
  await sql`
    insert into usage_daily_by_area (area, day, kind, service, profile, events, unique_users)
    select a.area, e.day, e.kind, e.service, e.profile, count(*), count(distinct e.user_hash)
    from usage_events e
    join schools s on s.id = e.school_id
    cross join lateral (values
      ('syndicat'),
      ('collectivite:' || e.collectivity_id::text),
      ('circonscription:' || s.circonscription)
    ) as a(area)
    where e.day = ${day}::date and a.area is not null
    group by a.area, e.day, e.kind, e.service, e.profile
    on conflict (area, day, kind, service, profile) do update
      set events = excluded.events, unique_users = excluded.unique_users
  `.execute(db)
}

/** Accounts created and activated per school, now (people who left are not counted). */
export async function snapshotActivation(db: Db, now: Date): Promise<void> {
  await sql`
    insert into usage_activation (school_id, accounts, activated, computed_at)
    select m.school_id, count(distinct m.user_id),
           count(distinct m.user_id) filter (where u.activated_at is not null), ${now}
    from memberships m
    join users u on u.id = m.user_id
    where m.left_at is null
    group by m.school_id
    on conflict (school_id) do update
      set accounts = excluded.accounts, activated = excluded.activated, computed_at = excluded.computed_at
  `.execute(db)
}

export async function aggregateDay(db: Db, day: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await aggregateSchoolsDay(trx, day)
    await aggregateAreasDay(trx, day)
    await snapshotActivation(trx, now)
  })
}

/** Raw events older than a year go (connection logs are kept one year at most). */
export async function deleteExpiredUsageEvents(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('usageEvents').where('day', '<', before).executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function countExpiredUsageEvents(db: Db, before: string): Promise<number> {
  const row = await db
    .selectFrom('usageEvents')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('day', '<', before)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
