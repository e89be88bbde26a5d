import { sql } from 'kysely'
import type { Profile } from '../../../contract/structures.ts'
import { executePrepared } from '../../db/prepared.ts'
import { fromSchool, inSchool, type SchoolScope, schoolTransaction } from '../../plugins/tenancy.ts'

/** A current member of the school, as `roster.ts` keeps them (folded and sorted in the server). */
export type RosterRow = {
  id: string
  lastName: string
  firstName: string
  displayName: string
  profiles: Profile[]
  isDirector: boolean
  classes: string[]
}

/**
 * The school's current members with an active account, each once with their profiles, whether they
 * direct the school and their current classes: one walk of the school's memberships (a large school:
 * ~1,200 rows, a few ms), done when the school's directory version moved.
 */
export async function findRosterRows(scope: SchoolScope): Promise<RosterRow[]> {
  return schoolTransaction(scope, async (trx) => {
    // ~1,200 index lookups look costly enough to the planner for a parallel plan, whose workers take
    // longer to start than the walk takes (measured: 118 ms for 8 ms of work on a loaded machine).
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx.db)
    return readRosterRows(trx)
  })
}

async function readRosterRows(scope: SchoolScope): Promise<RosterRow[]> {
  const { rows } = await sql<RosterRow>`
    select m.user_id as id, u.last_name, u.first_name, u.display_name,
      array_agg(distinct m.profile order by m.profile) as profiles,
      bool_or('director' = any(m.functions)) as is_director,
      coalesce(k.names, '{}') as classes
    from memberships m
    join users u on u.id = m.user_id and u.disabled_at is null
    left join (
      select cm.user_id, array_agg(distinct c.name order by c.name) as names
      from class_members cm
      join classes c on c.school_id = cm.school_id and c.id = cm.class_id and c.archived_at is null
      where ${inSchool(scope, 'cm')}
      group by cm.user_id
    ) k on k.user_id = m.user_id
    where ${inSchool(scope, 'm')} and m.left_at is null
    group by m.user_id, u.last_name, u.first_name, u.display_name, k.names
  `.execute(scope.db)
  return rows
}

/**
 * The version of what the school's directory shows (migration 0023: moved by triggers on members,
 * names, classes and accounts' state). Asked before every search: prepared, planned once per connection.
 */
export async function findDirectoryVersion(scope: SchoolScope): Promise<string> {
  const { rows } = await executePrepared(
    scope.db,
    sql<{ version: string }>`select coalesce(
      (select version::text from directory_versions d where ${inSchool(scope, 'd')}), '0') as version`,
  )
  return rows[0]?.version ?? '0'
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

/** The school's current classes by name, without their sizes (what checking a chosen group needs). */
export async function findClassNames(scope: SchoolScope) {
  const { rows } = await sql<{ id: string; name: string; pupils: number; teachers: number; parents: number }>`
    select c.id, c.name, 0 as pupils, 0 as teachers, 0 as parents
    from classes c where ${inSchool(scope, 'c')} and c.archived_at is null
    order by c.name
  `.execute(scope.db)
  return rows
}

/** The current classes of the school with the size of each profile in them, for group listings. */
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
