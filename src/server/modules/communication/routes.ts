import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  type Audience,
  CommunicationRuleBody,
  CommunicationRulesResponse,
  CreatedRuleResponse,
  RuleParams,
  type RuleWarningCode,
  ruleWarnings,
} from '../../../contract/communication.ts'
import { SchoolParams } from '../../../contract/portal.ts'
import { fieldProblem, notFound } from '../../plugins/errors.ts'
import { actorOf, schoolScopeOf } from '../../plugins/policy/index.ts'
import { isUuid } from '../../plugins/tenancy.ts'
import { recordAudit } from '../audit/index.ts'
import { countOwnAudiences, deleteRule, findGroupHolds, findRules, insertRule } from './queries.ts'

const tags = ['communication']
const RULE_ACTIONS = ['communication.manageRules'] as const

const WARNING_DETAILS: Record<RuleWarningCode, string> = {
  'parents-reach-other-children':
    'Avec cette règle, des parents pourront voir dans l’annuaire et écrire à des élèves qui ne sont pas ' +
    'leurs enfants.',
}

export async function communicationRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/schools/:schoolId/communication-rules',
    {
      config: { policy: 'communication.viewRules', scope: 'school' },
      schema: {
        tags,
        summary: 'Les règles de communication propres à l’école',
        params: SchoolParams,
        response: { 200: CommunicationRulesResponse },
      },
    },
    async (request) => {
      const rules = await findRules(schoolScopeOf(request))
      return {
        rules: rules.map((rule) => ({ ...rule, note: rule.note ?? undefined })),
        allowedActions: app.allowedActions(actorOf(request), RULE_ACTIONS, request.school),
      }
    },
  )

  routes.post(
    '/api/schools/:schoolId/communication-rules',
    {
      config: { policy: 'communication.manageRules', scope: 'school' },
      schema: {
        tags,
        summary: 'Élargir ou restreindre la communication entre deux publics de l’école',
        params: SchoolParams,
        body: CommunicationRuleBody,
        response: { 201: CreatedRuleResponse },
      },
    },
    async (request, reply) => {
      const scope = schoolScopeOf(request)
      const { source, target } = request.body
      const classIds = [source, target].flatMap((a: Audience) => (a.kind === 'class' ? [a.classId] : []))
      const groupIds = [source, target].flatMap((a: Audience) => (a.kind === 'group' ? [a.groupId] : []))
      const found = await countOwnAudiences(scope, [...new Set(classIds)], [...new Set(groupIds)])
      if (found.classes !== new Set(classIds).size)
        throw fieldProblem('source', 'Cette classe n’existe pas dans l’école.')
      if (found.groups !== new Set(groupIds).size)
        throw fieldProblem('source', 'Ce groupe n’existe pas dans l’école.')
      const holds = await findGroupHolds(scope, [...new Set(groupIds)])
      const warnings = ruleWarnings(request.body, (groupId) => holds.get(groupId)).map((code) => ({
        code,
        detail: WARNING_DETAILS[code],
      }))
      const { id } = await insertRule(scope, request.body, actorOf(request).userId)
      await recordAudit(request, {
        action: 'communication.addRule',
        schoolId: scope.schoolId,
        target: { type: 'communication-rule', id },
        details: request.body,
      })
      return reply.code(201).send({ id, warnings })
    },
  )

  routes.delete(
    '/api/schools/:schoolId/communication-rules/:ruleId',
    {
      config: { policy: 'communication.manageRules', scope: 'school' },
      schema: { tags, summary: 'Supprimer une règle', params: RuleParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const scope = schoolScopeOf(request)
      const { ruleId } = request.params
      if (!isUuid(ruleId) || !(await deleteRule(scope, ruleId))) throw notFound('Règle introuvable.')
      await recordAudit(request, {
        action: 'communication.removeRule',
        schoolId: scope.schoolId,
        target: { type: 'communication-rule', id: ruleId },
      })
      return reply.code(204).send(null)
    },
  )
}
