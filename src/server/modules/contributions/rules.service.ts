import type { AdoptionBody, Criteria, RevisionBody, Rule, RuleBody } from '../../../contract/contributions.ts'
import type { Db } from '../../db/connection.ts'
import { isUniqueViolation } from '../../plugins/errors.ts'
import { type AuditAuthor, auditedChange } from '../audit/index.ts'
import { criteriaProblems } from './compute.ts'
import * as q from './queries.ts'
import { conflict, invalid, ruleOrNotFound, toRule } from './rule-view.ts'

// A year's rule through its life: drafted and edited freely, adopted with its deliberation (then frozen),
// revised as a new version that supersedes it. Each change audited with the change.

export async function listRules(db: Db): Promise<Rule[]> {
  return (await q.findRules(db)).map(toRule)
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
