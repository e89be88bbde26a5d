import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  AdoptionBody,
  LinesResponse,
  MemberCallsResponse,
  RevisionBody,
  RuleBody,
  RuleMemberParams,
  RuleParams,
  RulesResponse,
} from '../../../contract/contributions.ts'
import { MemberParams } from '../../../contract/members.ts'
import { notFound } from '../../plugins/errors.ts'
import { actorOf } from '../../plugins/policy/index.ts'
import { auditAuthorOf, writeAudit } from '../audit/index.ts'
import { readDeployment } from '../deployment/index.ts'
import { readableMemberIds } from '../members/index.ts'
import { callsCsv, renderNotice } from './documents.ts'
import * as service from './service.ts'

const tags = ['contributions']
const Created = z.object({ id: z.uuid() })
const policy = 'contributions.manage' as const

/** The finance officer's API: rules by year, simulation, adoption, versions, computation, call for funds. */
export async function contributionsRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/contributions/rules',
    {
      config: { policy },
      schema: {
        tags,
        summary: 'Les règles de contribution, par année et version',
        response: { 200: RulesResponse },
      },
    },
    async () => ({ rules: await service.listRules(app.db) }),
  )

  routes.post(
    '/api/contributions/rules',
    {
      config: { policy },
      schema: {
        tags,
        summary: 'Préparer la règle d’une année (projet)',
        body: RuleBody,
        response: { 201: Created },
      },
    },
    async (request, reply) =>
      reply.code(201).send({ id: await service.createRule(app.db, auditAuthorOf(request), request.body) }),
  )

  routes.put(
    '/api/contributions/rules/:ruleId',
    {
      config: { policy },
      schema: { tags, summary: 'Modifier un projet de règle', params: RuleParams, body: RuleBody },
    },
    async (request, reply) => {
      await service.editDraft(app.db, auditAuthorOf(request), request.params.ruleId, request.body)
      return reply.code(204).send()
    },
  )

  routes.delete(
    '/api/contributions/rules/:ruleId',
    { config: { policy }, schema: { tags, summary: 'Supprimer un projet de règle', params: RuleParams } },
    async (request, reply) => {
      await service.deleteDraft(app.db, auditAuthorOf(request), request.params.ruleId)
      return reply.code(204).send()
    },
  )

  routes.get(
    '/api/contributions/rules/:ruleId/simulation',
    {
      config: { policy },
      schema: {
        tags,
        summary: 'Simuler la règle sur les effectifs actuels, à côté des montants de l’année précédente',
        params: RuleParams,
        response: { 200: LinesResponse },
      },
    },
    (request) => service.simulate(app.db, request.params.ruleId),
  )

  routes.post(
    '/api/contributions/rules/:ruleId/adoption',
    {
      config: { policy },
      schema: {
        tags,
        summary: 'Adopter le projet, avec la délibération qui l’a fixé',
        params: RuleParams,
        body: AdoptionBody,
      },
    },
    async (request, reply) => {
      await service.adoptRule(app.db, auditAuthorOf(request), request.params.ruleId, request.body)
      return reply.code(204).send()
    },
  )

  routes.post(
    '/api/contributions/rules/:ruleId/versions',
    {
      config: { policy },
      schema: {
        tags,
        summary:
          'Remplacer une règle adoptée par une nouvelle version (l’ancienne est gardée, avec la raison)',
        params: RuleParams,
        body: RevisionBody,
        response: { 201: Created },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        id: await service.reviseRule(app.db, auditAuthorOf(request), request.params.ruleId, request.body),
      }),
  )

  routes.post(
    '/api/contributions/rules/:ruleId/computation',
    {
      config: { policy },
      schema: {
        tags,
        summary: 'Calculer les contributions sur les effectifs figés à la date de référence',
        params: RuleParams,
      },
    },
    async (request, reply) => {
      await service.compute(app.db, auditAuthorOf(request), request.params.ruleId)
      return reply.code(204).send()
    },
  )

  routes.get(
    '/api/contributions/rules/:ruleId/computation',
    {
      config: { policy },
      schema: {
        tags,
        summary: 'Le détail par membre du calcul',
        params: RuleParams,
        response: { 200: LinesResponse },
      },
    },
    (request) => service.readComputation(app.db, request.params.ruleId),
  )

  routes.get(
    '/api/contributions/rules/:ruleId/call-for-funds.csv',
    {
      config: { policy },
      schema: {
        tags,
        summary: 'L’appel de fonds pour le logiciel comptable (CSV, colonnes dans ARCHITECTURE.md)',
        params: RuleParams,
      },
    },
    async (request, reply) => {
      const call = await service.readCallForFunds(app.db, request.params.ruleId)
      await recordExport(request, call, 'csv')
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="appel-de-fonds-${call.rule.year}-v${call.rule.version}.csv"`,
        )
        .send(callsCsv(call))
    },
  )

  routes.get(
    '/api/contributions/rules/:ruleId/members/:memberId/notice.pdf',
    {
      config: { policy },
      schema: { tags, summary: 'L’avis d’appel de contribution d’un membre (PDF)', params: RuleMemberParams },
    },
    async (request, reply) => {
      const call = await service.readCallForFunds(app.db, request.params.ruleId)
      const line = call.lines.find((candidate) => candidate.memberId === request.params.memberId)
      if (!line) throw notFound('Ce membre n’a pas de contribution pour cette année.')
      const { identity } = await readDeployment(app.db)
      const pdf = await renderNotice(identity, call, line)
      await recordExport(request, call, 'pdf', line.memberId)
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="appel-contribution-${call.rule.year}-${line.siren}.pdf"`,
        )
        .send(pdf)
    },
  )

  routes.get(
    '/api/contributions/members/:memberId',
    {
      config: { policy: 'contributions.readOwn' },
      schema: {
        tags,
        summary: 'Les appels de contribution d’un membre, année par année (le sien pour une collectivité)',
        params: MemberParams,
        response: { 200: MemberCallsResponse },
      },
    },
    async (request) => ({
      calls: await service.readMemberCalls(
        app.db,
        await readableMemberIds(app.db, actorOf(request)),
        request.params.memberId,
      ),
    }),
  )

  routes.get(
    '/api/contributions/members/:memberId/rules/:ruleId/notice.pdf',
    {
      config: { policy: 'contributions.readOwn' },
      schema: {
        tags,
        summary: 'L’avis d’appel de contribution d’un membre (PDF), pour la collectivité elle-même',
        params: RuleMemberParams,
      },
    },
    async (request, reply) => {
      const { memberId, ruleId } = request.params
      const readable = await readableMemberIds(app.db, actorOf(request))
      const call = await service.readMemberCall(app.db, readable, ruleId, memberId)
      const { identity } = await readDeployment(app.db)
      const pdf = await renderNotice(identity, call, call.lines[0]!)
      await recordExport(request, call, 'pdf', memberId)
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="appel-contribution-${call.rule.year}-${call.lines[0]!.siren}.pdf"`,
        )
        .send(pdf)
    },
  )

  async function recordExport(
    request: Parameters<typeof auditAuthorOf>[0],
    call: LinesResponse,
    format: 'csv' | 'pdf',
    memberId?: string,
  ): Promise<void> {
    await writeAudit(app.db, auditAuthorOf(request), {
      action: 'contributions.exportCalls',
      target: memberId
        ? { type: 'collectivity', id: memberId }
        : { type: 'contribution-rule', id: call.rule.id },
      details: { year: call.rule.year, format },
    })
  }
}
