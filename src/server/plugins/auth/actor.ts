import type { Profile, SchoolFunction } from '../../../contract/structures.ts'

/** The signed-in user as every policy sees it: loaded once per session, cached (see `actor-cache.ts`). */
export type Actor = {
  userId: string
  sessionId: string
  login: string
  firstName: string
  displayName: string
  /** Current memberships (not the ones in their grace period after leaving). */
  memberships: Membership[]
  isSyndicateAdmin: boolean
  /** Collectivities this user administers. */
  collectivityAdminOf: string[]
  /** How this session was authenticated. */
  authentication: Authentication
  /**
   * The rights the person holds but this session may not use, for want of the second factor (their
   * director functions, their administrator roles): they are absent from the fields above, so no policy
   * grants them, and the policy plugin answers `second-factor-required` when they would have allowed a
   * request. Null when nothing is held back.
   */
  heldBack: HeldBackRights | null
}

export type FirstFactor = 'password' | 'activation-code' | 'login-card'
export type SecondFactor = 'totp' | 'recovery-code'

export type Authentication = {
  firstFactor: FirstFactor
  /** The second factor this session last passed (at sign-in, or a step-up), and when; null when never. */
  secondFactor: SecondFactor | null
  secondFactorAt: Date | null
  signedInAt: Date
  /** The person has an authenticator app to pass it with (else they enrol one first). */
  hasAuthenticator: boolean
}

export type HeldBackRights = Pick<Actor, 'memberships' | 'isSyndicateAdmin' | 'collectivityAdminOf'>

/** The functions that require the second factor: a school's direction. */
const SECOND_FACTOR_FUNCTIONS: readonly SchoolFunction[] = ['director']

/** Directors and administrators must use the second factor (see the identity module's sign-in). */
export function needsSecondFactor(rights: HeldBackRights): boolean {
  return (
    rights.isSyndicateAdmin ||
    rights.collectivityAdminOf.length > 0 ||
    rights.memberships.some((m) => m.functions.some((f) => SECOND_FACTOR_FUNCTIONS.includes(f)))
  )
}

/**
 * The actor a session may act as: everything the person holds when the session passed the second
 * factor (or nothing they hold needs it); otherwise their rights without the functions and roles that
 * need it, those kept aside in `heldBack`. A session's rights never exceed its authentication, even when
 * a role is granted to someone already signed in.
 */
export function limitToAuthentication(actor: Actor): Actor {
  if (actor.authentication.secondFactor || !needsSecondFactor(actor)) return { ...actor, heldBack: null }
  return {
    ...actor,
    memberships: actor.memberships.map((m) => ({
      ...m,
      functions: m.functions.filter((f) => !SECOND_FACTOR_FUNCTIONS.includes(f)),
    })),
    isSyndicateAdmin: false,
    collectivityAdminOf: [],
    heldBack: {
      memberships: actor.memberships,
      isSyndicateAdmin: actor.isSyndicateAdmin,
      collectivityAdminOf: actor.collectivityAdminOf,
    },
  }
}

/** The actor as it would be with the second factor passed; null when nothing is held back. */
export function withHeldBackRights(actor: Actor): Actor | null {
  return actor.heldBack ? { ...actor, ...actor.heldBack, heldBack: null } : null
}

/** Whether the session passed the second factor within the last `minutes` (a step-up's freshness). */
export function hasFreshSecondFactor(actor: Actor, minutes: number, now = Date.now()): boolean {
  const at = actor.authentication.secondFactorAt
  return at !== null && now - at.getTime() <= minutes * 60_000
}

export type Membership = {
  schoolId: string
  profile: Profile
  functions: SchoolFunction[]
  /** Current classes: the user's own (pupil, teacher, staff) or their children's (parent). */
  classIds: string[]
}

/** The memberships of `actor` in one school (a user may hold several profiles there). */
export function membershipsIn(actor: Actor, schoolId: string): Membership[] {
  return actor.memberships.filter((membership) => membership.schoolId === schoolId)
}

export function isDirectorOf(actor: Actor, schoolId: string): boolean {
  return membershipsIn(actor, schoolId).some((membership) => membership.functions.includes('director'))
}
