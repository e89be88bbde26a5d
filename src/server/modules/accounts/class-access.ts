import type { FastifyRequest } from 'fastify'
import { isDirectorOf } from '../../plugins/auth/actor.ts'
import { actorOf, schoolScopeOf } from '../../plugins/policy/index.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'
import { classNotFound } from './problems.ts'
import { findSchoolClass } from './school-users.queries.ts'

export type ManagedClass = { id: string; name: string; loginCardsEnabled: boolean; schoolName: string }

/** Whether the actor of a school-scoped request teaches `classId` (a current class of theirs). */
export function teachesClass(request: FastifyRequest, classId: string): boolean {
  return (request.school?.memberships ?? []).some(
    (m) => m.profile === 'teacher' && m.classIds.includes(classId),
  )
}

/** The director of the school, or an administrator above it when `administrators` allows them. */
export function isSchoolAdministrator(
  request: FastifyRequest,
  options: { administrators: boolean },
): boolean {
  const school = request.school
  if (!school) return false
  if (isDirectorOf(actorOf(request), school.schoolId)) return true
  return options.administrators && (school.viaSyndicateAdmin || school.viaCollectivityAdmin)
}

/**
 * The class of the URL when the actor may act on it: its teachers and the director (and the
 * administrators above the school when `administrators` is set). Anything else, another school's class or the class of another teacher, answers 404: it is not theirs to know about.
 */
export async function findManagedClass(
  request: FastifyRequest,
  classId: string,
  options: { administrators: boolean } = { administrators: false },
): Promise<{ scope: SchoolScope; klass: ManagedClass }> {
  const scope = schoolScopeOf(request)
  if (!isSchoolAdministrator(request, options) && !teachesClass(request, classId)) throw classNotFound()
  const klass = await findSchoolClass(scope, classId)
  if (!klass) throw classNotFound()
  return { scope, klass }
}
