import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  AttachmentParams,
  AttachmentSummary,
  CreateFolderBody,
  DraftBody,
  FolderParams,
  MailboxFolders,
  MailboxPage,
  MailboxQuery,
  MessageDetail,
  MessageParams,
  MoveBody,
  ReadStateBody,
  RecipientsQuery,
  RecipientsResponse,
  ReportBody,
  SafetyOverview,
  SchoolAttachmentParams,
  SchoolMessageParams,
  SendBody,
  SuspendBody,
  SuspensionParams,
} from '../../../contract/messaging.ts'
import { SchoolParams } from '../../../contract/portal.ts'
import { actorOf, schoolScopeOf } from '../../plugins/policy/index.ts'
import { auditAuthorOf, recordAudit } from '../audit/index.ts'
import { discardDraft, recallMessage, saveDraft, sendDraft } from './compose.service.ts'
import {
  createFolder,
  deleteFolder,
  deleteMessage,
  findReadableAttachment,
  markRead,
  moveMessage,
  readFolders,
  readMailboxPage,
  readMessage,
} from './mailbox.service.ts'
import { findRecipients } from './recipients.service.ts'
import { attachFile, detachFile, startDraftFrom } from './replies.service.ts'
import { liftSuspension, readSafetyOverview, reportMessage, suspendSending } from './safety.service.ts'

const tags = ['messagerie']
const mailbox = { policy: 'messaging.useMailbox' } as const
const compose = { policy: 'messaging.compose', scope: 'school' } as const
const moderate = { policy: 'messaging.moderate', scope: 'school' } as const
const Done = z.object({ ok: z.literal(true) })
const ok = { ok: true as const }

export async function messagingRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: { files: 1, fields: 0, parts: 1, fileSize: app.blobs.maxBytes + 1 },
  })
  const routes = app.withTypeProvider<ZodTypeProvider>()

  // One mailbox across the person's schools.
  routes.get(
    '/api/messaging/folders',
    {
      config: mailbox,
      schema: { tags, summary: 'Mes dossiers et leurs messages non lus', response: { 200: MailboxFolders } },
    },
    (request) => readFolders(app.db, actorOf(request)),
  )
  routes.post(
    '/api/messaging/folders',
    {
      config: mailbox,
      schema: {
        tags,
        summary: 'Créer un dossier personnel',
        body: CreateFolderBody,
        response: { 201: z.object({ id: z.uuid(), name: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createFolder(app.db, actorOf(request), request.body.name)),
  )
  routes.delete(
    '/api/messaging/folders/:folderId',
    {
      config: mailbox,
      schema: {
        tags,
        summary: 'Supprimer un dossier personnel (ses messages reviennent dans la boîte de réception)',
        params: z.object({ folderId: z.uuid({ error: 'Dossier introuvable.' }) }),
        response: { 200: Done },
      },
    },
    async (request) => {
      await deleteFolder(app.db, actorOf(request), request.params.folderId)
      return ok
    },
  )
  routes.get(
    '/api/messaging/folders/:folder/messages',
    {
      config: mailbox,
      schema: {
        tags,
        summary: 'Les messages d’un dossier, les plus récents d’abord',
        params: FolderParams,
        querystring: MailboxQuery,
        response: { 200: MailboxPage },
      },
    },
    (request) => readMailboxPage(app.db, actorOf(request), request.params.folder, request.query) as never,
  )
  routes.get(
    '/api/messaging/messages/:messageId',
    {
      config: mailbox,
      schema: { tags, summary: 'Lire un message', params: MessageParams, response: { 200: MessageDetail } },
    },
    (request) => readMessage(app.db, actorOf(request), app.config, request.params.messageId),
  )
  routes.put(
    '/api/messaging/messages/:messageId/read',
    {
      config: mailbox,
      schema: {
        tags,
        summary: 'Marquer lu ou non lu',
        params: MessageParams,
        body: ReadStateBody,
        response: { 200: Done },
      },
    },
    async (request) => {
      await markRead(app.db, actorOf(request), request.params.messageId, request.body.read)
      return ok
    },
  )
  routes.put(
    '/api/messaging/messages/:messageId/folder',
    {
      config: mailbox,
      schema: {
        tags,
        summary: 'Ranger un message',
        params: MessageParams,
        body: MoveBody,
        response: { 200: Done },
      },
    },
    async (request) => {
      await moveMessage(app.db, actorOf(request), request.params.messageId, request.body.folder)
      return ok
    },
  )
  routes.delete(
    '/api/messaging/messages/:messageId',
    {
      config: mailbox,
      schema: {
        tags,
        summary: 'Mettre à la corbeille (depuis la corbeille : supprimer pour moi)',
        params: MessageParams,
        response: { 200: Done },
      },
    },
    async (request) => {
      await deleteMessage(app.db, actorOf(request), request.params.messageId)
      return ok
    },
  )
  routes.get(
    '/api/messaging/messages/:messageId/attachments/:blobId',
    {
      config: mailbox,
      schema: {
        tags,
        summary: 'Télécharger une pièce jointe (auteur et destinataires)',
        params: AttachmentParams,
      },
    },
    async (request, reply) => {
      const blobId = await findReadableAttachment(
        app.db,
        actorOf(request),
        request.params.messageId,
        request.params.blobId,
      )
      return app.blobs.send(request, reply, blobId)
    },
  )

  // Writing, in one school.
  const school = '/api/schools/:schoolId/messaging'
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
    (request) => findRecipients(schoolScopeOf(request), actorOf(request), request.query),
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
  routes.post(
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

  // The direction's safety measures.
  routes.get(
    `${school}/safety`,
    {
      config: moderate,
      schema: {
        tags,
        summary: 'Signalements et comptes suspendus de l’école',
        params: SchoolParams,
        response: { 200: SafetyOverview },
      },
    },
    async (request) => {
      const overview = await readSafetyOverview(schoolScopeOf(request))
      // The reported messages are other people's mail: the direction's read of them is in the trail.
      if (overview.reports.length > 0)
        await recordAudit(request, {
          action: 'read:messaging-reports',
          schoolId: request.params.schoolId,
          details: { count: overview.reports.length },
        })
      return overview
    },
  )
  routes.put(
    `${school}/suspensions/:userId`,
    {
      config: moderate,
      schema: {
        tags,
        summary: 'Suspendre l’envoi de messages d’un compte',
        params: SuspensionParams,
        body: SuspendBody,
        response: { 200: Done },
      },
    },
    async (request) => {
      await suspendSending(
        schoolScopeOf(request),
        actorOf(request),
        auditAuthorOf(request),
        request.params.userId,
        request.body.reason,
      )
      return ok
    },
  )
  routes.delete(
    `${school}/suspensions/:userId`,
    {
      config: moderate,
      schema: {
        tags,
        summary: 'Rétablir l’envoi de messages d’un compte',
        params: SuspensionParams,
        response: { 200: Done },
      },
    },
    async (request) => {
      await liftSuspension(schoolScopeOf(request), auditAuthorOf(request), request.params.userId)
      return ok
    },
  )
}
