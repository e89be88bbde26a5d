import { definePolicies } from '../../plugins/policy/define.ts'

export const personMergePolicies = definePolicies('personMerge', {
  /**
   * Finding, comparing, merging accounts and undoing a merge: the syndicate's administrators for anyone,
   * a collectivity's for people all of whose schools are theirs (checked by the service: anyone else is
   * « introuvable » to them).
   */
  manage: (actor) => actor.isSyndicateAdmin || actor.collectivityAdminOf.length > 0,
})
