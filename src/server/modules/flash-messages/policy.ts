import { type Actor, isDirectorOf } from '../../plugins/auth/actor.ts'
import {
  type CollectivityAccess,
  definePolicies,
  onCollectivity,
  onSchool,
  type SchoolAccess,
} from '../../plugins/policy/define.ts'

/**
 * Who posts banners, each in their own scope: the syndicate's administrators for the deployment, a
 * collectivity's administrators (or the syndicate's) for its schools, a school's director (or the
 * administrators above it) for the school. Everyone signed in reads and dismisses their own banners.
 */
export const flashMessagesPolicies = definePolicies('flashMessages', {
  manageSyndicate: (actor: Actor) => actor.isSyndicateAdmin,
  manageCollectivity: onCollectivity(
    (_actor, collectivity: CollectivityAccess) =>
      collectivity.viaSyndicateAdmin || collectivity.viaCollectivityAdmin,
  ),
  manageSchool: onSchool(
    (actor: Actor, school: SchoolAccess) =>
      isDirectorOf(actor, school.schoolId) || school.viaSyndicateAdmin || school.viaCollectivityAdmin,
  ),
  readMine: () => true,
})
