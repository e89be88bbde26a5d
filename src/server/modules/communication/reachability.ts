import { type RawBuilder, sql } from 'kysely'
import type { Audience } from '../../../contract/communication.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import { inSchool, type SchoolScope } from '../../plugins/tenancy.ts'

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
export function audienceMembers(scope: SchoolScope, audience: Audience): RawBuilder<unknown> {
  switch (audience.kind) {
    case 'profile':
      return sql`select m.user_id from memberships m
        where ${inSchool(scope, 'm')} and m.left_at is null and m.profile = ${audience.profile}`
    case 'class':
      if (audience.profile === 'parent') {
        return sql`select f.parent_id as user_id from family_links f
          join class_members cm on cm.school_id = f.school_id and cm.user_id = f.pupil_id and cm.role = 'pupil'
          where ${inSchool(scope, 'f')} and cm.class_id = ${audience.classId}`
      }
      if (audience.profile) {
        const role =
          audience.profile === 'teacher' || audience.profile === 'pupil' ? audience.profile : 'staff'
        return sql`select cm.user_id from class_members cm
          where ${inSchool(scope, 'cm')} and cm.class_id = ${audience.classId} and cm.role = ${role}`
      }
      return sql`select cm.user_id from class_members cm where ${inSchool(scope, 'cm')} and cm.class_id = ${audience.classId}`
    case 'group':
      return sql`select g.user_id from group_members g where ${inSchool(scope, 'g')} and g.group_id = ${audience.groupId}`
  }
}

/** Whether `actor` belongs to `audience` (checked in memory from the session, or against their groups). */
function actorIsIn(
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
      // A parent's classes are their children's: a class without a profile means its members, as on the
      // target side (`audienceMembers`), so its pupils' parents are in it only when chosen explicitly.
      return memberships.some(
        (m) =>
          m.classIds.includes(audience.classId) &&
          (audience.profile ? audience.profile === m.profile : m.profile !== 'parent'),
      )
    case 'group':
      return groupIds.has(audience.groupId)
  }
}

/** Profiles whose default reach is everyone in the school. */
const WHOLE_SCHOOL = new Set(['teacher', 'staff'])

/**
 * The default reach of `actor` in the school, built from the profiles and classes they hold there (known
 * from the session): only the branches that apply are sent, so PostgreSQL plans a small query.
 * Null when it is the whole school.
 */
function defaultReach(scope: SchoolScope, actor: Actor): RawBuilder<unknown> | null {
  const memberships = actor.memberships.filter((m) => m.schoolId === scope.schoolId)
  const profiles = new Set(memberships.map((m) => m.profile))
  if ([...profiles].some((p) => WHOLE_SCHOOL.has(p))) return null
  const classesOf = (profile: 'pupil' | 'parent') => [
    ...new Set(memberships.filter((m) => m.profile === profile).flatMap((m) => m.classIds)),
  ]
  const parts: RawBuilder<unknown>[] = []
  if (profiles.size > 0) {
    // Every other profile reaches the school's staff and its direction. The direction is a function of
    // a teacher's membership (`setDirector`, the import): naming both profiles lets the search read the
    // school's staff and teachers by `(school_id, profile)` instead of every member of the school.
    parts.push(sql`select m.user_id from memberships m where ${inSchool(scope, 'm')} and m.left_at is null
      and m.profile in ('staff', 'teacher') and (m.profile = 'staff' or 'director' = any(m.functions))`)
  }
  if (profiles.has('academic') || profiles.has('guest')) {
    parts.push(sql`select m.user_id from memberships m where ${inSchool(scope, 'm')} and m.left_at is null
      and m.profile = 'teacher'`)
  }
  const pupilClasses = classesOf('pupil')
  if (profiles.has('pupil') && pupilClasses.length > 0) {
    parts.push(sql`select cm.user_id from class_members cm where ${inSchool(scope, 'cm')}
      and cm.class_id = any(${pupilClasses}::uuid[]) and cm.role in ('teacher', 'pupil')`)
  }
  const childrenClasses = classesOf('parent')
  if (profiles.has('parent')) {
    if (childrenClasses.length > 0) {
      parts.push(sql`select cm.user_id from class_members cm where ${inSchool(scope, 'cm')}
        and cm.class_id = any(${childrenClasses}::uuid[]) and cm.role = 'teacher'`)
    }
    parts.push(
      sql`select f.pupil_id from family_links f where ${inSchool(scope, 'f')} and f.parent_id = ${actor.userId}`,
    )
  }
  if (parts.length === 0) return sql`select null::uuid where false`
  return sql.join(parts, sql` union `)
}

/** Who an actor reaches in one school, ready to filter with. */
export type Reach = {
  /** Everyone current in the school (teachers and staff), but the audiences in `denied`. */
  wholeSchool: boolean
  /** A subquery of the reachable `user_id`s (never the actor, only current members). */
  users: RawBuilder<unknown>
  /** A subquery of the users the director's deny rules take away from this actor, or null. */
  denied: RawBuilder<unknown> | null
}

/**
 * The complete reach: defaults, plus the users of every allowed audience the actor's rules open,
 * minus those of every denied one; never the actor themself; only current members of the school.
 */
export function resolveReach(
  scope: SchoolScope,
  actor: Actor,
  rules: readonly StoredRule[],
  groupIds: ReadonlySet<string>,
): Reach {
  const opened: RawBuilder<unknown>[] = []
  const closed: RawBuilder<unknown>[] = []
  for (const rule of rules) {
    const targets: Audience[] = []
    if (actorIsIn(actor, scope.schoolId, rule.source, groupIds)) targets.push(rule.target)
    if (rule.bothWays && actorIsIn(actor, scope.schoolId, rule.target, groupIds)) targets.push(rule.source)
    for (const target of targets)
      (rule.effect === 'allow' ? opened : closed).push(audienceMembers(scope, target))
  }
  const denied =
    closed.length > 0
      ? sql.join(
          closed.map((part) => sql`(${part})`),
          sql` union `,
        )
      : null
  const notDenied = denied ? sql`and r.user_id not in (${denied})` : sql``
  const defaults = defaultReach(scope, actor)
  if (!defaults) {
    return {
      wholeSchool: true,
      denied,
      users: sql`select distinct r.user_id from memberships r
        where ${inSchool(scope, 'r')} and r.left_at is null and r.user_id <> ${actor.userId} ${notDenied}`,
    }
  }
  const union = sql.join(
    [defaults, ...opened].map((part) => sql`(${part})`),
    sql` union `,
  )
  return {
    wholeSchool: false,
    denied,
    users: sql`select r.user_id from (${union}) as r(user_id)
      where r.user_id <> ${actor.userId}
        and exists (select 1 from memberships cur where ${inSchool(scope, 'cur')}
          and cur.user_id = r.user_id and cur.left_at is null)
        ${notDenied}`,
  }
}
