import { type RawBuilder, sql } from 'kysely'
import type { Profile } from '../../../contract/structures.ts'
import { countUpTo } from '../../db/count.ts'
import { escapeLike } from '../../db/like.ts'
import { executePrepared } from '../../db/prepared.ts'
import { fromSchool, inSchool, type SchoolScope } from '../../plugins/tenancy.ts'

export type PersonRow = {
  id: string
  displayName: string
  searchKey: string
  profiles: Profile[]
  isDirector: boolean
  classes: string[]
}

export type PeopleFilter = {
  q?: string
  profile?: Profile
  after?: { key: string; id: string }
  limit: number
}

/** Name keys are folded lower-case letters compared byte-wise ("C"), as the name index orders them. */
function nameConditions(key: RawBuilder<unknown>, q: string | undefined) {
  const prefix = q ? sql`(preau_fold(${escapeLike(q)}) collate "C")` : null
  return prefix ? sql`and (${key} like ${prefix} || '%' or ${key} like '% ' || ${prefix} || '%')` : sql``
}

/** What the directory shows of each person found (a page holds a few dozen at most). */
function personColumns(scope: SchoolScope) {
  return sql`u.id, u.display_name,
    array(select distinct m.profile from memberships m
          where ${inSchool(scope, 'm')} and m.user_id = u.id and m.left_at is null) as profiles,
    exists (select 1 from memberships m where ${inSchool(scope, 'm')} and m.user_id = u.id
            and 'director' = any(m.functions)) as is_director,
    array(select c.name from class_members cm
          join classes c on c.school_id = cm.school_id and c.id = cm.class_id and c.archived_at is null
          where ${inSchool(scope, 'cm')} and cm.user_id = u.id order by c.name) as classes`
}

/** The school's current members the filter keeps (page cursor aside), one row per membership. */
function schoolMembers(
  scope: SchoolScope,
  actorId: string,
  denied: readonly string[],
  filter: PeopleFilter,
  columns: RawBuilder<unknown>,
) {
  return sql`
      select ${columns}
      from memberships m
      where ${inSchool(scope, 'm')} and m.left_at is null and m.user_id <> ${actorId}
        ${filter.profile ? sql`and m.profile = ${filter.profile}` : sql``}
        ${denied.length > 0 ? sql`and m.user_id <> all(${denied}::uuid[])` : sql``}
        ${nameConditions(sql.ref('m.search_key'), filter.q)}
        and exists (select 1 from users d where d.id = m.user_id and d.disabled_at is null)`
}

/**
 * A page of the whole school (the reach of teachers and staff): the school's memberships walked in name
 * order on their index, stopping at the page's end — its cost depends on the page, not on the school.
 * Not prepared: a generic plan cannot turn the name prefix into an index range, and measured twice as
 * costly as planning each search (docs/benchmarks.md).
 */
export async function findPeopleInSchool(
  scope: SchoolScope,
  actorId: string,
  denied: readonly string[],
  filter: PeopleFilter,
): Promise<PersonRow[]> {
  const after = filter.after
  const { rows } = await sql<PersonRow>`
    select ${personColumns(scope)}, page.search_key
    from (
      ${schoolMembers(scope, actorId, denied, filter, sql`distinct on (m.search_key, m.user_id) m.search_key, m.user_id`)}
        ${after ? sql`and (m.search_key, m.user_id) > (${after.key} collate "C", ${after.id}::uuid)` : sql``}
      order by m.search_key, m.user_id
      limit ${filter.limit + 1}
    ) page
    join users u on u.id = page.user_id
    order by page.search_key, page.user_id
  `.execute(scope.db)
  return rows
}

/** How many people of the whole school the filter keeps, on the same index walk (capped). */
export function countPeopleInSchool(
  scope: SchoolScope,
  actorId: string,
  denied: readonly string[],
  filter: PeopleFilter,
) {
  return countUpTo(scope.db, schoolMembers(scope, actorId, denied, filter, sql`distinct m.user_id`))
}

/** A user's name key as the name index orders it. */
const USER_KEY = sql`(u.search_key collate "C")`

/** The people of `reachable` (ids) the filter keeps (page cursor aside). */
function reachablePeople(
  scope: SchoolScope,
  reachable: readonly string[],
  filter: PeopleFilter,
  columns: RawBuilder<unknown>,
) {
  return sql`
    select ${columns}
    from users u
    where u.id = any(${reachable}::uuid[]) and u.disabled_at is null
      ${
        filter.profile
          ? sql`and exists (select 1 from memberships pm where ${inSchool(scope, 'pm')}
                and pm.user_id = u.id and pm.profile = ${filter.profile} and pm.left_at is null)`
          : sql``
      }
      ${nameConditions(USER_KEY, filter.q)}`
}

