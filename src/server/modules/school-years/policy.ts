import { definePolicies } from '../../plugins/policy/define.ts'

/**
 * The rollover is the syndicate's: it changes every school at once. Everyone decides for their own
 * account whether their contributions may outlive it.
 */
export const schoolYearsPolicies = definePolicies('schoolYears', {
  /** The preview names the people whose data will be deleted: read by the syndicate only (audited). */
  previewRollover: (actor) => actor.isSyndicateAdmin,
  openNextYear: (actor) => actor.isSyndicateAdmin,
  /** The route only ever acts on the signed-in person's own account. */
  objectToKeepingContributions: () => true,
})
