import { isDirectorOf } from '../../plugins/auth/actor.ts'
import { definePolicies, onSchool, type SchoolAccess } from '../../plugins/policy/define.ts'

/** The director sets the school's communication rules; the administrators above the school may read them. */
export const communicationPolicies = definePolicies('communication', {
  viewRules: onSchool(
    (actor, school: SchoolAccess) =>
      isDirectorOf(actor, school.schoolId) || school.viaSyndicateAdmin || school.viaCollectivityAdmin,
  ),
  manageRules: onSchool(
    (actor, school: SchoolAccess) => isDirectorOf(actor, school.schoolId) || school.viaSyndicateAdmin,
  ),
})
