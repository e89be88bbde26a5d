import type { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  SCHOOL_DIRECTORY_CONTENT_TYPES,
  SCHOOL_DIRECTORY_MAX_BYTES,
  SchoolDirectoryImportParams,
  SchoolDirectoryImportQuery,
  SchoolDirectoryReport,
} from '../../../../contract/school-directory.ts'
import { HttpProblem, notFound } from '../../../plugins/errors.ts'
import { collectivityAccessOf } from '../../../plugins/policy/index.ts'
import { recordAudit } from '../../audit/index.ts'
import { formatBytes } from '../parsing/errors.ts'
import { SchoolDirectoryInputError } from './errors.ts'
import { findImportCollectivity } from './queries.ts'
import { importSchoolDirectory } from './service.ts'

const tags = ['syndicat']

/**
 * `POST /api/collectivities/:collectivityId/school-directory-imports`: the directory file is the raw
 * request body (no multipart: the file is read as it arrives, never buffered whole).
 */
export async function schoolDirectoryRoutes(app: FastifyInstance): Promise<void> {
  // This plugin is encapsulated: its body parsers concern its own route only. JSON is not one of them.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser([...SCHOOL_DIRECTORY_CONTENT_TYPES], (_request, payload, done) => {
    done(null, payload)
  })
  app.addContentTypeParser('*', (_request, _payload, done) => {
    done(
      new HttpProblem(
        415,
        'unsupported-media-type',
        'Envoyez le fichier de l’annuaire tel quel, en text/csv ou application/octet-stream.',
      ),
    )
  })

  const routes = app.withTypeProvider<ZodTypeProvider>()
  routes.post(
    '/api/collectivities/:collectivityId/school-directory-imports',
    {
      config: { policy: 'schoolDirectory.import', scope: 'collectivity' },
      schema: {
        tags,
        summary:
          'Importer l’annuaire de l’éducation nationale dans une collectivité (simulation, puis application)',
        description:
          'Le corps est le fichier CSV `fr-en-annuaire-education` (ou un extrait), envoyé tel quel en `text/csv` ou `application/octet-stream`. Sans `apply=true`, rien ne change : la réponse dit ce que l’import ferait.',
        consumes: [...SCHOOL_DIRECTORY_CONTENT_TYPES],
        params: SchoolDirectoryImportParams,
        querystring: SchoolDirectoryImportQuery,
        response: { 200: SchoolDirectoryReport },
      },
    },
    async (request, reply) => {
      const { collectivityId } = collectivityAccessOf(request)
      const { apply, file } = request.query
      const body = request.body as Readable | undefined
      // Refused before the whole file was read: close the connection rather than read the rest.
      const refuse = (problem: HttpProblem) => {
        if (body && !body.readableEnded) reply.header('connection', 'close')
        return problem
      }
      const collectivity = await findImportCollectivity(app.db, collectivityId)
      if (!collectivity) throw refuse(notFound('Collectivité introuvable.'))
      if (body === undefined) {
        throw refuse(
          new HttpProblem(400, 'empty-file', 'Aucun fichier reçu : choisissez le fichier de l’annuaire.'),
        )
      }
      const declared = Number(request.headers['content-length'])
      if (declared > SCHOOL_DIRECTORY_MAX_BYTES) {
        throw refuse(
          new HttpProblem(
            400,
            'file-too-large',
            `« ${file} » est trop volumineux (${formatBytes(declared)}) : la limite est de ${formatBytes(SCHOOL_DIRECTORY_MAX_BYTES)}.`,
          ),
        )
      }
      try {
        return await importSchoolDirectory(app.db, {
          collectivity,
          source: body,
          file,
          apply,
          audit: (event, db) => recordAudit(request, event, db),
        })
      } catch (error) {
        if (error instanceof SchoolDirectoryInputError) {
          throw refuse(new HttpProblem(error.status, error.code, error.message))
        }
        throw error
      }
    },
  )
}
