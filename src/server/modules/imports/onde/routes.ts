import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Transaction } from 'kysely'
import { z } from 'zod'
import {
  AccountDuplicateDecisionBody,
  AccountDuplicatesList,
  ApplyImportBody,
  ImportAnomaliesPage,
  ImportAnomaliesQuery,
  ImportDecisionsBody,
  ImportFileKind,
  ImportReport,
  ImportRunParams,
  ImportRunsList,
} from '../../../../contract/imports.ts'
import type { Database } from '../../../db/schema.ts'
import { HttpProblem } from '../../../plugins/errors.ts'
import { actorOf } from '../../../plugins/policy/index.ts'
import { recordAudit } from '../../audit/index.ts'
import { formatBytes, isImportFileError } from '../parsing/errors.ts'
import { decideAccountDuplicate, listAccountDuplicates } from './account-duplicates.ts'
import { listImportAnomalies, listImportRuns } from './runs.queries.ts'
import {
  applyImportRun,
  createImportRun,
  decideDuplicates,
  discardImportRun,
  type ImportSettings,
  planAndReport,
  readImportReport,
} from './service.ts'
import type { StagedFileInput } from './staging.ts'

const tags = ['import']
const config = { policy: 'imports.importPeople', scope: 'school' } as const
const SchoolParams = z.object({ schoolId: z.string() })
const AppliedReport = ImportReport.extend({ newAccounts: z.number().int() })

function settingsOf(app: FastifyInstance): ImportSettings {
  return {
    graceDays: app.config.importGraceDays,
    codeDays: app.config.activationCodeDays,
    maxBytes: app.config.importMaxBytes,
    missingConfirmPercent: app.config.importMissingConfirmPercent,
    queueMail: (message, trx) => app.mail.queue(message, { transaction: trx as Transaction<Database> }),
  }
}

/** The words reading uses for a file over the limit, when the upload stops first. */
const tooLarge = (file: string, maxBytes: number) =>
  new HttpProblem(
    400,
    'file-too-large',
    `« ${file} » est trop volumineux : il dépasse la limite de ${formatBytes(maxBytes)}. Vérifiez qu’il s’agit bien du fichier attendu.`,
    { file },
  )

/** The uploaded files, in the order they arrive, each streamed into the run as it is read. */
async function* uploadedFiles(
  request: FastifyRequest,
  schoolId: string,
  current: { name: string },
  maxBytes: number,
): AsyncGenerator<StagedFileInput> {
  for await (const part of request.files()) {
    current.name = part.filename
    const kind = ImportFileKind.safeParse(part.fieldname)
    if (!kind.success) {
      part.file.resume()
      throw new HttpProblem(
        400,
        'unknown-file-slot',
        `Fichier « ${part.filename} » déposé au mauvais endroit : les fichiers attendus sont ceux des élèves, des responsables et des enseignants.`,
      )
    }
    yield {
      name: part.filename || `${kind.data}.csv`,
      schoolId,
      uai: null,
      kind: kind.data,
      source: part.file,
    }
    if (part.file.truncated) throw tooLarge(part.filename, maxBytes)
  }
}

/**
 * The ONDE import of a school: upload (dry run), report and anomalies, decisions on possible duplicates,
 * apply, discard, and the school's latest runs.
 */
