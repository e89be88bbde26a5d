import { definePolicies } from '../../plugins/policy/define.ts'

/** Any signed-in user may read their own identity and sign out. */
export const identityPolicies = definePolicies('identity', {
  viewSelf: () => true,
  signOut: () => true,
})
