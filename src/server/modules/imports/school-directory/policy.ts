import { type CollectivityAccess, definePolicies, onCollectivity } from '../../../plugins/policy/define.ts'

/**
 * Who imports the national directory into a collectivity: the syndicate's administrators for any of them,
 * a collectivity's administrators for their own. The route is collectivity-scoped: one the actor does not
 * administer answered 404 before this rule.
 */
export const schoolDirectoryPolicies = definePolicies('schoolDirectory', {
  import: onCollectivity(
    (_actor, collectivity: CollectivityAccess) =>
      collectivity.viaSyndicateAdmin || collectivity.viaCollectivityAdmin,
  ),
})
