import { sql } from 'kysely'
import type { z } from 'zod'
import type { PersonSearchItem as PersonSearchItemSchema } from '../../../contract/person-merge.ts'
import type { Db } from '../../db/connection.ts'

/**
 * Reads of the person-merge console: accounts by name, two accounts side by side, recent merges. Cross
 * school by nature (administrators above schools), so on the owner handle; `collectivities` limits an
 * administrator of collectivities to people all of whose schools are theirs (null: the syndicate's).
 */

type PersonSearchItem = z.output<typeof PersonSearchItemSchema>

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Accounts whose folded name (« nom prénom ») starts with `q`; never a merged (disabled) account. */
export async function searchPeople(
  db: Db,
  q: string,
  collectivities: string[] | null,
): Promise<PersonSearchItem[]> {
  const { rows } = await sql<PersonSearchItem>`
    select u.id, u.login, u.display_name, u.activated_at is not null as is_activated,
      array(select distinct s.name from memberships m join schools s on s.id = m.school_id
        where m.user_id = u.id order by s.name) as schools
    from users u
    where u.search_key like (preau_fold(${escapeLike(q)}) collate "C") || '%'
      and u.disabled_at is null
      and ${collectivities === null ? sql`true` : withinCollectivities(sql`u.id`, collectivities)}
    order by u.search_key, u.id
    limit 30
  `.execute(db)
  return rows
}

/** Someone whose schools all belong to `collectivities` (and who has one), holding no deployment role. */
function withinCollectivities(user: ReturnType<typeof sql>, collectivities: string[]) {
  return sql`(
    exists (select 1 from memberships m where m.user_id = ${user})
    and not exists (
      select 1 from memberships m join schools s on s.id = m.school_id
      where m.user_id = ${user} and s.collectivity_id <> all(${collectivities}::uuid[])
    )
    and not exists (select 1 from admin_roles r where r.user_id = ${user})
  )`
}

/** Whether every given account is within `collectivities` (see `withinCollectivities`). */
export async function areWithinCollectivities(
  db: Db,
  ids: string[],
  collectivities: string[],
): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from unnest(${ids}::uuid[]) as x(id)
    where ${withinCollectivities(sql`x.id`, collectivities)}
  `.execute(db)
  return rows[0]!.n === ids.length
}

export type AccountRow = {
  id: string
  login: string
  displayName: string
  birthDate: string | null
  email: string | null
  phone: string | null
  isActivated: boolean
  isDisabled: boolean
  hasSecondFactor: boolean
  createdAt: Date
  schools: { schoolId: string; name: string; profiles: string[]; functions: string[]; hasLeft: boolean }[]
  family: { displayName: string; schoolName: string }[]
  classes: { name: string; schoolName: string }[]
}

/** The accounts as the comparison shows them (two at a time). */
export async function findAccounts(db: Db, ids: string[]): Promise<AccountRow[]> {
  const { rows } = await sql<AccountRow>`
    select u.id, u.login, u.display_name, u.birth_date::text as birth_date, u.email, u.phone,
      u.activated_at is not null as is_activated, u.disabled_at is not null as is_disabled,
      exists (select 1 from user_totp t where t.user_id = u.id and t.confirmed_at is not null) as has_second_factor,
      u.created_at,
      coalesce((
        select json_agg(json_build_object('schoolId', s.id, 'name', s.name, 'profiles', x.profiles,
          'functions', x.functions, 'hasLeft', x.has_left) order by s.name)
        from (
          select m.school_id, array_agg(m.profile order by m.profile) as profiles,
            array(select distinct f from memberships m2, unnest(m2.functions) f
              where m2.user_id = u.id and m2.school_id = m.school_id) as functions,
            bool_and(m.left_at is not null) as has_left
          from memberships m where m.user_id = u.id group by m.school_id
        ) x join schools s on s.id = x.school_id
      ), '[]') as schools,
      coalesce((
        select json_agg(json_build_object('displayName', o.display_name, 'schoolName', s.name)
          order by s.name, o.display_name)
        from family_links f
        join users o on o.id = case when f.parent_id = u.id then f.pupil_id else f.parent_id end
        join schools s on s.id = f.school_id
        where f.parent_id = u.id or f.pupil_id = u.id
      ), '[]') as family,
      coalesce((
        select json_agg(json_build_object('name', c.name, 'schoolName', s.name) order by s.name, c.name)
        from class_members cm
        join classes c on c.school_id = cm.school_id and c.id = cm.class_id and c.archived_at is null
        join schools s on s.id = cm.school_id
        where cm.user_id = u.id
      ), '[]') as classes
    from users u where u.id = any(${ids}::uuid[])
  `.execute(db)
  return ids.flatMap((id) => rows.filter((row) => row.id === id))
}

/** The kinds of profile an account has ever had: a pupil is never an adult's other account. */
export async function profilesOf(db: Db, id: string): Promise<string[]> {
  const { rows } = await sql<{ profile: string }>`
    select distinct profile from memberships where user_id = ${id}
  `.execute(db)
  return rows.map((row) => row.profile)
}

export type MergeRow = {
  id: string
  keptUserId: string
  mergedUserId: string
  keptLogin: string
  keptName: string
  mergedLogin: string
  mergedName: string
  mergedAt: Date
  mergedBy: string | null
  undoUntil: Date
  undoneAt: Date | null
  undoneBy: string | null
}

function mergeSelect() {
  return sql`
    select p.id, p.kept_user_id, p.merged_user_id, k.login as kept_login, k.display_name as kept_name,
      g.login as merged_login, g.display_name as merged_name, p.merged_at, b.display_name as merged_by,
      p.undo_until, p.undone_at, ub.display_name as undone_by
    from person_merges p
    join users k on k.id = p.kept_user_id
    join users g on g.id = p.merged_user_id
    left join users b on b.id = p.merged_by
    left join users ub on ub.id = p.undone_by`
}

/** The latest merges, newest first (a console's list: the last 50). */
export async function recentMerges(db: Db, collectivities: string[] | null): Promise<MergeRow[]> {
  const { rows } = await sql<MergeRow>`
    ${mergeSelect()}
    where ${collectivities === null ? sql`true` : withinCollectivities(sql`p.kept_user_id`, collectivities)}
    order by p.merged_at desc, p.id desc
    limit 50
  `.execute(db)
  return rows
}

export async function findMerge(db: Db, id: string): Promise<MergeRow | undefined> {
  const { rows } = await sql<MergeRow>`${mergeSelect()} where p.id = ${id}`.execute(db)
  return rows[0]
}

/** A merge made after this one that involves either account and is not undone: it must be undone first. */
export async function hasLaterMerge(db: Db, merge: MergeRow): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from person_merges p
    where p.undone_at is null
      and (p.merged_at, p.id) > (select o.merged_at, o.id from person_merges o where o.id = ${merge.id})
      and (p.kept_user_id = any(${[merge.keptUserId, merge.mergedUserId]}::uuid[])
        or p.merged_user_id = any(${[merge.keptUserId, merge.mergedUserId]}::uuid[]))
  `.execute(db)
  return rows[0]!.n > 0
}
