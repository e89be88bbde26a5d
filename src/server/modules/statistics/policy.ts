import { isDirectorOf } from '../../plugins/auth/actor.ts'
import { definePolicies, onCollectivity, onSchool } from '../../plugins/policy/define.ts'

/**
 * Who reads which dashboard: the syndicate's administrators all of them; a collectivity's
 * administrators their collectivity and its schools; a school's director and the académie's staff
 * attached to it their school; academic staff their circonscription (checked in the service: the name
 * is no id the policy plugin resolves). Every signed-in person's use of the apps is counted.
 */
export const statisticsPolicies = definePolicies('statistics', {
  recordOpening: () => true,
  listAreas: () => true,
  readSyndicate: (actor) => actor.isSyndicateAdmin,
  readCollectivity: onCollectivity(() => true),
  readCirconscription: (actor) =>
    actor.isSyndicateAdmin || actor.memberships.some((m) => m.profile === 'academic'),
  readSchool: onSchool(
    (actor, school) =>
      school.viaSyndicateAdmin ||
      school.viaCollectivityAdmin ||
      isDirectorOf(actor, school.schoolId) ||
      school.memberships.some((m) => m.profile === 'academic'),
  ),
})
