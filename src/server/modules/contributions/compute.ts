/**
 * The annual contribution of each member, computed from a rule and frozen counts. Pure: no I/O, no
 * clock, integers only (cents as `number`, intermediate products as `bigint`), so the same inputs give
 * the same cents on any machine. The rounding is ADR 0012's:
 *
 * - every criterion is an integer number of cents per unit, so each criterion's part is exact;
 * - floor and cap bound the member's annual amount (before pro rata temporis);
 * - pro rata temporis multiplies by days of membership / days of the year: the one inexact step,
 *   rounded once per member line, half up to the cent;
 * - with a fixed total, the members' exact prorated weights share it by the largest-remainder method
 *   (Hamilton): each line gets the floor of its exact share, the cents left go one each to the largest
 *   remainders (ties: by member name, then id), so the lines sum exactly to the total.
 *
 * The total of a year is always the sum of its lines.
 */

export type ContributionCriteria = {
  perMemberCents: number
  perSchoolCents: number
  perClassCents: number
  perPupilAccountCents: number
  perInhabitantCents: number
  /** Bounds of a member's annual amount, before pro rata; null when none. */
  floorCents: number | null
  capCents: number | null
  /** When set, the criteria are weights sharing this total (floor and cap are then refused). */
  fixedTotalCents: number | null
}

/** A member's counts at the reference date, as frozen in a snapshot. */
export type MemberCounts = {
  collectivityId: string
  name: string
  schools: number
  classes: number
  pupilAccounts: number
  population: number
  /** Adhesion effective from this day (inclusive), ISO date. */
  joinedOn: string
  /** Withdrawal effective from this day (the member no longer belongs on it), ISO date; null when none. */
  leftOn: string | null
}

export type BreakdownPart =
  | 'perMember'
  | 'perSchool'
  | 'perClass'
  | 'perPupilAccount'
  | 'perInhabitant'
  | 'floor'
  | 'cap'
  | 'proRata'
  | 'fixedTotal'

/** One part of a line: `units × rate` for a criterion, or an adjustment; parts sum to the line's amount. */
export type BreakdownItem = {
  part: BreakdownPart
  units: number | null
  rateCents: number | null
  cents: number
}

export type ContributionLine = {
  collectivityId: string
  name: string
  /** Days of membership within the year, and the year's days. */
  days: number
  daysInYear: number
  amountCents: number
  breakdown: BreakdownItem[]
}

export type ContributionResult = { year: number; totalCents: number; lines: ContributionLine[] }

export class ContributionRuleError extends Error {}

const DAY_MS = 86_400_000

function dayNumber(iso: string): number {
  const time = Date.parse(`${iso}T00:00:00Z`)
  if (Number.isNaN(time)) throw new ContributionRuleError(`Date invalide : ${iso}.`)
  return Math.round(time / DAY_MS)
}

export function daysInYear(year: number): number {
  return dayNumber(`${year + 1}-01-01`) - dayNumber(`${year}-01-01`)
}

/** Days of `year` during which the member belongs: [joinedOn, leftOn) intersected with the year. */
export function membershipDays(year: number, joinedOn: string, leftOn: string | null): number {
  const start = Math.max(dayNumber(`${year}-01-01`), dayNumber(joinedOn))
  const end = Math.min(dayNumber(`${year + 1}-01-01`), leftOn ? dayNumber(leftOn) : Number.POSITIVE_INFINITY)
  return Math.max(0, end - start)
}

const RATES = [
  ['perMember', 'perMemberCents'],
  ['perSchool', 'perSchoolCents'],
  ['perClass', 'perClassCents'],
  ['perPupilAccount', 'perPupilAccountCents'],
  ['perInhabitant', 'perInhabitantCents'],
] as const

function unitsOf(part: (typeof RATES)[number][0], counts: MemberCounts): number {
  switch (part) {
    case 'perMember':
      return 1
    case 'perSchool':
      return counts.schools
    case 'perClass':
      return counts.classes
    case 'perPupilAccount':
      return counts.pupilAccounts
    case 'perInhabitant':
      return counts.population
  }
}

/** The rule's problems in French (empty when it can be applied). */
export function criteriaProblems(criteria: ContributionCriteria): string[] {
  const problems: string[] = []
  const amounts: [string, number | null][] = [
    ['Le forfait par membre', criteria.perMemberCents],
    ['Le montant par école', criteria.perSchoolCents],
    ['Le montant par classe', criteria.perClassCents],
    ['Le montant par compte élève ouvert', criteria.perPupilAccountCents],
    ['Le montant par habitant', criteria.perInhabitantCents],
    ['Le plancher', criteria.floorCents],
    ['Le plafond', criteria.capCents],
    ['Le total à répartir', criteria.fixedTotalCents],
  ]
  for (const [label, value] of amounts) {
    if (value !== null && (!Number.isSafeInteger(value) || value < 0))
      problems.push(`${label} doit être un nombre positif de centimes.`)
  }
  if (criteria.floorCents !== null && criteria.capCents !== null && criteria.floorCents > criteria.capCents)
    problems.push('Le plancher dépasse le plafond.')
  if (criteria.fixedTotalCents !== null && (criteria.floorCents !== null || criteria.capCents !== null))
    problems.push('Un total à répartir ne se combine pas avec un plancher ou un plafond.')
  if (RATES.every(([, key]) => criteria[key] === 0))
    problems.push(
      'La règle doit fixer au moins un critère (forfait, école, classe, compte élève ou habitant).',
    )
  return problems
}

