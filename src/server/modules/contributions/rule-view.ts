import type { Rule } from '../../../contract/contributions.ts'
import type { Db } from '../../db/connection.ts'
import { HttpProblem, notFound } from '../../plugins/errors.ts'
import { findRule, type RuleRow } from './queries.ts'

// What every service of the module starts from: a rule found (else 404), answered as the contract's `Rule`,
// and the two kinds of refusal they share.

const RULE_NOT_FOUND = 'Règle de contribution introuvable.'
export const invalid = (detail: string) => new HttpProblem(400, 'validation', detail)
export const conflict = (code: string, detail: string) => new HttpProblem(409, code, detail)

export function toRule(row: RuleRow): Rule {
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

export async function ruleOrNotFound(db: Db, ruleId: string): Promise<RuleRow> {
  const rule = await findRule(db, ruleId)
  if (!rule) throw notFound(RULE_NOT_FOUND)
  return rule
}
