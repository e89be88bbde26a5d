import type {
  AdoptionBody,
  Criteria,
  Line,
  LinesResponse,
  RevisionBody,
  Rule,
  RuleBody,
} from '../../../contract/contributions.ts'
import type { Db } from '../../db/connection.ts'
import { HttpProblem, isUniqueViolation, notFound } from '../../plugins/errors.ts'
import { type AuditAuthor, auditedChange } from '../audit/index.ts'
import {
  type BreakdownItem,
  ContributionRuleError,
  computeContributions,
  criteriaProblems,
} from './compute.ts'
import * as q from './queries.ts'

const RULE_NOT_FOUND = 'Règle de contribution introuvable.'
const invalid = (detail: string) => new HttpProblem(400, 'validation', detail)
const conflict = (code: string, detail: string) => new HttpProblem(409, code, detail)

export function toRule(row: q.RuleRow): Rule {
  return {
    id: row.id,
    year: row.year,
    version: row.version,
    status: row.status,
    referenceOn: row.referenceOn,
    perMemberCents: row.perMemberCents,
    perSchoolCents: row.perSchoolCents,
    perClassCents: row.perClassCents,
    perPupilAccountCents: row.perPupilAccountCents,
    perInhabitantCents: row.perInhabitantCents,
    floorCents: row.floorCents,
    capCents: row.capCents,
    fixedTotalCents: row.fixedTotalCents,
    deliberation:
      row.deliberation && row.deliberationOn
        ? { reference: row.deliberation, date: row.deliberationOn }
        : null,
    reason: row.reason,
    createdAt: row.createdAt,
    adoptedAt: row.adoptedAt,
    computation:
      row.totalCents !== null && row.computedAt && row.snapshotTakenAt
        ? {
            totalCents: row.totalCents,
            members: row.lineCount ?? 0,
            computedAt: row.computedAt,
            snapshotTakenAt: row.snapshotTakenAt,
          }
        : null,
  }
}

export async function listRules(db: Db): Promise<Rule[]> {
  return (await q.findRules(db)).map(toRule)
}

async function ruleOrNotFound(db: Db, ruleId: string): Promise<q.RuleRow> {
  const rule = await q.findRule(db, ruleId)
  if (!rule) throw notFound(RULE_NOT_FOUND)
  return rule
}

/** The criteria and the reference date must make sense for the year; refused in French otherwise. */
function checkRule(year: number, referenceOn: string, criteria: Criteria): void {
  const problems = criteriaProblems(criteria)
  if (problems.length > 0) throw invalid(problems.join(' '))
  if (referenceOn < `${year - 1}-01-01` || referenceOn > `${year}-12-31`)
    throw invalid(`La date de référence doit tomber en ${year - 1} ou en ${year}.`)
}

const yearTaken = (year: number) =>
  conflict(
    'year-taken',
    `Une règle est déjà en projet ou adoptée pour ${year} : modifiez le projet, ou adoptez une nouvelle version de la règle adoptée.`,
  )

function criteriaOf(body: Criteria): Criteria {
  const {
    perMemberCents,
    perSchoolCents,
    perClassCents,
    perPupilAccountCents,
    perInhabitantCents,
    floorCents,
    capCents,
    fixedTotalCents,
  } = body
  return {
    perMemberCents,
    perSchoolCents,
    perClassCents,
    perPupilAccountCents,
    perInhabitantCents,
    floorCents,
    capCents,
    fixedTotalCents,
  }
}

export async function createRule(db: Db, author: AuditAuthor, body: RuleBody): Promise<string> {
  checkRule(body.year, body.referenceOn, body)
  try {
    const { id } = await auditedChange(
      db,
      author,
      (trx) => q.insertRule(trx, body, author.actorId),
      (created) => ({
        action: 'contributions.createRule',
        target: { type: 'contribution-rule', id: created.id },
        details: { year: body.year },
      }),
    )
    return id
  } catch (error) {
    if (isUniqueViolation(error)) throw yearTaken(body.year)
    throw error
  }
}

const adoptedIsFrozen = () =>
  conflict(
    'rule-adopted',
    'Une règle adoptée ne se modifie pas : adoptez-en une nouvelle version, avec sa délibération et la raison du changement.',
  )

export async function editDraft(db: Db, author: AuditAuthor, ruleId: string, body: RuleBody): Promise<void> {
  const rule = await ruleOrNotFound(db, ruleId)
  if (rule.status !== 'draft') throw adoptedIsFrozen()
  checkRule(body.year, body.referenceOn, body)
  try {
    await auditedChange(
      db,
      author,
      async (trx) => {
        if (!(await q.updateDraft(trx, ruleId, body))) throw adoptedIsFrozen()
      },
      () => ({
        action: 'contributions.editRule',
        target: { type: 'contribution-rule', id: ruleId },
        details: { year: body.year },
      }),
    )
  } catch (error) {
    if (isUniqueViolation(error)) throw yearTaken(body.year)
    throw error
  }
}

export async function deleteDraft(db: Db, author: AuditAuthor, ruleId: string): Promise<void> {
  const rule = await ruleOrNotFound(db, ruleId)
  if (rule.status !== 'draft') throw adoptedIsFrozen()
  await auditedChange(
    db,
    author,
    async (trx) => {
      if (!(await q.deleteDraft(trx, ruleId))) throw adoptedIsFrozen()
    },
    () => ({
      action: 'contributions.deleteRule',
      target: { type: 'contribution-rule', id: ruleId },
      details: { year: rule.year },
    }),
  )
}

