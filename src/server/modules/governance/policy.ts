import { definePolicies } from '../../plugins/policy/define.ts'

export const governancePolicies = definePolicies('governance', {
  /** Meetings, attendance, votes and deliberations are kept by the syndicate's administrators. */
  manage: (actor) => actor.isSyndicateAdmin,
  /**
   * Any signed-in person may ask; the service then lets through the syndicate's administrators and the
   * delegates of a body (a delegate row linked to the account), and answers 403 to everyone else.
   */
  read: () => true,
})
