import { isDirectorOf } from '../../plugins/auth/actor.ts'
import { definePolicies, onSchool, type SchoolAccess } from '../../plugins/policy/define.ts'

const aboveSchool = (school: SchoolAccess) => school.viaSyndicateAdmin || school.viaCollectivityAdmin

/**
 * Who administers which structure: the syndicate's administrators everything; a collectivity's
 * administrators their schools; a director their school's classes and groups.
 */
export const structuresPolicies = definePolicies('structures', {
  manageCollectivities: (actor) => actor.isSyndicateAdmin,
  /** A collectivity's administrators see their own collectivities (the list is filtered for them). */
  listCollectivities: (actor) => actor.isSyndicateAdmin || actor.collectivityAdminOf.length > 0,
  listSchools: (actor) => actor.isSyndicateAdmin || actor.collectivityAdminOf.length > 0,
  /** Checked again against the collectivity of the new school in the service. */
  createSchool: (actor) => actor.isSyndicateAdmin || actor.collectivityAdminOf.length > 0,
  editSchool: onSchool((_actor, school: SchoolAccess) => aboveSchool(school)),
  manageDirectors: onSchool((_actor, school: SchoolAccess) => aboveSchool(school)),
  manageAdministrators: (actor) => actor.isSyndicateAdmin,
  manageSchoolYears: (actor) => actor.isSyndicateAdmin,
  viewClasses: onSchool(
    (_actor, school: SchoolAccess) => school.memberships.length > 0 || aboveSchool(school),
  ),
  manageClasses: onSchool(
    (actor, school: SchoolAccess) => isDirectorOf(actor, school.schoolId) || aboveSchool(school),
  ),
  viewGroups: onSchool(
    (actor, school: SchoolAccess) =>
      isDirectorOf(actor, school.schoolId) ||
      school.memberships.some((m) => m.profile === 'teacher' || m.profile === 'staff') ||
      aboveSchool(school),
  ),
  manageGroups: onSchool(
    (actor, school: SchoolAccess) => isDirectorOf(actor, school.schoolId) || school.viaSyndicateAdmin,
  ),
})
