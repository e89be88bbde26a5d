import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  ActivityParams,
  DataExportResponse,
  ExportParams,
  ProcessingActivity,
  ProcessingActivityBody,
  RegisterResponse,
  RetentionPreview,
} from '../../../contract/data-protection.ts'
import { notFound } from '../../plugins/errors.ts'
import { actorOf } from '../../plugins/policy/index.ts'
import { auditAuthorOf } from '../audit/index.ts'
import { findExport, latestExport } from './export.queries.ts'
import { listActivities } from './register.queries.ts'
import { addActivity, editActivity, previewRetention, removeActivity, requestExport } from './service.ts'

const tags = ['protection des données']

type ExportRow = NonNullable<Awaited<ReturnType<typeof latestExport>>>
const exportOf = (row: ExportRow | undefined) =>
  row
    ? {
        id: row.id,
        status: row.status,
        progress: row.progress,
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
      }
    : null

/** The register of processing activities, « Mes données », the retention jobs' dry run. */
export async function dataProtectionRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/data-protection/register',
    {
      // Public: the register says what the ENT does with whose data, for anyone to read.
      config: { public: true },
      schema: {
        tags,
        summary: 'Le registre des activités de traitement',
        response: { 200: RegisterResponse },
      },
    },
    async (request) => ({
      activities: await listActivities(app.db),
      allowedActions: app.allowedActions(request.actor ?? null, ['dataProtection.editRegister']),
    }),
  )

  routes.post(
    '/api/data-protection/register',
    {
      config: { policy: 'dataProtection.editRegister' },
      schema: {
        tags,
        summary: 'Ajouter un traitement au registre',
        body: ProcessingActivityBody,
        response: { 201: ProcessingActivity },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addActivity(app.db, auditAuthorOf(request), request.body)),
  )

  routes.put(
    '/api/data-protection/register/:activityId',
    {
      config: { policy: 'dataProtection.editRegister' },
      schema: {
        tags,
        summary: 'Modifier un traitement du registre',
        params: ActivityParams,
        body: ProcessingActivityBody,
        response: { 200: ProcessingActivity },
      },
    },
    (request) => editActivity(app.db, auditAuthorOf(request), request.params.activityId, request.body),
  )

  routes.delete(
    '/api/data-protection/register/:activityId',
    {
      config: { policy: 'dataProtection.editRegister' },
      schema: { tags, summary: 'Retirer un traitement du registre', params: ActivityParams },
    },
    async (request, reply) => {
      await removeActivity(app.db, auditAuthorOf(request), request.params.activityId)
      return reply.code(204).send()
    },
  )

  routes.get(
    '/api/admin/data-protection/retention',
    {
      config: { policy: 'dataProtection.previewRetention' },
      schema: {
        tags,
        summary: 'Ce que les purges de cette nuit supprimeraient (simulation, rien ne change)',
        response: { 200: RetentionPreview },
      },
    },
    () => previewRetention(app.db, new Date()),
  )

  routes.get(
    '/api/me/data-export',
    {
      config: { policy: 'dataProtection.exportMyData' },
      schema: {
        tags,
        summary: 'Ma dernière archive « Mes données » et son avancement',
        response: { 200: DataExportResponse },
      },
    },
    async (request) => ({ export: exportOf(await latestExport(app.db, actorOf(request).userId)) }),
  )

  routes.post(
    '/api/me/data-export',
    {
      config: { policy: 'dataProtection.exportMyData' },
      schema: {
        tags,
        summary: 'Préparer une archive de toutes mes données',
        response: { 202: DataExportResponse },
      },
    },
    async (request, reply) =>
      reply.code(202).send({ export: exportOf(await requestExport(app, actorOf(request).userId)) }),
  )

  routes.get(
    '/api/me/data-export/:exportId/download',
    {
      config: { policy: 'dataProtection.exportMyData' },
      schema: { tags, summary: 'Télécharger mon archive', params: ExportParams },
    },
    async (request, reply) => {
      const row = await findExport(app.db, actorOf(request).userId, request.params.exportId)
      if (row?.status !== 'ready' || !row.blobId || (row.expiresAt && row.expiresAt < new Date())) {
        throw notFound('Archive introuvable : elle a peut-être expiré. Demandez-en une nouvelle.')
      }
      reply.header('cache-control', 'private, no-store')
      return app.blobs.send(request, reply, row.blobId, { fileName: 'mes-donnees-preau.zip' })
    },
  )
}
