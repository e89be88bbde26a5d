import { sql } from 'kysely'
import { deleteFromSchool, fromSchool, type SchoolScope, updateInSchool } from '../../plugins/tenancy.ts'

export async function findGroups(scope: SchoolScope) {
  return fromSchool(scope, 'groups')
    .select([
      'groups.id',
      'groups.name',
      'groups.description',
      sql<{ id: string; displayName: string }[]>`coalesce((
        select json_agg(json_build_object('id', u.id, 'displayName', u.display_name) order by u.search_key)
        from group_members gm join users u on u.id = gm.user_id
        where gm.school_id = groups.school_id and gm.group_id = groups.id), '[]'::json)`.as('members'),
    ])
    .orderBy('groups.name')
    .execute()
}

export async function insertGroup(
  scope: SchoolScope,
  input: { name: string; description?: string },
  createdBy: string,
) {
  return scope.db
    .insertInto('groups')
    .values({ schoolId: scope.schoolId, name: input.name, description: input.description ?? null, createdBy })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function updateGroup(
  scope: SchoolScope,
  groupId: string,
  patch: { name?: string; description?: string },
) {
  const result = await updateInSchool(scope, 'groups').set(patch).where('id', '=', groupId).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function deleteGroup(scope: SchoolScope, groupId: string): Promise<boolean> {
  const result = await deleteFromSchool(scope, 'groups').where('id', '=', groupId).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

export async function groupExists(scope: SchoolScope, groupId: string): Promise<boolean> {
  return (
    (await fromSchool(scope, 'groups')
      .select('groups.id')
      .where('groups.id', '=', groupId)
      .executeTakeFirst()) !== undefined
  )
}

/** Which of `userIds` are current members of the school. */
export async function findSchoolMembers(scope: SchoolScope, userIds: string[]): Promise<string[]> {
  const rows = await fromSchool(scope, 'memberships')
    .select('memberships.userId')
    .distinct()
    .where('memberships.userId', 'in', userIds)
    .where('memberships.leftAt', 'is', null)
    .execute()
  return rows.map((row) => row.userId)
}

export async function addGroupMembers(scope: SchoolScope, groupId: string, userIds: string[]) {
  await scope.db
    .insertInto('groupMembers')
    .values(userIds.map((userId) => ({ schoolId: scope.schoolId, groupId, userId })))
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export async function removeGroupMembers(scope: SchoolScope, groupId: string, userIds: string[]) {
  await deleteFromSchool(scope, 'groupMembers')
    .where('groupId', '=', groupId)
    .where('userId', 'in', userIds)
    .execute()
}
