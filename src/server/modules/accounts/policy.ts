import { type Actor, isDirectorOf } from '../../plugins/auth/actor.ts'
import { definePolicies, onSchool, type SchoolAccess } from '../../plugins/policy/define.ts'

/** The school's administrators: its director, and the administrators of its collectivity and syndicate. */
const administersSchool = onSchool(
  (actor: Actor, school: SchoolAccess) =>
    isDirectorOf(actor, school.schoolId) || school.viaSyndicateAdmin || school.viaCollectivityAdmin,
)

/**
 * The director, or a teacher of the school. Which class a teacher may act on is checked per request
 * (see `class-access.ts`): the teacher of another class gets 404, as for another school.
 */
const directsOrTeaches = onSchool(
  (actor: Actor, school: SchoolAccess) =>
    isDirectorOf(actor, school.schoolId) || school.memberships.some((m) => m.profile === 'teacher'),
)

export const accountsPolicies = definePolicies('accounts', {
  /** The users of the school, with their activation state; reading one user's detail is audited. */
  listUsers: administersSchool,
  viewUser: administersSchool,
  createUser: administersSchool,
  editUser: administersSchool,
  linkFamily: administersSchool,
  /** Removal keeps the account (its contributions, its other schools); restore undoes it. */
  removeUser: administersSchool,
  issueActivationCode: administersSchool,
  /** Codes for a class: its administrators, and its teachers for their own class. */
  issueClassActivationCodes: onSchool(
    (actor, school: SchoolAccess) => administersSchool(actor, school) || directsOrTeaches(actor, school),
  ),
  /** A pupil's password is reset by the teacher of their class or the director (adults use e-mail). */
  resetPupilPassword: directsOrTeaches,
  /** Sheets hold activation codes: printed by those who hand them out, the class's teachers and the director. */
  printConnectionSheets: directsOrTeaches,
  emailConnectionSheets: directsOrTeaches,
  /** Login cards for young pupils are the class teacher's to hand out and switch off. */
  manageLoginCards: directsOrTeaches,
  /**
   * A second factor is reset from above the person: the administrators of the school's collectivity or
   * of the syndicate, never the school's director (see `resetSecondFactor`: never one's own either).
   */
  resetSecondFactor: (_actor, school: SchoolAccess) =>
    school.viaSyndicateAdmin || school.viaCollectivityAdmin,
})
