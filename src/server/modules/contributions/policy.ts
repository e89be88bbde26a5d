import { definePolicies } from '../../plugins/policy/define.ts'

/** The members' contributions are the syndicate's finances: its administrators (the finance officer). */
export const contributionsPolicies = definePolicies('contributions', {
  manage: (actor) => actor.isSyndicateAdmin,
})
