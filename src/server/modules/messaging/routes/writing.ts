import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  AttachmentSummary,
  DraftBody,
  RecipientsQuery,
  RecipientsResponse,
  ReportBody,
  SchoolAttachmentParams,
  SchoolMessageParams,
  SendBody,
} from '../../../../contract/messaging.ts'
import { SchoolParams } from '../../../../contract/portal.ts'
import { actorOf, schoolScopeOf } from '../../../plugins/policy/index.ts'
import { auditAuthorOf } from '../../audit/index.ts'
import { cancelScheduled, discardDraft, recallMessage, saveDraft, sendDraft } from '../compose.service.ts'
import { findRecipients } from '../recipients.service.ts'
import { attachFile, detachFile, startDraftFrom } from '../replies.service.ts'
import { reportMessage } from '../safety.service.ts'

import { compose, Done, ok, tags } from './shared.ts'

/** Writing in one school: recipients, drafts, attachments, sending, replies, recall, reports. */
export async function writingRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const school = '/api/schools/:schoolId/messaging'

  // Writing, in one school.
  routes.get(
    `${school}/recipients`,
    {
      config: compose,
      schema: {
        tags,
        summary: 'Les personnes et les groupes à qui je peux écrire',
        params: SchoolParams,
        querystring: RecipientsQuery,
        response: { 200: RecipientsResponse },
      },
    },
    async (request) => {
      const scope = schoolScopeOf(request)
      const actor = actorOf(request)
      const [reach, roster] = await Promise.all([app.reach.of(scope, actor), app.rosters.of(scope)])
      return findRecipients(scope, actor, reach, roster, request.query)
    },
  )
  routes.put(
    `${school}/drafts/:messageId`,
    {
      config: compose,
      schema: {
        tags,
        summary:
          'Enregistrer un brouillon (l’identifiant est choisi par le client : recommencer ne crée rien de plus)',
        params: SchoolMessageParams,
        body: DraftBody,
        response: { 200: Done },
      },
    },
    async (request) => {
      await saveDraft(schoolScopeOf(request), actorOf(request), request.params.messageId, request.body)
      return ok
    },
  )
  routes.post(
    `${school}/drafts/:messageId/from`,
    {
      config: compose,
      schema: {
        tags,
        summary: 'Commencer un brouillon en réponse à un message, en réponse à tous, ou en transfert',
        params: SchoolMessageParams,
        body: z.object({
          messageId: z.uuid({ error: 'Message introuvable.' }),
          mode: z.enum(['reply', 'replyAll', 'forward']),
        }),
        response: { 200: Done },
      },
    },
    async (request) => {
      await startDraftFrom(schoolScopeOf(request), actorOf(request), request.params.messageId, request.body)
      return ok
    },
  )
  routes.delete(
    `${school}/drafts/:messageId`,
    {
      config: compose,
      schema: { tags, summary: 'Jeter un brouillon', params: SchoolMessageParams, response: { 200: Done } },
    },
    async (request) => {
      await discardDraft(schoolScopeOf(request), actorOf(request), request.params.messageId)
      return ok
    },
  )
  // Uploads are parsed for this route only (one attachment per request): the multipart plugin's hooks
  // would otherwise run on every request of Messagerie, the pages read again and again included.
  await app.register(async (uploads) => {
    await uploads.register(multipart, {
      limits: { files: 1, fields: 0, parts: 1, fileSize: app.blobs.maxBytes + 1 },
    })
    uploads.withTypeProvider<ZodTypeProvider>().post(
      `${school}/drafts/:messageId/attachments`,
      {
        config: compose,
        schema: {
          tags,
          summary: 'Joindre un fichier à un brouillon',
          consumes: ['multipart/form-data'],
          params: SchoolMessageParams,
          response: { 201: AttachmentSummary },
        },
      },
      async (request, reply) => {
        const file = request.isMultipart() ? await request.file() : undefined
        const attachment = await attachFile(
          app,
          schoolScopeOf(request),
          actorOf(request),
          request.params.messageId,
          file,
        )
        return reply.code(201).send(attachment)
      },
    )
  })
  routes.delete(
    `${school}/drafts/:messageId/attachments/:blobId`,
    {
      config: compose,
      schema: {
        tags,
        summary: 'Retirer une pièce jointe d’un brouillon',
        params: SchoolAttachmentParams,
        response: { 200: Done },
      },
    },
    async (request) => {
      await detachFile(
        schoolScopeOf(request),
        actorOf(request),
        request.params.messageId,
        request.params.blobId,
      )
      return ok
    },
  )
  routes.post(
    `${school}/drafts/:messageId/send`,
    {
      config: compose,
      schema: {
        tags,
        summary:
          'Envoyer un brouillon, maintenant ou à une date programmée (recommencer n’envoie rien deux fois)',
        params: SchoolMessageParams,
        body: SendBody,
        response: {
          200: z.object({
            messageId: z.uuid(),
            state: z.enum(['sent', 'scheduled']),
            recipients: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const outcome = await sendDraft(
        schoolScopeOf(request),
        actorOf(request),
        app.config,
        request.params.messageId,
        request.body,
      )
      return { messageId: outcome.messageId, state: outcome.state, recipients: outcome.recipients }
    },
  )
  routes.post(
    `${school}/messages/:messageId/recall`,
    {
      config: compose,
      schema: {
        tags,
        summary: 'Rappeler un message que personne n’a encore lu',
        params: SchoolMessageParams,
        response: { 200: z.object({ recipients: z.number().int() }) },
      },
    },
    (request) =>
      recallMessage(
        schoolScopeOf(request),
        actorOf(request),
        auditAuthorOf(request),
        app.config,
        request.params.messageId,
      ),
  )
  routes.post(
    `${school}/messages/:messageId/cancel`,
    {
      config: compose,
      schema: {
        tags,
        summary: 'Annuler l’envoi d’un message programmé : il revient dans les brouillons',
        params: SchoolMessageParams,
        response: { 200: Done },
      },
    },
    async (request) => {
      await cancelScheduled(schoolScopeOf(request), actorOf(request), request.params.messageId)
      return ok
    },
  )
  routes.post(
    `${school}/messages/:messageId/report`,
    {
      config: compose,
      schema: {
        tags,
        summary: 'Signaler ce message à la direction de l’école',
        params: SchoolMessageParams,
        body: ReportBody,
        response: { 200: Done },
      },
    },
    async (request) => {
      await reportMessage(
        schoolScopeOf(request),
        actorOf(request),
        auditAuthorOf(request),
        request.params.messageId,
        request.body.reason,
      )
      return ok
    },
  )
}
