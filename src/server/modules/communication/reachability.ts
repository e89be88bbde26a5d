import { type RawBuilder, sql } from 'kysely'
import type { Audience } from '../../../contract/communication.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'

/**
 * Who an actor may see and write to in one school, as SQL: a subquery of `user_id`s that every module
 * joins or filters with (directory, messaging, notebook…), so the rule is decided once, in the database,
 * set-based, whatever the size of the school.
 *
 * Defaults (the published practice of the reference ENT):
 * - teachers and staff (the director is a teacher): everyone in the school;
 * - pupils: the teachers and pupils of their classes, the school's staff and direction;
 * - parents: their children's class teachers, the school's staff and direction, their own children;
 * - collectivity agents: the school's staff and direction;
 * - academic staff and guests: the teachers, staff and direction.
 * The director's rules then widen (allow) or narrow (deny) these between audiences; a deny wins.
 */
export type StoredRule = { source: Audience; target: Audience; effect: 'allow' | 'deny'; bothWays: boolean }

/** The users of an audience of the scope's school. */
export function audienceMembers(schoolId: string, audience: Audience): RawBuilder<unknown> {
  switch (audience.kind) {
    case 'profile':
      return sql`select m.user_id from memberships m
        where m.school_id = ${schoolId} and m.left_at is null and m.profile = ${audience.profile}`
    case 'class':
      if (audience.profile === 'parent') {
        return sql`select f.parent_id as user_id from family_links f
          join class_members cm on cm.school_id = f.school_id and cm.user_id = f.pupil_id and cm.role = 'pupil'
          where f.school_id = ${schoolId} and cm.class_id = ${audience.classId}`
      }
      if (audience.profile) {
        const role =
          audience.profile === 'teacher' || audience.profile === 'pupil' ? audience.profile : 'staff'
        return sql`select cm.user_id from class_members cm
          where cm.school_id = ${schoolId} and cm.class_id = ${audience.classId} and cm.role = ${role}`
      }
      return sql`select cm.user_id from class_members cm where cm.school_id = ${schoolId} and cm.class_id = ${audience.classId}`
    case 'group':
      return sql`select g.user_id from group_members g where g.school_id = ${schoolId} and g.group_id = ${audience.groupId}`
  }
}

/** Whether `actor` belongs to `audience` (checked in memory from the session, or against their groups). */
export function actorIsIn(
  actor: Actor,
  schoolId: string,
  audience: Audience,
  groupIds: ReadonlySet<string>,
): boolean {
  const memberships = actor.memberships.filter((m) => m.schoolId === schoolId)
  switch (audience.kind) {
    case 'profile':
      return memberships.some((m) => m.profile === audience.profile)
    case 'class':
      return memberships.some(
        (m) => m.classIds.includes(audience.classId) && (!audience.profile || audience.profile === m.profile),
      )
    case 'group':
      return groupIds.has(audience.groupId)
  }
}

/** The default reach of `actorId` in the school, by the profiles they hold there. */
function defaultReach(schoolId: string, actorId: string): RawBuilder<unknown> {
  return sql`
    with me as (
      select m.profile from memberships m
      where m.school_id = ${schoolId} and m.user_id = ${actorId} and m.left_at is null
    ),
    my_classes as (
      select cm.class_id from class_members cm
      join classes c on c.school_id = cm.school_id and c.id = cm.class_id and c.archived_at is null
      where cm.school_id = ${schoolId} and cm.user_id = ${actorId}
    ),
    my_children as (
      select f.pupil_id from family_links f where f.school_id = ${schoolId} and f.parent_id = ${actorId}
    ),
    children_classes as (
      select cm.class_id from class_members cm
      join classes c on c.school_id = cm.school_id and c.id = cm.class_id and c.archived_at is null
      where cm.school_id = ${schoolId} and cm.role = 'pupil' and cm.user_id in (select pupil_id from my_children)
    ),
    members as (
      select m.user_id, m.profile, m.functions from memberships m where m.school_id = ${schoolId} and m.left_at is null
    )
    select user_id from members
      where exists (select 1 from me where profile in ('teacher', 'staff'))
    union
    select user_id from members
      where (profile = 'staff' or 'director' = any(functions))
        and exists (select 1 from me where profile in ('pupil', 'parent', 'collectivity_agent', 'academic', 'guest'))
    union
    select user_id from members
      where profile = 'teacher' and exists (select 1 from me where profile in ('academic', 'guest'))
    union
    select cm.user_id from class_members cm
      where cm.school_id = ${schoolId} and cm.role in ('teacher', 'pupil')
        and cm.class_id in (select class_id from my_classes)
        and exists (select 1 from me where profile = 'pupil')
    union
    select cm.user_id from class_members cm
      where cm.school_id = ${schoolId} and cm.role = 'teacher'
        and cm.class_id in (select class_id from children_classes)
        and exists (select 1 from me where profile = 'parent')
    union
    select pupil_id from my_children where exists (select 1 from me where profile = 'parent')
  `
}

/**
 * The complete reach: defaults, plus the users of every allowed audience the actor's rules open,
 * minus those of every denied one; never the actor themself; only current members of the school.
 */
export function reachableUserIds(
  scope: SchoolScope,
  actor: Actor,
  rules: readonly StoredRule[],
  groupIds: ReadonlySet<string>,
): RawBuilder<unknown> {
  const opened: RawBuilder<unknown>[] = []
  const closed: RawBuilder<unknown>[] = []
  for (const rule of rules) {
    const targets: Audience[] = []
    if (actorIsIn(actor, scope.schoolId, rule.source, groupIds)) targets.push(rule.target)
    if (rule.bothWays && actorIsIn(actor, scope.schoolId, rule.target, groupIds)) targets.push(rule.source)
    for (const target of targets)
      (rule.effect === 'allow' ? opened : closed).push(audienceMembers(scope.schoolId, target))
  }
  const allowed = [defaultReach(scope.schoolId, actor.userId), ...opened]
  const union = sql.join(
    allowed.map((part) => sql`(${part})`),
    sql` union `,
  )
  const denied =
    closed.length > 0
      ? sql`and r.user_id not in (${sql.join(
          closed.map((part) => sql`(${part})`),
          sql` union `,
        )})`
      : sql``
  return sql`select r.user_id from (${union}) as r(user_id)
    where r.user_id <> ${actor.userId}
      and exists (select 1 from memberships cur where cur.school_id = ${scope.schoolId}
        and cur.user_id = r.user_id and cur.left_at is null)
      ${denied}`
}
