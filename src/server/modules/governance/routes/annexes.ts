import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { AnnexParams, Deliberation, DeliberationParams } from '../../../../contract/governance.ts'
import { actorOf } from '../../../plugins/policy/index.ts'
import { auditAuthorOf } from '../../audit/index.ts'
import { assertCanReadRegister } from '../access.ts'
import { annexBlobId, attachAnnex, removeAnnex } from '../annexes.service.ts'
import { readDeliberation } from '../deliberations.service.ts'
import { manage, tags } from './shared.ts'

/** The annexes (PDF) of a deliberation: added before publication, read by the register, then by anyone. */
export async function annexRoutes(app: FastifyInstance): Promise<void> {
  // One file per request; the annex's own limit is checked by the blob store.
  await app.register(multipart, {
    limits: { files: 1, fields: 0, parts: 1, fileSize: app.blobs.maxBytes + 1 },
  })
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.post(
    '/api/governance/deliberations/:deliberationId/annexes',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Joindre une annexe (PDF) à une délibération non publiée',
        consumes: ['multipart/form-data'],
        params: DeliberationParams,
        response: { 201: Deliberation },
      },
    },
    async (request, reply) => {
      const file = request.isMultipart() ? await request.file() : undefined
      await attachAnnex(app, auditAuthorOf(request), request.params.deliberationId, file)
      return reply
        .status(201)
        .send((await readDeliberation(app.db, request.params.deliberationId)).deliberation)
    },
  )

  routes.delete(
    '/api/governance/deliberations/:deliberationId/annexes/:annexId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Retirer une annexe d’une délibération non publiée',
        params: AnnexParams,
        response: { 200: Deliberation },
      },
    },
    async (request) => {
      const { deliberationId, annexId } = request.params
      await removeAnnex(app.db, auditAuthorOf(request), deliberationId, annexId)
      return (await readDeliberation(app.db, deliberationId)).deliberation
    },
  )

  routes.get(
    '/api/governance/deliberations/:deliberationId/annexes/:annexId',
    {
      config: { policy: 'governance.read' },
      schema: { tags, summary: 'Une annexe (PDF)', params: AnnexParams },
    },
    async (request, reply) => {
      await assertCanReadRegister(app.db, actorOf(request))
      const { deliberationId, annexId } = request.params
      const blobId = await annexBlobId(app.db, deliberationId, annexId, { publishedOnly: false })
      return app.blobs.send(request, reply, blobId)
    },
  )

  routes.get(
    '/api/public/deliberations/:deliberationId/annexes/:annexId',
    {
      config: { public: true },
      schema: {
        tags: ['délibérations publiées'],
        summary: 'Une annexe d’une délibération publiée (PDF)',
        params: AnnexParams,
      },
    },
    async (request, reply) => {
      const { deliberationId, annexId } = request.params
      const blobId = await annexBlobId(app.db, deliberationId, annexId, { publishedOnly: true })
      return app.blobs.send(request, reply, blobId)
    },
  )
}
