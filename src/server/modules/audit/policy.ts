import { isDirectorOf } from '../../plugins/auth/actor.ts'
import { definePolicies, onSchool, type SchoolAccess } from '../../plugins/policy/define.ts'

export const auditPolicies = definePolicies('audit', {
  /** A school's trail: its director and the administrators above it. */
  viewSchool: onSchool(
    (actor, school: SchoolAccess) =>
      school.viaSyndicateAdmin || school.viaCollectivityAdmin || isDirectorOf(actor, school.schoolId),
  ),
  /** The whole deployment's trail: the syndicate's administrators. */
  viewAll: (actor) => actor.isSyndicateAdmin,
})
