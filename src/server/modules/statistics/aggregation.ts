import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'

/**
 * The daily aggregates, computed from the raw events in set-based statements (one `INSERT … SELECT …
 * GROUP BY … ON CONFLICT` per table): running a day again gives the same rows, so the job may run
 * every hour on today and once more on yesterday after midnight.
 */

/**
 * Every aggregate of a day in ONE statement that reads the day's events once:
 * - `per_person` folds the events to one row per school, kind, service, profile and person (their
 *   count), joining the school once for its circonscription;
 * - `rolled` groups those rows by `GROUPING SETS`: per school, per collectivity (the one the school
 *   belonged to on the day), per circonscription and for the whole syndicate. Unique users are
 *   distinct pseudonyms within each group, so a person of two schools of an area counts once there
 *   (their pseudonym is the same in both on a day);
 * - two data-modifying CTEs write the school rows into `usage_daily` and the area rows into
 *   `usage_daily_by_area`, each `ON CONFLICT … DO UPDATE` so that running a day again gives the same
 *   rows (the job runs every hour on today, and once more on yesterday after midnight).
 * Before, the area rollup read the events a second time and tripled them with a lateral join before
 * its `count(distinct)`: 9 × a bare `GROUP BY` of the same rows (docs/benchmarks.md, `statistics`).
 */
export async function aggregateEventsOfDay(db: Db, day: string): Promise<void> {
  await sql`
    with per_person as (
      select e.school_id, e.collectivity_id, s.circonscription, e.kind, e.service, e.profile, e.user_hash,
             count(*) as events
      from usage_events e
      join schools s on s.id = e.school_id
      where e.day = ${day}::date
      group by e.school_id, e.collectivity_id, s.circonscription, e.kind, e.service, e.profile, e.user_hash
    ),
    rolled as (
      select
        -- 0: a school, 1: a collectivity, 2: a circonscription, 3: the syndicate.
        case grouping(school_id, collectivity_id, circonscription)
          when 3 then 0 when 5 then 1 when 6 then 2 else 3 end as level,
        school_id, collectivity_id, circonscription, kind, service, profile,
        sum(events)::integer as events, count(distinct user_hash)::integer as unique_users
      from per_person
      group by kind, service, profile,
        grouping sets ((school_id), (collectivity_id), (circonscription), ())
    ),
    schools_written as (
      insert into usage_daily (school_id, day, kind, service, profile, events, unique_users)
      select school_id, ${day}::date, kind, service, profile, events, unique_users
      from rolled where level = 0
      on conflict (school_id, day, kind, service, profile) do update
        set events = excluded.events, unique_users = excluded.unique_users
    )
    insert into usage_daily_by_area (area, day, kind, service, profile, events, unique_users)
    select case level
             when 1 then 'collectivite:' || collectivity_id::text
             when 2 then 'circonscription:' || circonscription
             else 'syndicat' end,
           ${day}::date, kind, service, profile, events, unique_users
    from rolled
    -- A school outside any circonscription counts in its collectivity and the syndicate only.
    where level = 3 or level = 1 or (level = 2 and circonscription is not null)
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
    await aggregateEventsOfDay(trx, day)
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
