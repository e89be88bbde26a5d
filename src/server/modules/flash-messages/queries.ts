import { sql } from 'kysely'
import type { Profile } from '../../../contract/structures.ts'
import type { Db } from '../../db/connection.ts'

/** Who posts a message, and so which schools it may reach. */
export type Issuer =
  | { kind: 'syndicate' }
  | { kind: 'collectivity'; collectivityId: string }
  | { kind: 'school'; schoolId: string }

/** Dates are Paris days: a banner shown « until 12 December » is shown until midnight in Paris. */
const PARIS_TODAY = sql`(now() at time zone 'Europe/Paris')::date`

/** How many of `schoolIds` the issuer may address (all of them, or the request names a school it may not). */
export async function countSchoolsOfIssuer(db: Db, issuer: Issuer, schoolIds: string[]): Promise<number> {
  let query = db
    .selectFrom('schools')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', schoolIds)
  if (issuer.kind === 'collectivity') query = query.where('collectivityId', '=', issuer.collectivityId)
  if (issuer.kind === 'school') query = query.where('id', '=', issuer.schoolId)
  const row = await query.executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertFlashMessage(
  db: Db,
  issuer: Issuer,
  message: {
    text: string
    profiles: Profile[]
    schoolIds: string[]
    startsOn: string
    endsOn: string
    createdBy: string | null
  },
): Promise<string> {
  const { id } = await db
    .insertInto('flashMessages')
    .values({
      issuerKind: issuer.kind,
      issuerCollectivityId: issuer.kind === 'collectivity' ? issuer.collectivityId : null,
      issuerSchoolId: issuer.kind === 'school' ? issuer.schoolId : null,
      text: message.text,
      profiles: message.profiles,
      allSchools: message.schoolIds.length === 0,
      startsOn: message.startsOn,
      endsOn: message.endsOn,
      createdBy: message.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (message.schoolIds.length > 0) {
    // One statement for every school named, however many.
    await sql`
      insert into flash_message_schools (school_id, message_id)
      select s, ${id}::uuid from unnest(${message.schoolIds}::uuid[]) as s
      on conflict do nothing`.execute(db)
  }
  return id
}

/** The issuer's messages, newest first (the last 100: a banner lives a few days). */
export async function findIssuerMessages(db: Db, issuer: Issuer) {
  const { rows } = await sql<{
    id: string
    text: string
    profiles: Profile[]
    allSchools: boolean
    schools: { id: string; name: string }[]
    startsOn: string
    endsOn: string
    createdAt: Date
    authorName: string | null
  }>`
    select f.id, f.text, f.profiles, f.all_schools, f.starts_on, f.ends_on, f.created_at,
      a.display_name as author_name,
      coalesce((select json_agg(json_build_object('id', s.id, 'name', s.name) order by s.name)
        from flash_message_schools fs join schools s on s.id = fs.school_id
        where fs.message_id = f.id), '[]'::json) as schools
    from flash_messages f
    left join users a on a.id = f.created_by
    where ${
      issuer.kind === 'syndicate'
        ? sql`f.issuer_kind = 'syndicate'`
        : issuer.kind === 'collectivity'
          ? sql`f.issuer_collectivity_id = ${issuer.collectivityId}`
          : sql`f.issuer_school_id = ${issuer.schoolId}`
    }
    order by f.created_at desc, f.id
    limit 100`.execute(db)
  return rows
}

/**
 * The banners `userId` has to see today: current, not dismissed, addressed to one of their current
 * profiles in a school of theirs — named in the message, or any school of the issuer when none is named.
 * The current messages are few (their index), each checked against the user's memberships.
 */
function myBanners(userId: string) {
  return sql`
    select f.id, f.text, f.ends_on, f.created_at
    from flash_messages f
    where f.ends_on >= ${PARIS_TODAY} and f.starts_on <= ${PARIS_TODAY}
      and not exists (select 1 from flash_message_dismissals d where d.user_id = ${userId} and d.message_id = f.id)
      and exists (
        select 1 from memberships m
        join schools s on s.id = m.school_id
        where m.user_id = ${userId} and m.left_at is null and m.profile = any(f.profiles)
          and case
            when not f.all_schools then exists (
              select 1 from flash_message_schools fs where fs.school_id = m.school_id and fs.message_id = f.id)
            when f.issuer_kind = 'collectivity' then s.collectivity_id = f.issuer_collectivity_id
            when f.issuer_kind = 'school' then m.school_id = f.issuer_school_id
            else true
          end)`
}

export async function findMyBanners(db: Db, userId: string) {
  const { rows } = await sql<{ id: string; text: string; endsOn: string }>`
    select id, text, ends_on from (${myBanners(userId)}) b order by created_at desc, id limit 5`.execute(db)
  return rows
}

/** Records the dismissal of one of `userId`'s current banners; false when it is not one (404). */
export async function dismissBanner(db: Db, userId: string, messageId: string): Promise<boolean> {
  const result = await sql`
    insert into flash_message_dismissals (user_id, message_id)
    select ${userId}, b.id from (${myBanners(userId)}) b where b.id = ${messageId}
    on conflict do nothing`.execute(db)
  if (Number(result.numAffectedRows ?? 0) > 0) return true
  // Already dismissed: dismissing again changes nothing and is no error.
  const already = await db
    .selectFrom('flashMessageDismissals')
    .select('messageId')
    .where('userId', '=', userId)
    .where('messageId', '=', messageId)
    .executeTakeFirst()
  return already !== undefined
}
