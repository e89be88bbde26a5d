import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  CommunicationRuleBody,
  CommunicationRulesResponse,
  CreatedRuleResponse,
  RuleParams,
} from '../../../contract/communication.ts'
import { SchoolParams } from '../../../contract/portal.ts'
import { actorOf, schoolScopeOf } from '../../plugins/policy/index.ts'
import { auditAuthorOf } from '../audit/index.ts'
import { findRules } from './queries.ts'
import { addRule, removeRule } from './rules.service.ts'

const tags = ['communication']
const RULE_ACTIONS = ['communication.manageRules'] as const

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
      const author = { ...auditAuthorOf(request), actorId: actorOf(request).userId }
      const created = await addRule(schoolScopeOf(request), author, request.body)
      app.reach.forgetSchool(request.params.schoolId)
      return reply.code(201).send(created)
    },
  )

  routes.delete(
    '/api/schools/:schoolId/communication-rules/:ruleId',
    {
      config: { policy: 'communication.manageRules', scope: 'school' },
      schema: { tags, summary: 'Supprimer une règle', params: RuleParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await removeRule(schoolScopeOf(request), auditAuthorOf(request), request.params.ruleId)
      app.reach.forgetSchool(request.params.schoolId)
      return reply.code(204).send(null)
    },
  )
}
