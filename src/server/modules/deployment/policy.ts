import { definePolicies } from '../../plugins/policy/define.ts'

export const deploymentPolicies = definePolicies('deployment', {
  /** The syndicate's name, address and data-protection officer: its administrators. */
  editIdentity: (actor) => actor.isSyndicateAdmin,
  /** Every signed-in user reads and accepts the charter for themself. */
  acceptCharter: () => true,
})
