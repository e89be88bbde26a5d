import { type AppAudience, appsFor } from '../../../contract/apps.ts'
import type { PortalResponse, SchoolResponse } from '../../../contract/portal.ts'
import type { ClassLevel, Profile, SchoolFunction } from '../../../contract/structures.ts'
import type { Db } from '../../db/connection.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import { notFound } from '../../plugins/errors.ts'
import type { SchoolAccess } from '../../plugins/policy/define.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'
import { findChildren, findCurrentClassCounts, findSchoolDetails, findSchoolsWithClasses } from './queries.ts'

/** Everything the actor's profiles and functions give access to, as app audiences. */
function audiencesOf(actor: Actor): Set<AppAudience> {
  const audiences = new Set<AppAudience>()
  for (const membership of actor.memberships) {
    audiences.add(membership.profile)
    for (const fn of membership.functions) audiences.add(fn)
  }
  if (actor.isSyndicateAdmin) audiences.add('syndicate_admin')
  if (actor.collectivityAdminOf.length > 0) audiences.add('collectivity_admin')
  return audiences
}

/** The portal: the apps of the actor's profiles and the schools they belong to, with their classes. */
export async function buildPortal(db: Db, actor: Actor): Promise<PortalResponse> {
  const schoolIds = [...new Set(actor.memberships.map((m) => m.schoolId))]
  const classIds = [...new Set(actor.memberships.flatMap((m) => m.classIds))]
  const schools = await findSchoolsWithClasses(db, actor.userId, schoolIds, classIds)
  return {
    user: {
      id: actor.userId,
      firstName: actor.firstName,
      displayName: actor.displayName,
      isSyndicateAdmin: actor.isSyndicateAdmin,
      collectivityAdminOf: actor.collectivityAdminOf,
    },
    apps: appsFor(audiencesOf(actor)).map(({ id, path, ready }) => ({ id, path, ready })),
    schools: schools.map((school) => ({
      ...school,
      classes: school.classes.map((c) => ({ ...c, levels: c.levels as ClassLevel[] })),
      ...rolesIn(actor, school.id),
    })),
  }
}

/** The page of one school: its collectivity, the current year's classes, and what the actor can do. */
export async function describeSchool(
  scope: SchoolScope,
  actor: Actor,
  access: SchoolAccess,
  allowedActions: string[],
): Promise<SchoolResponse> {
  const [school, classes, children] = await Promise.all([
    findSchoolDetails(scope),
    findCurrentClassCounts(scope),
    findChildren(scope, actor.userId),
  ])
  if (!school) throw notFound('École introuvable.')
  const myClassIds = new Set(access.memberships.flatMap((m) => m.classIds))
  const seesAllClasses =
    access.viaSyndicateAdmin ||
    access.viaCollectivityAdmin ||
    access.memberships.some(
      (m) => m.functions.includes('director') || m.profile === 'teacher' || m.profile === 'staff',
    )
  const visible = seesAllClasses ? classes : classes.filter((c) => myClassIds.has(c.id))
  return {
    id: school.id,
    name: school.name,
    uai: school.uai,
    kind: school.kind,
    ...rolesIn(actor, school.id),
    collectivity: { id: school.collectivityId, name: school.collectivityName },
    schoolYear: classes[0]?.schoolYear ?? null,
    classes: visible.map((c) => ({ id: c.id, name: c.name, levels: c.levels })),
    children,
    counts: {
      classes: classes.length,
      pupils: classes.reduce((sum, c) => sum + c.pupils, 0),
      teachers: new Set(classes.flatMap((c) => c.teacherIds)).size,
    },
    allowedActions,
  }
}

function rolesIn(actor: Actor, schoolId: string): { profiles: Profile[]; functions: SchoolFunction[] } {
  const memberships = actor.memberships.filter((m) => m.schoolId === schoolId)
  return {
    profiles: [...new Set(memberships.map((m) => m.profile))],
    functions: [...new Set(memberships.flatMap((m) => m.functions))],
  }
}
