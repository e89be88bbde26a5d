import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  ContributionsObjection,
  OpenSchoolYearBody,
  OpenSchoolYearResponse,
  RolloverPreview,
  RolloverQuery,
} from '../../../contract/school-years.ts'
import { actorOf } from '../../plugins/policy/index.ts'
import { auditAuthorOf, auditedChange, recordAudit } from '../audit/index.ts'
import { auditOf } from './audit.ts'
import { findObjection, setObjection } from './deletions.queries.ts'
import { openNextSchoolYear, previewRollover } from './service.ts'

const tags = ['annees-scolaires']

/** The rollover in the syndicate console, and a person's objection on their own account. */
export async function schoolYearsRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/admin/school-years/rollover',
    {
      config: { policy: 'schoolYears.previewRollover', largeAnswer: true },
      schema: {
        tags,
        summary: 'Ce que fera l’ouverture de l’année suivante (classes archivées, données supprimées)',
        querystring: RolloverQuery,
        response: { 200: RolloverPreview },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const preview = await previewRollover(app.db, new Date(), request.query)
      // The page names people: an administrator's read of personal data is audited.
      await recordAudit(request, {
        action: 'read:rollover-deletions',
        details: { firstPage: request.query.after === undefined, people: preview.deletions.length },
      })
      return {
        ...preview,
        allowedActions: app.allowedActions(actor, ['schoolYears.openNextYear']),
      }
    },
  )

  routes.post(
    '/api/admin/school-years/rollover',
    {
      config: { policy: 'schoolYears.openNextYear' },
      schema: {
        tags,
        summary: 'Ouvrir l’année scolaire suivante (le libellé confirme le choix)',
        body: OpenSchoolYearBody,
        response: { 201: OpenSchoolYearResponse },
      },
    },
    async (request, reply) => {
      const result = await openNextSchoolYear(app.db, new Date(), request.body.label, auditOf(request))
      return reply.code(201).send(result)
    },
  )

  routes.get(
    '/api/me/contributions-objection',
    {
      config: { policy: 'schoolYears.objectToKeepingContributions' },
      schema: {
        tags,
        summary: 'Mon choix : garder ou non mes contributions quand mon compte sera supprimé',
        response: { 200: ContributionsObjection },
      },
    },
    async (request) => ({ objectedAt: await findObjection(app.db, actorOf(request).userId) }),
  )

  routes.put(
    '/api/me/contributions-objection',
    {
      config: { policy: 'schoolYears.objectToKeepingContributions' },
      schema: {
        tags,
        summary: 'M’opposer à la conservation de mes contributions après mon départ',
        response: { 200: ContributionsObjection },
      },
    },
    async (request) => {
      const { userId } = actorOf(request)
      // Recorded when the choice changes, in the same transaction as the change.
      const { objectedAt } = await auditedChange(
        app.db,
        auditAuthorOf(request),
        async (trx) => ({
          before: await findObjection(trx, userId),
          objectedAt: await setObjection(trx, userId, new Date()),
        }),
        (result) =>
          result.before
            ? null
            : { action: 'schoolYears.objectToKeepingContributions', target: { type: 'user', id: userId } },
      )
      return { objectedAt }
    },
  )

  routes.delete(
    '/api/me/contributions-objection',
    {
      config: { policy: 'schoolYears.objectToKeepingContributions' },
      schema: {
        tags,
        summary: 'Retirer mon opposition : mes contributions seront gardées sous un auteur anonyme',
        response: { 200: ContributionsObjection },
      },
    },
    async (request) => {
      const { userId } = actorOf(request)
      await auditedChange(
        app.db,
        auditAuthorOf(request),
        async (trx) => {
          const before = await findObjection(trx, userId)
          await setObjection(trx, userId, null)
          return before
        },
        (before) =>
          before ? { action: 'schoolYears.withdrawObjection', target: { type: 'user', id: userId } } : null,
      )
      return { objectedAt: null }
    },
  )
}
