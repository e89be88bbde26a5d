import { z } from 'zod'
import { SchoolYear, SchoolYearBody } from './administration.ts'
import { ClassLevel, Profile } from './structures.ts'
import { Timestamp } from './timestamp.ts'

/**
 * The school-year rollover (bascule d'année) and the deletion of departed people's personal data:
 * the preview the syndicate reads before opening the next year, the opening, and a person's objection
 * to keeping their contributions once their account is no longer needed.
 */

export const RolloverQuery = z.object({
  /** A page of the people whose data will be deleted (a region counts them in tens of thousands). */
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.string().max(400).optional().describe('Curseur de la page suivante (nextAfter)'),
})

const RolloverClass = z.object({
  id: z.uuid(),
  name: z.string(),
  levels: z.array(ClassLevel),
  pupilCount: z.number().int(),
})

const RolloverSchool = z.object({
  id: z.uuid(),
  uai: z.string(),
  name: z.string(),
  /** The classes of the current year, archived when the next one opens. */
  classes: z.array(RolloverClass),
  /** Pupils still at the school who will have no class until the next import places them. */
  pupilsWaiting: z.number().int(),
})

/** What the deletion removes besides the account itself, counted for one person. */
export const RemovedData = z.object({
  memberships: z.number().int(),
  familyLinks: z.number().int(),
  classMemberships: z.number().int(),
  groupMemberships: z.number().int(),
  imageConsents: z.number().int(),
  sessions: z.number().int(),
  activationCodes: z.number().int(),
  loginCards: z.number().int(),
})
export type RemovedData = z.infer<typeof RemovedData>

export const PlannedDeletion = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  /** The profiles the person had (every one has ended). */
  profiles: z.array(Profile),
  schools: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** The day they left their last school (Paris time), and the day their data is deleted: 3 months later. */
  leftOn: z.string(),
  dueOn: z.string(),
  /** Already recorded as scheduled (by an earlier opening or the daily job). */
  isScheduled: z.boolean(),
  /** `deleted` when the person objected to keeping their contributions, `anonymised` otherwise. */
  account: z.enum(['anonymised', 'deleted']),
  contributions: z.enum(['kept', 'deleted']),
  removes: RemovedData,
})
export type PlannedDeletion = z.infer<typeof PlannedDeletion>

const NextSchoolYear = z.object({
  label: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** The year exists already (prepared), not yet current. */
  isPrepared: z.boolean(),
})

export const RolloverPreview = z.object({
  /** The day of the preview (Paris): a deletion due on or before it happens at the next daily purge. */
  today: z.string(),
  currentYear: SchoolYear.nullable(),
  nextYear: NextSchoolYear,
  totals: z.object({
    schools: z.number().int(),
    classes: z.number().int(),
    pupilsWaiting: z.number().int(),
    deletions: z.number().int(),
  }),
  schools: z.array(RolloverSchool),
  /** One page of the people whose personal data will be deleted, soonest first. */
  deletions: z.array(PlannedDeletion),
  /** The cursor of the page after this one (`after`), null on the last page. */
  nextAfter: z.string().nullable(),
  allowedActions: z.array(z.string()),
})
export type RolloverPreview = z.infer<typeof RolloverPreview>

/** The label typed again to confirm: the one the preview announced, so a double click opens nothing twice. */
export const OpenSchoolYearBody = SchoolYearBody

export const OpenSchoolYearResponse = z.object({
  schoolYear: SchoolYear,
  archivedClasses: z.number().int(),
  /** Pupils taken out of the archived classes; they stay at their school and wait for the import. */
  pupilsUnassigned: z.number().int(),
  scheduledDeletions: z.number().int(),
})
export type OpenSchoolYearResponse = z.infer<typeof OpenSchoolYearResponse>

export const ContributionsObjection = z.object({
  /** When I objected to keeping my contributions after my account is deleted; null: they are kept. */
  objectedAt: Timestamp.nullable(),
})
