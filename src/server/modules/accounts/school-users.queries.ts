import { type RawBuilder, sql } from 'kysely'
import type { ActivationState } from '../../../contract/accounts.ts'
import type { Profile } from '../../../contract/structures.ts'
import { countUpTo } from '../../db/count.ts'
import { escapeLike } from '../../db/like.ts'
import { inSchool, type SchoolScope } from '../../plugins/tenancy.ts'

/**
 * Reads of the school's users for its administrators. A user belongs to the school through their
 * memberships in it: current ones, or only left ones once removed (the account is kept).
 */
export type SchoolUserRow = {
  id: string
  displayName: string
  login: string
  searchKey: string
  profiles: Profile[]
  isDirector: boolean
  classes: { id: string; name: string }[]
  activationState: ActivationState
  codeExpiresAt: Date | null
  removedAt: Date | null
}

export type UsersFilter = {
  q?: string | undefined
  profile?: Profile | undefined
  classId?: string | undefined
  activation?: ActivationState | undefined
  status: 'current' | 'removed'
  after?: { key: string; id: string } | undefined
  limit: number
}

/** The user's memberships in the school, folded: removed when every one of them was left. */
function membersOf(scope: SchoolScope) {
  return sql`
    select m.user_id,
      bool_and(m.left_at is not null) as is_removed,
      max(m.left_at) as left_at,
      array_agg(distinct m.profile) filter (where m.left_at is null) as current_profiles,
      array_agg(distinct m.profile) as all_profiles,
      coalesce(bool_or(m.left_at is null and 'director' = any(m.functions)), false) as is_director
    from memberships m where ${inSchool(scope, 'm')}
    group by m.user_id`
}

const activationStateOf = sql<ActivationState>`case
  when u.activated_at is not null then 'activated'
  when ac.user_id is null then 'no-code'
  when ac.expires_at <= now() then 'expired'
  else 'pending' end`

/** The user's current classes in the school; a parent's are their children's. */
function classesOf(scope: SchoolScope): RawBuilder<{ id: string; name: string }[]> {
  return sql`coalesce((
    select json_agg(json_build_object('id', c.id, 'name', c.name) order by c.name)
    from classes c where ${inSchool(scope, 'c')} and c.archived_at is null and c.id in (
      select cm.class_id from class_members cm where ${inSchool(scope, 'cm')} and cm.user_id = u.id
      union
      select cm.class_id from family_links f
      join class_members cm on cm.school_id = f.school_id and cm.user_id = f.pupil_id and cm.role = 'pupil'
      where ${inSchool(scope, 'f')} and f.parent_id = u.id)
  ), '[]'::json)`
}

const profilesOf = sql`(case when mb.is_removed then mb.all_profiles else mb.current_profiles end)`

/** The school's users the filter keeps (before the page's cursor): one source for the page and its total. */
function filteredUsers(scope: SchoolScope, filter: UsersFilter, columns: RawBuilder<unknown>) {
  const prefix = filter.q ? sql`preau_fold(${escapeLike(filter.q)})` : null
  return sql`
    select ${columns}
    from (${membersOf(scope)}) mb
    join users u on u.id = mb.user_id and u.disabled_at is null
    left join activation_codes ac on ac.user_id = u.id
    where mb.is_removed = ${filter.status === 'removed'}
      ${prefix ? sql`and (u.search_key like ${prefix} || '%' or u.search_key like '% ' || ${prefix} || '%')` : sql``}
      ${filter.profile ? sql`and ${filter.profile} = any(${profilesOf})` : sql``}
      ${filter.activation ? sql`and ${activationStateOf} = ${filter.activation}` : sql``}
      ${
        filter.classId
          ? sql`and exists (select 1 from class_members cm
                where ${inSchool(scope, 'cm')} and cm.class_id = ${filter.classId}
                and (cm.user_id = u.id or (cm.role = 'pupil' and exists (select 1 from family_links f
                  where ${inSchool(scope, 'f')} and f.pupil_id = cm.user_id and f.parent_id = u.id))))`
          : sql``
      }`
}

/** One page of the school's users, by name then id after a keyset cursor. */
export async function findSchoolUsers(scope: SchoolScope, filter: UsersFilter): Promise<SchoolUserRow[]> {
  const columns = sql`u.id, u.display_name, u.login, u.search_key, ${profilesOf} as profiles, mb.is_director,
      ${classesOf(scope)} as classes, ${activationStateOf} as activation_state,
      ac.expires_at as code_expires_at, case when mb.is_removed then mb.left_at end as removed_at`
  const { rows } = await sql<SchoolUserRow>`
    ${filteredUsers(scope, filter, columns)}
      ${filter.after ? sql`and (u.search_key, u.id) > (${filter.after.key}, ${filter.after.id}::uuid)` : sql``}
    order by u.search_key, u.id
    limit ${filter.limit + 1}
  `.execute(scope.db)
  return rows
}

