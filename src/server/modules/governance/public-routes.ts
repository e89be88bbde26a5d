import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  AcknowledgeParams,
  DeliberationParams,
  PublicDeliberationList,
  PublicListQuery,
} from '../../../contract/governance.ts'
import { acknowledgeConvocation } from './convocation.service.ts'
import { deliberationExtract, publishedWithVotes, registerCsv } from './documents.service.ts'
import { sendFile } from './routes/shared.ts'

const tags = ['délibérations publiées']

/** What anyone may read without signing in: the published deliberations, their extracts, the open data. */
export async function governancePublicRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/public/deliberations',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Les délibérations publiées, avec leur date de mise en ligne',
        querystring: PublicListQuery,
        response: { 200: PublicDeliberationList },
      },
    },
    async (request) => {
      const rows = await publishedWithVotes(app.db, request.query.year)
      // The annex files of the listed deliberations, in one query.
      const ids = rows.map(({ row }) => row.id)
      const annexes = ids.length
        ? await app.db
            .selectFrom('governanceAnnexes')
            .select(['id', 'deliberationId', 'title'])
            .where('deliberationId', 'in', ids)
            .where('blobId', 'is not', null)
            .orderBy('deliberationId')
            .orderBy('position')
            .execute()
        : []
      return {
        deliberations: rows.map(({ row, item }) => ({
          id: row.id,
          number: `${row.year}-${row.seq}`,
          object: row.object,
          heldAt: row.heldAt,
          bodyName: row.bodyName,
          wording: item?.vote?.wording ?? null,
          publishedAt: row.publishedAt as Date,
          transmittedAt: row.transmittedAt,
          annexes: annexes.filter((a) => a.deliberationId === row.id).map(({ id, title }) => ({ id, title })),
        })),
      }
    },
  )

  routes.get(
    '/api/public/deliberations/:deliberationId/extrait.pdf',
    {
      config: { public: true },
      schema: { tags, summary: 'L’extrait d’une délibération publiée (PDF)', params: DeliberationParams },
    },
    async (request, reply) => {
      const { pdf, fileName } = await deliberationExtract(app.db, request.params.deliberationId, {
        publishedOnly: true,
      })
      return sendFile(reply, 'application/pdf', fileName, pdf)
    },
  )

  routes.get(
    '/api/public/deliberations.csv',
    {
      config: { public: true },
      schema: { tags, summary: 'Les délibérations publiées au format SCDL (données ouvertes)' },
    },
    async (_request, reply) =>
      sendFile(
        reply,
        'text/csv; charset=utf-8',
        'deliberations.csv',
        await registerCsv(app.db, app.config.publicUrl),
      ),
  )

  routes.get(
    '/api/public/convocations/:token/accuse',
    {
      config: { public: true },
      schema: { tags, summary: 'Accuser réception d’une convocation', params: AcknowledgeParams },
    },
    async (request, reply) => {
      const meeting = await acknowledgeConvocation(app.db, request.params.token)
      const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'Europe/Paris' }).format(
        meeting.heldAt,
      )
      return reply
        .type('text/plain; charset=utf-8')
        .send(
          `Merci : votre accusé de réception de la convocation à la séance du ${meeting.bodyName} du ${day} est enregistré.`,
        )
    },
  )
}
