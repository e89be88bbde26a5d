import { definePolicies } from '../../plugins/policy/define.ts'

export const notificationsPolicies = definePolicies('notifications', {
  /** Everyone signed in chooses how they are told, for themselves only (the routes take no user id). */
  manage: () => true,
})