/**
 * How many users the filter keeps (the cursor aside). The school's memberships are folded whole for the
 * page anyway (one index range of the school), so the count is exact up to `TOTAL_CAP`.
 */
export function countSchoolUsers(scope: SchoolScope, filter: UsersFilter) {
  return countUpTo(scope.db, filteredUsers(scope, filter, sql`1`))
}

export type SchoolUserDetailRow = SchoolUserRow & {
  firstName: string
  lastName: string
  alias: string | null
  email: string | null
  phone: string | null
  birthDate: string | null
  activatedAt: Date | null
  createdAt: Date
  parents: { id: string; displayName: string }[]
  children: { id: string; displayName: string }[]
}

/** Everything the school knows of one of its users, or undefined when they are not of the school. */
export async function findSchoolUserDetail(
  scope: SchoolScope,
  userId: string,
): Promise<SchoolUserDetailRow | undefined> {
  const relatives = (mine: 'pupil_id' | 'parent_id', theirs: 'pupil_id' | 'parent_id') => sql`coalesce((
    select json_agg(json_build_object('id', r.id, 'displayName', r.display_name) order by r.search_key)
    from family_links f join users r on r.id = f.${sql.raw(theirs)}
    where ${inSchool(scope, 'f')} and f.${sql.raw(mine)} = u.id), '[]'::json)`
  const { rows } = await sql<SchoolUserDetailRow>`
    select u.id, u.display_name, u.login, u.search_key, ${profilesOf} as profiles, mb.is_director,
      ${classesOf(scope)} as classes, ${activationStateOf} as activation_state,
      ac.expires_at as code_expires_at, case when mb.is_removed then mb.left_at end as removed_at,
      u.first_name, u.last_name, u.alias, u.email, u.phone, u.birth_date, u.activated_at, u.created_at,
      ${relatives('pupil_id', 'parent_id')} as parents, ${relatives('parent_id', 'pupil_id')} as children
    from (${membersOf(scope)}) mb
    join users u on u.id = mb.user_id
    left join activation_codes ac on ac.user_id = u.id
    where mb.user_id = ${userId}
  `.execute(scope.db)
  return rows[0]
}

/** A user an administrative action is about, with what the rules of these actions look at. */
export type TargetUser = {
  id: string
  login: string
  firstName: string
  lastName: string
  displayName: string
  email: string | null
  activatedAt: Date | null
  /** Current profiles in the school; empty once removed. */
  profiles: Profile[]
  isRemoved: boolean
  /** Holds a syndicate or collectivity administrator role: only the syndicate manages such an account. */
  isAdministrator: boolean
  /** Current classes the user is a member of (a pupil's class, a teacher's classes). */
  classIds: string[]
}

export async function findTargetUser(scope: SchoolScope, userId: string): Promise<TargetUser | undefined> {
  const { rows } = await sql<TargetUser>`
    select u.id, u.login, u.first_name, u.last_name, u.display_name, u.email, u.activated_at,
      coalesce(mb.current_profiles, '{}') as profiles, mb.is_removed,
      exists (select 1 from admin_roles r where r.user_id = u.id) as is_administrator,
      array(select cm.class_id from class_members cm
        join classes c on c.school_id = cm.school_id and c.id = cm.class_id and c.archived_at is null
        where ${inSchool(scope, 'cm')} and cm.user_id = u.id) as class_ids
    from (${membersOf(scope)}) mb
    join users u on u.id = mb.user_id and u.disabled_at is null
    where mb.user_id = ${userId}
  `.execute(scope.db)
  return rows[0]
}

/** A current (not archived) class of the school, with the school's name for printed documents. */
export async function findSchoolClass(scope: SchoolScope, classId: string) {
  const { rows } = await sql<{ id: string; name: string; loginCardsEnabled: boolean; schoolName: string }>`
    select c.id, c.name, c.login_cards_enabled, s.name as school_name
    from classes c join schools s on s.id = c.school_id
    where ${inSchool(scope, 'c')} and c.id = ${classId} and c.archived_at is null
  `.execute(scope.db)
  return rows[0]
}
