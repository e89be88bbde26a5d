import { z } from 'zod'
import { resourceId } from './ids.ts'
import { DeliberationRef, IsoDay, MemberId } from './members.ts'
import { Timestamp } from './timestamp.ts'

/** The annual contributions of the members: rules by year and version, simulation, computation (ADR 0012). */

export const RuleId = resourceId('Règle de contribution introuvable.')
export const RuleParams = z.object({ ruleId: RuleId })
export const RuleMemberParams = z.object({ ruleId: RuleId, memberId: MemberId })

const Cents = (label: string) =>
  z
    .number({ error: `${label} : indiquez un montant en centimes.` })
    .int(`${label} : un nombre entier de centimes.`)
    .min(0, `${label} ne peut être négatif.`)
    .max(100_000_000_000, `${label} est trop grand.`)

export const Criteria = z.object({
  perMemberCents: Cents('Le forfait par membre').default(0),
  perSchoolCents: Cents('Le montant par école').default(0),
  perClassCents: Cents('Le montant par classe').default(0),
  perPupilAccountCents: Cents('Le montant par compte élève').default(0),
  perInhabitantCents: Cents('Le montant par habitant').default(0),
  floorCents: Cents('Le plancher').nullable().default(null),
  capCents: Cents('Le plafond').nullable().default(null),
  fixedTotalCents: Cents('Le total à répartir').nullable().default(null),
})
export type Criteria = z.infer<typeof Criteria>

export const RuleBody = Criteria.extend({
  year: z.number().int().min(2000, 'Année invalide.').max(2200, 'Année invalide.'),
  referenceOn: IsoDay,
})
export type RuleBody = z.infer<typeof RuleBody>

export const AdoptionBody = z.object({ deliberation: DeliberationRef })
export type AdoptionBody = z.infer<typeof AdoptionBody>

export const RevisionBody = Criteria.extend({
  referenceOn: IsoDay,
  deliberation: DeliberationRef,
  reason: z.string().trim().min(5, 'Expliquez pourquoi la règle change.').max(1000),
})
export type RevisionBody = z.infer<typeof RevisionBody>

export const RULE_STATUSES = ['draft', 'adopted', 'superseded'] as const

export const Rule = Criteria.extend({
  id: z.uuid(),
  year: z.number(),
  version: z.number(),
  status: z.enum(RULE_STATUSES),
  referenceOn: z.string(),
  deliberation: DeliberationRef.nullable(),
  reason: z.string().nullable(),
  createdAt: Timestamp,
  adoptedAt: Timestamp.nullable(),
  computation: z
    .object({
      totalCents: z.number(),
      members: z.number(),
      computedAt: Timestamp,
      snapshotTakenAt: Timestamp,
    })
    .nullable(),
})
export type Rule = z.infer<typeof Rule>

export const RulesResponse = z.object({ rules: z.array(Rule) })

export const BREAKDOWN_PARTS = [
  'perMember',
  'perSchool',
  'perClass',
  'perPupilAccount',
  'perInhabitant',
  'floor',
  'cap',
  'proRata',
  'fixedTotal',
] as const

export const BreakdownItem = z.object({
  part: z.enum(BREAKDOWN_PARTS),
  units: z.number().nullable(),
  rateCents: z.number().nullable(),
  cents: z.number(),
})

export const Counts = z.object({
  schools: z.number(),
  classes: z.number(),
  pupilAccounts: z.number(),
  population: z.number(),
  populationYear: z.number(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
})

export const Line = z.object({
  memberId: z.uuid(),
  name: z.string(),
  siren: z.string(),
  amountCents: z.number(),
  days: z.number(),
  daysInYear: z.number(),
  breakdown: z.array(BreakdownItem),
  counts: Counts,
  /** The member's amount in the previous year's adopted computation (null: none). */
  previousCents: z.number().nullable(),
})
export type Line = z.infer<typeof Line>

export const LinesResponse = z.object({
  rule: Rule,
  totalCents: z.number(),
  previousYear: z.number(),
  previousTotalCents: z.number().nullable(),
  lines: z.array(Line),
})
export type LinesResponse = z.infer<typeof LinesResponse>

/** A member's own calls for funds: each adopted, computed year with its line alone. */
export const MemberCallsResponse = z.object({ calls: z.array(LinesResponse) })
export type MemberCallsResponse = z.infer<typeof MemberCallsResponse>

/** The columns of the CSV for the accounting software, in order (documented in ARCHITECTURE.md). */
export const CALL_CSV_COLUMNS = [
  'exercice',
  'version',
  'deliberation',
  'date_deliberation',
  'siren',
  'membre',
  'montant_centimes',
  'montant_euros',
  'jours',
  'jours_exercice',
  'date_reference',
  'objet',
] as const
