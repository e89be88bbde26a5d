import { z } from 'zod'
import { resourceId } from './ids.ts'
import { Timestamp } from './timestamp.ts'

/** One person, one account: finding two accounts of one person, comparing them, merging, undoing (ADR 0014). */

export const PersonSearchQuery = z.object({
  q: z.string().trim().min(2, 'Tapez au moins deux lettres du nom.').max(100, 'Ce nom est trop long.'),
})

/** An account as a search lists it: enough to tell two namesakes apart. */
export const PersonSearchItem = z.object({
  id: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  isActivated: z.boolean(),
  schools: z.array(z.string()),
})
export const PersonSearchResults = z.object({ items: z.array(PersonSearchItem) })

const PersonSchool = z.object({
  schoolId: z.uuid(),
  name: z.string(),
  profiles: z.array(z.string()),
  functions: z.array(z.string()),
  hasLeft: z.boolean(),
})

/** An account as the comparison shows it, side by side with the other. */
export const PersonAccount = z.object({
  id: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  birthDate: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  isActivated: z.boolean(),
  hasSecondFactor: z.boolean(),
  createdAt: Timestamp,
  schools: z.array(PersonSchool),
  /** Children (for a parent) or parents (for a pupil), with their school. */
  family: z.array(z.object({ displayName: z.string(), schoolName: z.string() })),
  classes: z.array(z.object({ name: z.string(), schoolName: z.string() })),
})

export const PersonComparisonQuery = z.object({
  a: resourceId('Compte introuvable.'),
  b: resourceId('Compte introuvable.'),
})

export const PersonComparison = z.object({
  accounts: z.tuple([PersonAccount, PersonAccount]),
  /** The account that would stay (the activated one; else the older) and the one merged into it. */
  proposal: z.object({ keepUserId: z.uuid(), mergeUserId: z.uuid() }).nullable(),
  /** Both are activated (or neither): the administrator may choose which one stays. */
  canChooseKept: z.boolean(),
  /** Why these two accounts cannot be one person, in French; null when they can be merged. */
  refusal: z.string().nullable(),
})

export const MergeAccountsBody = z.object({
  keepUserId: z.uuid('Compte introuvable.'),
  mergeUserId: z.uuid('Compte introuvable.'),
})

const AccountName = z.object({ id: z.uuid(), login: z.string(), displayName: z.string() })

export const PersonMerge = z.object({
  id: z.uuid(),
  kept: AccountName,
  merged: AccountName,
  mergedAt: Timestamp,
  mergedBy: z.string().nullable(),
  undoUntil: Timestamp,
  undoneAt: Timestamp.nullable(),
  undoneBy: z.string().nullable(),
  canUndo: z.boolean(),
})
export const PersonMergesList = z.object({ items: z.array(PersonMerge) })

export const PersonMergeParams = z.object({ mergeId: resourceId('Cette réunion de comptes n’existe pas.') })
