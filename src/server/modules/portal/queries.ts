import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'
import { fromSchool, type SchoolScope } from '../../plugins/tenancy.ts'

/** Names of `schoolIds` and, among them, the classes listed in `classIds`: one query for the portal. */
export async function findSchoolsWithClasses(db: Db, schoolIds: string[], classIds: string[]) {
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
