import type { LinesResponse } from '../../../contract/contributions.ts'
import type { Db } from '../../db/connection.ts'
import { notFound } from '../../plugins/errors.ts'
import { lineOf, previousYear, readComputation } from './computation.service.ts'
import type { BreakdownItem } from './compute.ts'
import * as q from './queries.ts'
import { conflict, ruleOrNotFound, toRule } from './rule-view.ts'

// The calls for funds: the syndicate's (every member's line of the adopted, computed version) and each
// member's own (its line alone, nothing of the others), as its collectivity's agents read them.

const MEMBER_NOT_FOUND = 'Membre introuvable.'
const NO_CALL = 'Ce membre n’a pas d’appel de contribution pour cette année.'

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