/** Annual parts of one member (integers), then floor / cap as adjustments. */
function annualParts(criteria: ContributionCriteria, counts: MemberCounts): BreakdownItem[] {
  const parts: BreakdownItem[] = []
  for (const [part, key] of RATES) {
    const rate = criteria[key]
    if (rate === 0) continue
    const units = unitsOf(part, counts)
    parts.push({ part, units, rateCents: rate, cents: units * rate })
  }
  const raw = parts.reduce((sum, item) => sum + item.cents, 0)
  if (criteria.floorCents !== null && raw < criteria.floorCents)
    parts.push({ part: 'floor', units: null, rateCents: null, cents: criteria.floorCents - raw })
  if (criteria.capCents !== null && raw > criteria.capCents)
    parts.push({ part: 'cap', units: null, rateCents: null, cents: criteria.capCents - raw })
  return parts
}

const sum = (items: BreakdownItem[]) => items.reduce((total, item) => total + item.cents, 0)

/** `numerator / denominator` rounded half up (both non-negative). */
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator)
}

/**
 * Every member's line for `year`. Members with no day of membership in the year get no line. Throws
 * `ContributionRuleError` (French) when the rule cannot be applied.
 */
export function computeContributions(
  year: number,
  criteria: ContributionCriteria,
  members: MemberCounts[],
): ContributionResult {
  const problems = criteriaProblems(criteria)
  if (problems.length > 0) throw new ContributionRuleError(problems.join(' '))
  const yearDays = daysInYear(year)
  const ordered = [...members].sort(
    (a, b) => a.name.localeCompare(b.name, 'fr') || (a.collectivityId < b.collectivityId ? -1 : 1),
  )
  const drafts = ordered
    .map((counts) => ({ counts, days: membershipDays(year, counts.joinedOn, counts.leftOn) }))
    .filter((draft) => draft.days > 0)
    .map((draft) => ({ ...draft, parts: annualParts(criteria, draft.counts) }))

  if (criteria.fixedTotalCents === null) {
    const lines = drafts.map(({ counts, days, parts }): ContributionLine => {
      const annual = sum(parts)
      const amount = Number(roundHalfUp(BigInt(annual) * BigInt(days), BigInt(yearDays)))
      const breakdown =
        amount === annual
          ? parts
          : [...parts, { part: 'proRata' as const, units: days, rateCents: null, cents: amount - annual }]
      return {
        collectivityId: counts.collectivityId,
        name: counts.name,
        days,
        daysInYear: yearDays,
        amountCents: amount,
        breakdown,
      }
    })
    return { year, totalCents: lines.reduce((total, line) => total + line.amountCents, 0), lines }
  }

  // A fixed total: exact weights annual × days (the year's length is common to all and cancels out).
  const total = BigInt(criteria.fixedTotalCents)
  const weights = drafts.map(({ days, parts }) => BigInt(sum(parts)) * BigInt(days))
  const weightSum = weights.reduce((a, b) => a + b, 0n)
  if (weightSum === 0n)
    throw new ContributionRuleError('Aucun membre n’a de base de calcul : le total ne peut être réparti.')
  const shares = weights.map((weight) => ({
    base: (total * weight) / weightSum,
    remainder: (total * weight) % weightSum,
  }))
  let left = Number(total - shares.reduce((a, share) => a + share.base, 0n))
  const byRemainder = shares
    .map((share, index) => ({ index, remainder: share.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))
  const extra = new Array<number>(shares.length).fill(0)
  for (const { index } of byRemainder) {
    if (left === 0) break
    extra[index] = 1
    left -= 1
  }
  const lines = drafts.map(({ counts, days, parts }, index): ContributionLine => {
    const amount = Number((shares[index]?.base ?? 0n) + BigInt(extra[index] ?? 0))
    const annual = sum(parts)
    const breakdown: BreakdownItem[] = [...parts]
    const prorated = Number(roundHalfUp(BigInt(annual) * BigInt(days), BigInt(yearDays)))
    if (prorated !== annual)
      breakdown.push({ part: 'proRata', units: days, rateCents: null, cents: prorated - annual })
    if (amount !== prorated)
      breakdown.push({ part: 'fixedTotal', units: null, rateCents: null, cents: amount - prorated })
    return {
      collectivityId: counts.collectivityId,
      name: counts.name,
      days,
      daysInYear: yearDays,
      amountCents: amount,
      breakdown,
    }
  })
  return { year, totalCents: criteria.fixedTotalCents, lines }
}
