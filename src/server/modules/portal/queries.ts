import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'
import { fromSchool, inSchool, type SchoolScope } from '../../plugins/tenancy.ts'

/**
 * Names of `schoolIds`, among them the classes listed in `classIds`, and the children of `userId` in
 * each (when a parent): one query for the portal.
 */
export async function findSchoolsWithClasses(
  db: Db,
  userId: string,
  schoolIds: string[],
  classIds: string[],
) {
  if (schoolIds.length === 0) return []
  return db
    .selectFrom('schools as s')
    .where('s.id', 'in', schoolIds)
    .select([
      's.id',
      's.name',
      's.uai',
      's.kind',
      sql<{ id: string; name: string; levels: string[] }[]>`coalesce((
        select json_agg(json_build_object('id', c.id, 'name', c.name, 'levels', c.levels) order by c.name)
        from classes c where c.school_id = s.id and c.id = any(${classIds}::uuid[])
      ), '[]'::json)`.as('classes'),
      sql<{ id: string; firstName: string; displayName: string; classIds: string[] }[]>`coalesce((
        select json_agg(json_build_object('id', p.id, 'firstName', p.first_name, 'displayName', p.display_name,
          'classIds', array(select cm.class_id from class_members cm
            join classes c on c.school_id = cm.school_id and c.id = cm.class_id and c.archived_at is null
            where cm.school_id = s.id and cm.user_id = p.id and cm.role = 'pupil')) order by p.first_name)
        from family_links f join users p on p.id = f.pupil_id and p.disabled_at is null
        where f.school_id = s.id and f.parent_id = ${userId}
      ), '[]'::json)`.as('children'),
    ])
    .orderBy('s.name')
    .execute()
}

/** The school of the scope with its collectivity and the current year's counts. */
export async function findSchoolDetails(scope: SchoolScope) {
  return scope.db
    .selectFrom('schools as s')
    .innerJoin('collectivities as col', 'col.id', 's.collectivityId')
    .where('s.id', '=', scope.schoolId)
    .select(['s.id', 's.name', 's.uai', 's.kind', 'col.id as collectivityId', 'col.name as collectivityName'])
    .executeTakeFirst()
}

/** Current classes of the scope's school with their pupil and teacher counts. */
export async function findCurrentClassCounts(scope: SchoolScope) {
  return fromSchool(scope, 'classes')
    .innerJoin('schoolYears as y', 'y.id', 'classes.schoolYearId')
    .where('y.isCurrent', '=', true)
    .where('classes.archivedAt', 'is', null)
    .select([
      'classes.id',
      'classes.name',
      'classes.levels',
      'y.label as schoolYear',
      sql<number>`(select count(*) from class_members cm where cm.school_id = classes.school_id and cm.class_id = classes.id and cm.role = 'pupil')`.as(
        'pupils',
      ),
      sql<
        string[]
      >`array(select cm.user_id from class_members cm where cm.school_id = classes.school_id and cm.class_id = classes.id and cm.role = 'teacher')`.as(
        'teacherIds',
      ),
    ])
    .orderBy('classes.name')
    .execute()
}

/** The children of `parentId` in the scope's school, with their current classes. */
export async function findChildren(scope: SchoolScope, parentId: string) {
  const { rows } = await sql<{ id: string; firstName: string; displayName: string; classIds: string[] }>`
    select p.id, p.first_name, p.display_name,
      array(select cm.class_id from class_members cm
        join classes c on c.school_id = cm.school_id and c.id = cm.class_id and c.archived_at is null
        where cm.school_id = f.school_id and cm.user_id = p.id and cm.role = 'pupil') as class_ids
    from family_links f join users p on p.id = f.pupil_id and p.disabled_at is null
    where ${inSchool(scope, 'f')} and f.parent_id = ${parentId}
    order by p.first_name
  `.execute(scope.db)
  return rows
}
