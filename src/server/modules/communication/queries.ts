import { sql } from 'kysely'
import type { CommunicationRuleBody } from '../../../contract/communication.ts'
import { deleteFromSchool, fromSchool, type SchoolScope } from '../../plugins/tenancy.ts'
import type { StoredRule } from './reachability.ts'

export async function findRules(scope: SchoolScope) {
  return fromSchool(scope, 'communicationRules')
    .leftJoin('users as u', 'u.id', 'communicationRules.createdBy')
    .select([
      'communicationRules.id',
      'communicationRules.source',
      'communicationRules.target',
      'communicationRules.effect',
      'communicationRules.bothWays',
      'communicationRules.note',
      'communicationRules.createdAt',
      'u.displayName as createdByName',
    ])
    .orderBy('communicationRules.createdAt')
    .execute()
}

export async function findStoredRules(scope: SchoolScope): Promise<StoredRule[]> {
  return fromSchool(scope, 'communicationRules')
    .select([
      'communicationRules.source',
      'communicationRules.target',
      'communicationRules.effect',
      'communicationRules.bothWays',
    ])
    .execute()
}

/** The manual groups of the school that `userId` belongs to. */
export async function findGroupIdsOf(scope: SchoolScope, userId: string): Promise<Set<string>> {
  const rows = await fromSchool(scope, 'groupMembers')
    .select('groupMembers.groupId')
    .where('groupMembers.userId', '=', userId)
    .execute()
  return new Set(rows.map((row) => row.groupId))
}

export async function insertRule(scope: SchoolScope, rule: CommunicationRuleBody, createdBy: string) {
  return scope.db
    .insertInto('communicationRules')
    .values({
      schoolId: scope.schoolId,
      source: JSON.stringify(rule.source),
      target: JSON.stringify(rule.target),
      effect: rule.effect,
      bothWays: rule.bothWays,
      note: rule.note ?? null,
      createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function deleteRule(scope: SchoolScope, ruleId: string): Promise<boolean> {
  const result = await deleteFromSchool(scope, 'communicationRules')
    .where('id', '=', ruleId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** Which of `classIds` and `groupIds` exist in the scope's school (an audience must name its own school's). */
export async function countOwnAudiences(scope: SchoolScope, classIds: string[], groupIds: string[]) {
  const [classes, groups] = await Promise.all([
    classIds.length
      ? fromSchool(scope, 'classes').select('classes.id').where('classes.id', 'in', classIds).execute()
      : [],
    groupIds.length
      ? fromSchool(scope, 'groups').select('groups.id').where('groups.id', 'in', groupIds).execute()
      : [],
  ])
  return { classes: classes.length, groups: groups.length }
}

/** Whether each of `groupIds` holds parents and pupils (current members of the school), for rule warnings. */
export async function findGroupHolds(
  scope: SchoolScope,
  groupIds: string[],
): Promise<Map<string, { parents: boolean; pupils: boolean }>> {
  if (groupIds.length === 0) return new Map()
  const rows = await fromSchool(scope, 'groupMembers')
    .innerJoin('memberships as m', (join) =>
      join.onRef('m.schoolId', '=', 'groupMembers.schoolId').onRef('m.userId', '=', 'groupMembers.userId'),
    )
    .where('groupMembers.groupId', 'in', groupIds)
    .where('m.leftAt', 'is', null)
    .select([
      'groupMembers.groupId',
      sql<boolean>`bool_or(m.profile = 'parent')`.as('parents'),
      sql<boolean>`bool_or(m.profile = 'pupil')`.as('pupils'),
    ])
    .groupBy('groupMembers.groupId')
    .execute()
  return new Map(rows.map((row) => [row.groupId, { parents: row.parents, pupils: row.pupils }]))
}
