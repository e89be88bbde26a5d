import { isDirectorOf } from '../../plugins/auth/actor.ts'
import { definePolicies, onSchool } from '../../plugins/policy/define.ts'

export const messagingPolicies = definePolicies('messaging', {
  /** One's own mailbox (all one's schools): every member of a school. */
  useMailbox: (actor) => actor.memberships.length > 0,
  /** Writing in a school: its members (an administrator above a school writes as a member, if they are one). */
  compose: onSchool((_actor, school) => school.memberships.length > 0),
  /** Reports and suspensions of a school: its direction. */
  moderate: onSchool((actor, school) => isDirectorOf(actor, school.schoolId)),
})
