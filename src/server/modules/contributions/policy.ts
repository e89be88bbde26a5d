import { definePolicies } from '../../plugins/policy/define.ts'

/** The members' contributions are the syndicate's finances: its administrators (the finance officer). */
export const contributionsPolicies = definePolicies('contributions', {
  manage: (actor) => actor.isSyndicateAdmin,
  // A member's own calls for funds: the syndicate, and the collectivity's administrators and agents
  // (the service answers 404 for another member, as the members' pages do).
  readOwn: (actor) =>
    actor.isSyndicateAdmin ||
    actor.collectivityAdminOf.length > 0 ||
    actor.memberships.some((m) => m.profile === 'collectivity_agent'),
})