export async function ondeImportRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: { files: 3, fileSize: app.config.importMaxBytes, fields: 0, parts: 3 },
  })
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const base = '/api/schools/:schoolId/imports'

  routes.get(
    base,
    {
      config,
      schema: {
        tags,
        summary: 'Les derniers imports de l’école',
        params: SchoolParams,
        response: { 200: ImportRunsList },
      },
    },
    async (request) => ({ items: await listImportRuns(app.db, request.params.schoolId) }),
  )

  routes.post(
    base,
    {
      config,
      schema: {
        tags,
        summary:
          'Déposer les fichiers ONDE (élèves, responsables) et enseignants : simulation, rien ne change',
        description:
          'Corps multipart/form-data : un fichier par champ `pupils`, `guardians`, `teachers` (au moins un). La réponse est le rapport de simulation.',
        consumes: ['multipart/form-data'],
        params: SchoolParams,
        response: { 201: ImportReport },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new HttpProblem(
          400,
          'no-file',
          'Déposez au moins un fichier : élèves, responsables ou enseignants.',
        )
      }
      const { schoolId } = request.params
      const current = { name: '' }
      try {
        const report = await createImportRun(app.db, settingsOf(app), {
          schoolId,
          actorId: actorOf(request).userId,
          files: uploadedFiles(request, schoolId, current, app.config.importMaxBytes),
        })
        return reply.code(201).send(report)
      } catch (error) {
        if (isImportFileError(error)) {
          throw new HttpProblem(400, error.code, error.message, { file: error.file, line: error.line })
        }
        // Should the upload stop at its own limit before reading does, the same words name the file.
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw tooLarge(current.name, app.config.importMaxBytes)
        }
        throw error
      }
    },
  )

  routes.get(
    `${base}/:runId`,
    {
      config: { ...config, largeAnswer: true },
      schema: {
        tags,
        summary: 'Le rapport d’un import',
        params: ImportRunParams,
        response: { 200: ImportReport },
      },
    },
    async (request) => {
      return readImportReport(app.db, settingsOf(app), request.params.runId, request.params.schoolId)
    },
  )

  routes.get(
    `${base}/:runId/anomalies`,
    {
      config: { ...config, largeAnswer: true },
      schema: {
        tags,
        summary: 'Les anomalies d’un import, avec fichier et ligne, par page',
        params: ImportRunParams,
        querystring: ImportAnomaliesQuery,
        response: { 200: ImportAnomaliesPage },
      },
    },
    async (request) => {
      const { runId, schoolId } = request.params
      const page = await listImportAnomalies(app.db, runId, schoolId, request.query)
      // Anomalies quote names of pupils and parents: reading them is an administrator's read of personal data.
      await recordAudit(request, {
        action: 'read:import-anomalies',
        schoolId,
        target: { type: 'import', id: runId },
      })
      return page
    },
  )

  routes.put(
    `${base}/:runId/decisions`,
    {
      config,
      schema: {
        tags,
        summary: 'Décider des doublons possibles (même personne ou personnes distinctes)',
        params: ImportRunParams,
        body: ImportDecisionsBody,
        response: { 200: ImportReport },
      },
    },
    async (request) => {
      const { runId, schoolId } = request.params
      return decideDuplicates(app.db, settingsOf(app), runId, schoolId, request.body.decisions)
    },
  )

  routes.get(
    `${base}/:runId/account-duplicates`,
    {
      config,
      schema: {
        tags,
        summary: 'Les doublons possibles avec des comptes d’autres écoles, côte à côte',
        description:
          'Pour chaque personne des fichiers qui n’a que ses nom et prénom en commun avec un compte d’une autre école : les deux, avec leurs écoles, les enfants (prénom, niveau) ou les classes, et les coordonnées masquées. Lecture tracée.',
        params: ImportRunParams,
        response: { 200: AccountDuplicatesList },
      },
    },
    async (request) => {
      const { runId, schoolId } = request.params
      return listAccountDuplicates(request, runId, schoolId)
    },
  )

  routes.post(
    `${base}/:runId/account-duplicates/decisions`,
    {
      config,
      schema: {
        tags,
        summary: 'Décider d’un doublon possible : même personne, ou deux personnes',
        description:
          '`same` : la personne rejoint le compte de l’autre école à l’application (aucun compte créé, un e-mail la prévient) ; `distinct` : un nouveau compte, et les imports suivants de l’école ne demandent plus. Une décision par paire : la redemander répond 409 `already-decided`.',
        params: ImportRunParams,
        body: AccountDuplicateDecisionBody,
        response: { 200: ImportReport },
      },
    },
    async (request) => {
      const { runId, schoolId } = request.params
      return decideAccountDuplicate(request, runId, schoolId, request.body, () =>
        planAndReport(app.db, settingsOf(app), runId),
      )
    },
  )

  routes.post(
    `${base}/:runId/apply`,
    {
      config,
      schema: {
        tags,
        summary: 'Appliquer l’import : tout ou rien, en une transaction',
        description:
          'Quand le rapport donne `missingToConfirm` (l’import marquerait absente une grande part d’une école), `confirmMissing` doit répéter ce nombre ; sinon 409 `confirm-missing`. Un import dont les fichiers ont été perdus répond 409 `import-lost`.',
        params: ImportRunParams,
        body: ApplyImportBody.nullish(),
        response: { 200: AppliedReport },
      },
    },
    async (request) => {
      const { runId, schoolId } = request.params
      return applyImportRun(app.db, settingsOf(app), runId, schoolId, actorOf(request).userId, {
        confirmMissing: request.body?.confirmMissing,
      })
    },
  )

  routes.delete(
    `${base}/:runId`,
    { config, schema: { tags, summary: 'Abandonner un import non appliqué', params: ImportRunParams } },
    async (request, reply) => {
      const { runId, schoolId } = request.params
      await discardImportRun(app.db, runId, schoolId)
      return reply.code(204).send()
    },
  )
}
