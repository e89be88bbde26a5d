import { definePolicies } from '../../plugins/policy/define.ts'

/** Any signed-in user may read their own identity, manage their own sessions and sign out. */
export const identityPolicies = definePolicies('identity', {
  viewSelf: () => true,
  manageOwnSessions: () => true,
  signOut: () => true,
})
