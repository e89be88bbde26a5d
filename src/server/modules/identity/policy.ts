import type { Actor } from '../../plugins/auth/actor.ts'
import { definePolicies } from '../../plugins/policy/define.ts'

/** Any signed-in user may read their own identity, manage their own sessions and sign out. */
export const identityPolicies = definePolicies('identity', {
  viewSelf: () => true,
  /** Any session may pass the second factor again (it still needs the person's code). */
  stepUp: () => true,
  /** Anyone's second factor, administrators' included, may be reset by the syndicate's administrators. */
  resetSecondFactor: (actor: Actor) => actor.isSyndicateAdmin,
  manageOwnSessions: () => true,
  signOut: () => true,
})
