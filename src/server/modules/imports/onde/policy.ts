import { isDirectorOf } from '../../../plugins/auth/actor.ts'
import { definePolicies, onSchool, type SchoolAccess } from '../../../plugins/policy/define.ts'

/**
 * Who imports a school's people: its director, and the administrators of its collectivity and of the
 * syndicate (who import for a school that asks them to).
 */
export const ondeImportPolicies = definePolicies('imports', {
  importPeople: onSchool(
    (actor, school: SchoolAccess) =>
      isDirectorOf(actor, school.schoolId) || school.viaSyndicateAdmin || school.viaCollectivityAdmin,
  ),
})