export async function adoptRule(
  db: Db,
  author: AuditAuthor,
  ruleId: string,
  body: AdoptionBody,
): Promise<void> {
  const rule = await ruleOrNotFound(db, ruleId)
  if (rule.status !== 'draft') throw conflict('rule-adopted', 'Cette règle est déjà adoptée.')
  await auditedChange(
    db,
    author,
    async (trx) => {
      if (!(await q.adoptDraft(trx, ruleId, body.deliberation)))
        throw conflict('rule-adopted', 'Cette règle est déjà adoptée.')
    },
    () => ({
      action: 'contributions.adoptRule',
      target: { type: 'contribution-rule', id: ruleId },
      details: { year: rule.year, version: rule.version, deliberation: body.deliberation.reference },
    }),
  )
}

/** A new version of an adopted rule: the old one stays, superseded, with its computation. */
export async function reviseRule(
  db: Db,
  author: AuditAuthor,
  ruleId: string,
  body: RevisionBody,
): Promise<string> {
  const rule = await ruleOrNotFound(db, ruleId)
  if (rule.status !== 'adopted')
    throw conflict(
      'rule-not-adopted',
      rule.status === 'draft'
        ? 'Ce projet n’est pas encore adopté : modifiez-le directement.'
        : 'Cette version a déjà été remplacée : partez de la version en vigueur.',
    )
  checkRule(rule.year, body.referenceOn, body)
  const { id } = await auditedChange(
    db,
    author,
    async (trx) => {
      const created = await q.insertRevision(
        trx,
        rule,
        {
          ...criteriaOf(body),
          referenceOn: body.referenceOn,
          deliberation: body.deliberation,
          reason: body.reason,
        },
        author.actorId,
      )
      if (!created) throw conflict('rule-not-adopted', 'Cette version a déjà été remplacée.')
      return created
    },
    () => ({
      action: 'contributions.reviseRule',
      target: { type: 'contribution-rule', id: ruleId },
      details: {
        year: rule.year,
        version: rule.version + 1,
        deliberation: body.deliberation.reference,
        reason: body.reason,
      },
    }),
  )
  return id
}

function applyRule(rule: q.RuleRow, counts: q.CountsRow[]) {
  try {
    return computeContributions(rule.year, toRule(rule), counts)
  } catch (error) {
    if (error instanceof ContributionRuleError) throw invalid(error.message)
    throw error
  }
}

function lineOf(
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

async function previousYear(db: Db, year: number) {
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

/** The call for funds exists for the adopted, computed version of a year only. */
export async function readCallForFunds(db: Db, ruleId: string): Promise<LinesResponse> {
  const rule = await ruleOrNotFound(db, ruleId)
  if (rule.status !== 'adopted')
    throw conflict(
      'rule-not-adopted',
      rule.status === 'draft'
        ? `L’appel de fonds n’existe que pour une règle adoptée : celle de ${rule.year} est encore un projet.`
        : 'Cette version a été remplacée : l’appel de fonds est celui de la version en vigueur.',
    )
  return readComputation(db, ruleId)
}

/**
 * A member's own calls for funds, as its collectivity's agents read them: each adopted, computed year
 * with the member's line alone (amount, breakdown, frozen counts), newest first. `readable` is what the
 * actor may read (null: every member); another member answers 404, as on the members' pages.
 */
export async function readMemberCalls(
  db: Db,
  readable: string[] | null,
  memberId: string,
): Promise<LinesResponse[]> {
  if (readable && !readable.includes(memberId)) throw notFound(MEMBER_NOT_FOUND)
  const ruleIds = await q.findMemberCallRuleIds(db, memberId)
  return Promise.all(ruleIds.map((ruleId) => memberCall(db, ruleId, memberId)))
}

/** One year's call for funds of one member (its notice), 404 when it has none or is not readable. */
export async function readMemberCall(
  db: Db,
  readable: string[] | null,
  ruleId: string,
  memberId: string,
): Promise<LinesResponse> {
  if (readable && !readable.includes(memberId)) throw notFound(MEMBER_NOT_FOUND)
  const rule = await ruleOrNotFound(db, ruleId)
  if (rule.status !== 'adopted') throw notFound(NO_CALL)
  return memberCall(db, ruleId, memberId)
}

async function memberCall(db: Db, ruleId: string, memberId: string): Promise<LinesResponse> {
  const rule = await ruleOrNotFound(db, ruleId)
  if (!rule.snapshotId || rule.totalCents === null) throw notFound(NO_CALL)
  const rows = await q.findLines(db, ruleId, rule.snapshotId, memberId)
  if (rows.length === 0) throw notFound(NO_CALL)
  const { previous, previousYear: year } = await previousYear(db, rule.year)
  const own = new Map([...previous].filter(([id]) => id === memberId))
  // Nothing of the other members: neither their lines nor the year's total.
  return {
    rule: { ...toRule(rule), computation: null },
    totalCents: rows[0]!.amountCents,
    previousYear: year,
    previousTotalCents: own.get(memberId) ?? null,
    lines: rows.map((row) => lineOf(row, row.breakdown as BreakdownItem[], row, own)),
  }
}

const MEMBER_NOT_FOUND = 'Membre introuvable.'
const NO_CALL = 'Ce membre n’a pas d’appel de contribution pour cette année.'
