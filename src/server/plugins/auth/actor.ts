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
