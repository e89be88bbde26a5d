import type { Line, LinesResponse } from '../../../contract/contributions.ts'
import type { Db } from '../../db/connection.ts'
import { type AuditAuthor, auditedChange } from '../audit/index.ts'
import { type BreakdownItem, ContributionRuleError, computeContributions } from './compute.ts'
import * as q from './queries.ts'
import { conflict, invalid, ruleOrNotFound, toRule } from './rule-view.ts'

// A rule applied to members' counts: simulated on today's counts (nothing written), computed from the
// counts frozen at its reference date (written, audited), and read back line by line.

function applyRule(rule: q.RuleRow, counts: q.CountsRow[]) {
  try {
    return computeContributions(rule.year, toRule(rule), counts)
  } catch (error) {
    if (error instanceof ContributionRuleError) throw invalid(error.message)
    throw error
  }
}

export function lineOf(
  line: { collectivityId: string; name: string; amountCents: number; days: number; daysInYear: number },
  breakdown: BreakdownItem[],
  counts: q.CountsRow | undefined,
  previous: Map<string, number>,
): Line {
  return {
    memberId: line.collectivityId,
    name: line.name,
    siren: counts?.siren ?? '',
    amountCents: line.amountCents,
    days: line.days,
    daysInYear: line.daysInYear,
    breakdown,
    counts: {
      schools: counts?.schools ?? 0,
      classes: counts?.classes ?? 0,
      pupilAccounts: counts?.pupilAccounts ?? 0,
      population: counts?.population ?? 0,
      populationYear: counts?.populationYear ?? 0,
      joinedOn: counts?.joinedOn ?? '',
      leftOn: counts?.leftOn ?? null,
    },
    previousCents: previous.get(line.collectivityId) ?? null,
  }
}

export async function previousYear(db: Db, year: number) {
  const previous = await q.findAdoptedAmounts(db, year - 1)
  const total = previous.size > 0 ? [...previous.values()].reduce((a, b) => a + b, 0) : null
  return { previous, previousYear: year - 1, previousTotalCents: total }
}

/**
 * The rule applied to today's counts at its reference date (nothing frozen, nothing written), each
 * member beside its amount of the previous year.
 */
export async function simulate(db: Db, ruleId: string): Promise<LinesResponse> {
  const rule = await ruleOrNotFound(db, ruleId)
  const counts = await q.findLiveCounts(db, rule.referenceOn, rule.year)
  const result = applyRule(rule, counts)
  const byMember = new Map(counts.map((row) => [row.collectivityId, row]))
  const { previous, ...before } = await previousYear(db, rule.year)
  return {
    rule: toRule(rule),
    totalCents: result.totalCents,
    ...before,
    lines: result.lines.map((line) =>
      lineOf(line, line.breakdown, byMember.get(line.collectivityId), previous),
    ),
  }
}

function today(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' })
}

/**
 * Computes every member's amount of an adopted rule from the counts frozen at its reference date:
 * the snapshot already used by this rule (or another version of its year at the same date) when there
 * is one, else a new one, taken in the same transaction. Computing again gives the same lines.
 */
export async function compute(db: Db, author: AuditAuthor, ruleId: string): Promise<void> {
  const rule = await ruleOrNotFound(db, ruleId)
  if (rule.status !== 'adopted')
    throw conflict(
      'rule-not-adopted',
      rule.status === 'draft'
        ? 'Adoptez la règle (avec sa délibération) avant de calculer les contributions.'
        : 'Cette version a été remplacée : calculez la version en vigueur.',
    )
  if (rule.referenceOn > today())
    throw conflict(
      'reference-in-future',
      `La date de référence (${rule.referenceOn}) est à venir : les effectifs ne peuvent pas encore être figés.`,
    )
  await auditedChange(
    db,
    author,
    (trx) => freezeAndCompute(trx, rule, author.actorId),
    (result) => ({
      action: 'contributions.compute',
      target: { type: 'contribution-rule', id: ruleId },
      details: {
        year: rule.year,
        version: rule.version,
        totalCents: result.totalCents,
        members: result.lines.length,
      },
    }),
  )
}

/**
 * The computation of an adopted rule inside the caller's transaction: the snapshot of its year at its
 * reference date (reused, or frozen now), the members' lines written. Refuses a member without schools.
 */
export async function freezeAndCompute(db: Db, rule: q.RuleRow, actorId: string | null) {
  const snapshotId =
    rule.snapshotId ??
    (await q.findReusableSnapshot(db, rule.year, rule.referenceOn)) ??
    (await q.takeSnapshot(db, rule.referenceOn, rule.year, actorId))
  const counts = await q.findSnapshotCounts(db, snapshotId)
  if (counts.length === 0)
    throw conflict('no-members', `Aucun membre n’appartient au syndicat en ${rule.year}.`)
  const withoutSchools = counts.filter((row) => row.schools === 0).map((row) => row.name)
  if (withoutSchools.length > 0)
    throw conflict(
      'member-without-schools',
      `Ces membres n’ont aucune école à la date de référence : ${withoutSchools.join(', ')}. Rattachez leurs écoles ou enregistrez leur retrait avant de calculer.`,
    )
  const result = applyRule(rule, counts)
  await q.saveComputation(db, rule.id, snapshotId, result, actorId)
  return result
}

/** Computes an adopted rule in the caller's transaction (the demo deployment's computed year). */
export async function computeAdoptedRule(db: Db, ruleId: string): Promise<void> {
  const rule = await ruleOrNotFound(db, ruleId)
  await freezeAndCompute(db, rule, null)
}

/** The stored computation of a rule, with each member's frozen counts and last year's amount. */
export async function readComputation(db: Db, ruleId: string): Promise<LinesResponse> {
  const rule = await ruleOrNotFound(db, ruleId)
  if (!rule.snapshotId || rule.totalCents === null)
    throw conflict(
      'not-computed',
      `Les contributions de ${rule.year} (version ${rule.version}) n’ont pas encore été calculées : aucun relevé des effectifs n’est figé.`,
    )
  const rows = await q.findLines(db, ruleId, rule.snapshotId)
  const { previous, ...before } = await previousYear(db, rule.year)
  return {
    rule: toRule(rule),
    totalCents: rule.totalCents,
    ...before,
    lines: rows.map((row) =>
      lineOf(row, row.breakdown as BreakdownItem[], { ...row, collectivityId: row.collectivityId }, previous),
    ),
  }
}
