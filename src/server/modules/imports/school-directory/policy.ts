import { definePolicies } from '../../../plugins/policy/define.ts'

/**
 * Who imports the national directory into a collectivity: the syndicate's administrators for any of them,
 * a collectivity's administrators for their own. Without a collectivity (the route's first check) the
 * rule says whether the actor administers any; the route then checks the one named, answering 404 for a
 * collectivity the actor does not administer.
 */
export const schoolDirectoryPolicies = definePolicies('schoolDirectory', {
  import: (actor, collectivityId: string | undefined) =>
    actor.isSyndicateAdmin ||
    (collectivityId === undefined
      ? actor.collectivityAdminOf.length > 0
      : actor.collectivityAdminOf.includes(collectivityId)),
})
