import { definePolicies, onSchool, type SchoolAccess } from '../../plugins/policy/define.ts'

export const portalPolicies = definePolicies('portal', {
  /** Every signed-in user has a portal, even one without a school yet. */
  view: () => true,
  /** A school page is open to its members and to the administrators above it. */
  viewSchool: onSchool(
    (_actor, school: SchoolAccess) =>
      school.memberships.length > 0 || school.viaSyndicateAdmin || school.viaCollectivityAdmin,
  ),
})
