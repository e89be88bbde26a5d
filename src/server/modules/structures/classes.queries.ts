import { sql } from 'kysely'
import type { ClassLevel } from '../../../contract/structures.ts'
import { deleteFromSchool, fromSchool, type SchoolScope, updateInSchool } from '../../plugins/tenancy.ts'

export async function findCurrentYear(scope: SchoolScope) {
  return scope.db
    .selectFrom('schoolYears')
    .select(['id', 'label'])
    .where('isCurrent', '=', true)
    .executeTakeFirst()
}

/** The current classes of the school with their teachers and pupil counts. */
export async function findClasses(scope: SchoolScope) {
  return fromSchool(scope, 'classes')
    .innerJoin('schoolYears as y', 'y.id', 'classes.schoolYearId')
    .where('y.isCurrent', '=', true)
    .where('classes.archivedAt', 'is', null)
    .select([
      'classes.id',
      'classes.name',
      'classes.levels',
      'classes.loginCardsEnabled',
      sql<{ id: string; displayName: string }[]>`coalesce((
        select json_agg(json_build_object('id', u.id, 'displayName', u.display_name) order by u.search_key)
        from class_members cm join users u on u.id = cm.user_id
        where cm.school_id = classes.school_id and cm.class_id = classes.id and cm.role = 'teacher'), '[]'::json)`.as(
        'teachers',
      ),
      sql<number>`(select count(*) from class_members cm
        where cm.school_id = classes.school_id and cm.class_id = classes.id and cm.role = 'pupil')`.as(
        'pupilCount',
      ),
    ])
    .orderBy('classes.name')
    .execute()
}

export async function findClass(scope: SchoolScope, classId: string) {
  return fromSchool(scope, 'classes')
    .select(['classes.id', 'classes.name', 'classes.archivedAt'])
    .where('classes.id', '=', classId)
    .executeTakeFirst()
}

export async function insertClass(
  scope: SchoolScope,
  schoolYearId: string,
  input: { name: string; levels: ClassLevel[] },
) {
  return scope.db
    .insertInto('classes')
    .values({ schoolId: scope.schoolId, schoolYearId, name: input.name, levels: input.levels })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function updateClass(
  scope: SchoolScope,
  classId: string,
  patch: { name?: string; levels?: ClassLevel[] },
) {
  if (Object.keys(patch).length === 0) return
  await updateInSchool(scope, 'classes').set(patch).where('id', '=', classId).execute()
}

/** Archives a class (its members leave it; history kept). */
export async function archiveClass(scope: SchoolScope, classId: string): Promise<boolean> {
  const result = await updateInSchool(scope, 'classes')
    .set({ archivedAt: sql`now()` })
    .where('id', '=', classId)
    .where('archivedAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function isTeacherOfSchool(scope: SchoolScope, userId: string): Promise<boolean> {
  const row = await fromSchool(scope, 'memberships')
    .select('memberships.userId')
    .where('memberships.userId', '=', userId)
    .where('memberships.profile', '=', 'teacher')
    .where('memberships.leftAt', 'is', null)
    .executeTakeFirst()
  return row !== undefined
}

export async function addClassTeacher(scope: SchoolScope, classId: string, userId: string) {
  await scope.db
    .insertInto('classMembers')
    .values({ schoolId: scope.schoolId, classId, userId, role: 'teacher' })
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export async function removeClassTeacher(
  scope: SchoolScope,
  classId: string,
  userId: string,
): Promise<boolean> {
  const result = await deleteFromSchool(scope, 'classMembers')
    .where('classId', '=', classId)
    .where('userId', '=', userId)
    .where('role', '=', 'teacher')
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