/**
 * A page of the people in `reachable` (a parent's or a pupil's reach: a few dozen ids), by name prefix
 * (of the last or the first name) and profile, in name order, after a keyset cursor.
 */
export async function findPeople(
  scope: SchoolScope,
  reachable: readonly string[],
  filter: PeopleFilter,
): Promise<PersonRow[]> {
  const after = filter.after
  const { rows } = await executePrepared(
    scope.db,
    sql<PersonRow>`
    ${reachablePeople(scope, reachable, filter, sql`${personColumns(scope)}, ${USER_KEY} as search_key`)}
      ${after ? sql`and (${USER_KEY}, u.id) > (${after.key} collate "C", ${after.id}::uuid)` : sql``}
    order by ${USER_KEY}, u.id
    limit ${filter.limit + 1}
  `,
  )
  return rows
}

/** How many of the people in `reachable` the filter keeps (a reach is small: exact). */
export function countPeople(scope: SchoolScope, reachable: readonly string[], filter: PeopleFilter) {
  return countUpTo(scope.db, reachablePeople(scope, reachable, filter, sql`1`))
}

/** The pupils of a class with their parents and the parents' contacts. */
export async function findClassFamilies(scope: SchoolScope, classId: string) {
  const klass = await fromSchool(scope, 'classes')
    .select(['classes.id', 'classes.name'])
    .where('classes.id', '=', classId)
    .executeTakeFirst()
  if (!klass) return null
  const { rows } = await sql<{
    id: string
    displayName: string
    parents: { id: string; displayName: string; email: string | null; phone: string | null }[]
  }>`
    select p.id, p.display_name,
      coalesce((select json_agg(json_build_object('id', g.id, 'displayName', g.display_name,
                  'email', g.email, 'phone', g.phone) order by g.search_key)
                from family_links f join users g on g.id = f.parent_id and g.disabled_at is null
                where ${inSchool(scope, 'f')} and f.pupil_id = p.id), '[]'::json) as parents
    from class_members cm
    join users p on p.id = cm.user_id and p.disabled_at is null
    where ${inSchool(scope, 'cm')} and cm.class_id = ${classId} and cm.role = 'pupil'
    order by p.search_key, p.id
  `.execute(scope.db)
  return { class: klass, pupils: rows }
}

/** The current classes of the school with the size of each profile in them, for group listings. */
/** The school's current classes by name, without their sizes (what checking a chosen group needs). */
export async function findClassNames(scope: SchoolScope) {
  const { rows } = await sql<{ id: string; name: string; pupils: number; teachers: number; parents: number }>`
    select c.id, c.name, 0 as pupils, 0 as teachers, 0 as parents
    from classes c where ${inSchool(scope, 'c')} and c.archived_at is null
    order by c.name
  `.execute(scope.db)
  return rows
}

export async function findClassGroupSizes(scope: SchoolScope) {
  const { rows } = await sql<{ id: string; name: string; pupils: number; teachers: number; parents: number }>`
    select c.id, c.name,
      (select count(*) from class_members cm where cm.school_id = c.school_id and cm.class_id = c.id and cm.role = 'pupil') as pupils,
      (select count(*) from class_members cm where cm.school_id = c.school_id and cm.class_id = c.id and cm.role = 'teacher') as teachers,
      (select count(distinct f.parent_id) from family_links f join class_members cm
         on cm.school_id = f.school_id and cm.user_id = f.pupil_id and cm.role = 'pupil'
       where f.school_id = c.school_id and cm.class_id = c.id) as parents
    from classes c where ${inSchool(scope, 'c')} and c.archived_at is null
    order by c.name
  `.execute(scope.db)
  return rows
}

export async function findProfileSizes(scope: SchoolScope) {
  return fromSchool(scope, 'memberships')
    .where('memberships.leftAt', 'is', null)
    .select(['memberships.profile', (eb) => eb.fn.countAll<number>().as('size')])
    .groupBy('memberships.profile')
    .execute()
}

export async function findManualGroups(scope: SchoolScope, onlyOfUser?: string, sizes = true) {
  let query = fromSchool(scope, 'groups').select([
    'groups.id',
    'groups.name',
    sizes
      ? sql<number>`(select count(*) from group_members gm where gm.school_id = groups.school_id and gm.group_id = groups.id)`.as(
          'size',
        )
      : sql<number>`0`.as('size'),
  ])
  if (onlyOfUser) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('groupMembers as gm')
          .select('gm.userId')
          .whereRef('gm.schoolId', '=', 'groups.schoolId')
          .whereRef('gm.groupId', '=', 'groups.id')
          .where('gm.userId', '=', onlyOfUser),
      ),
    )
  }
  return query.orderBy('groups.name').execute()
}
