import {
  type Audience,
  type CommunicationRuleBody,
  type RuleWarningCode,
  ruleWarnings,
} from '../../../contract/communication.ts'
import { fieldProblem, notFound } from '../../plugins/errors.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'
import { type AuditAuthor, auditedSchoolChange } from '../audit/index.ts'
import { countOwnAudiences, deleteRule, findGroupHolds, insertRule } from './queries.ts'

const WARNING_DETAILS: Record<RuleWarningCode, string> = {
  'parents-reach-other-children':
    'Avec cette règle, des parents pourront voir dans l’annuaire et écrire à des élèves qui ne sont pas ' +
    'leurs enfants.',
}

/**
 * A rule of the director between two audiences of the school (its classes and groups only), written with
 * its audit entry in one transaction. Returned with its warnings: a rule that lets parents reach other
 * families' children is saved (the director may mean it) but said aloud.
 */
export async function addRule(
  scope: SchoolScope,
  author: AuditAuthor & { actorId: string },
  rule: CommunicationRuleBody,
): Promise<{ id: string; warnings: { code: RuleWarningCode; detail: string }[] }> {
  const audiences: Audience[] = [rule.source, rule.target]
  const classIds = [...new Set(audiences.flatMap((a) => (a.kind === 'class' ? [a.classId] : [])))]
  const groupIds = [...new Set(audiences.flatMap((a) => (a.kind === 'group' ? [a.groupId] : [])))]
  const found = await countOwnAudiences(scope, classIds, groupIds)
  if (found.classes !== classIds.length)
    throw fieldProblem('source', 'Cette classe n’existe pas dans l’école.')
  if (found.groups !== groupIds.length) throw fieldProblem('source', 'Ce groupe n’existe pas dans l’école.')
  const holds = await findGroupHolds(scope, groupIds)
  const warnings = ruleWarnings(rule, (groupId) => holds.get(groupId)).map((code) => ({
    code,
    detail: WARNING_DETAILS[code],
  }))
  const { id } = await auditedSchoolChange(
    scope,
    author,
    (inner) => insertRule(inner, rule, author.actorId),
    ({ id }) => ({
      action: 'communication.addRule',
      schoolId: scope.schoolId,
      target: { type: 'communication-rule', id },
      details: rule,
    }),
  )
  return { id, warnings }
}

export async function removeRule(scope: SchoolScope, author: AuditAuthor, ruleId: string): Promise<void> {
  await auditedSchoolChange(
    scope,
    author,
    async (inner) => {
      if (!(await deleteRule(inner, ruleId))) throw notFound('Règle introuvable.')
    },
    () => ({
      action: 'communication.removeRule',
      schoolId: scope.schoolId,
      target: { type: 'communication-rule', id: ruleId },
    }),
  )
}
