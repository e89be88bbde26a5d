import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  AttachmentParams,
  CreateFolderBody,
  FolderParams,
  MailboxFolders,
  MailboxPage,
  MailboxQuery,
  MessageDetail,
  MessageParams,
  MoveBody,
  ReadStateBody,
} from '../../../../contract/messaging.ts'
import { actorOf } from '../../../plugins/policy/index.ts'
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
} from '../mailbox.service.ts'

import { Done, JSON_TYPE, mailbox, ok, tags } from './shared.ts'

/** One mailbox across the person's schools: folders, pages, reading, read state, trash, attachments. */
export async function mailboxRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  // One mailbox across the person's schools.
  routes.get(
    '/api/messaging/folders',
    {
      config: mailbox,
      schema: { tags, summary: 'Mes dossiers et leurs messages non lus', response: { 200: MailboxFolders } },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      const body = await app.realtime.cachedAnswer(actor.userId, 'messaging:folders', async () =>
        MailboxFolders.encode(await readFolders(app.db, actor)),
      )
      return reply.type(JSON_TYPE).send(body as never)
    },
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
    // Not `async`: a kept first page is sent without a promise.
    (request, reply) => {
      const actor = actorOf(request)
      const { folder } = request.params
      const { after, q, limit } = request.query
      // Later pages and searches are read once: only a folder's first page is asked again and again.
      if (after || q) return readMailboxPage(app.db, actor, folder, request.query) as never
      return app.realtime.sendCachedAnswer(
        request,
        reply,
        actor.userId,
        `messaging:page:${folder}:${limit}`,
        async () =>
          MailboxPage.encode((await readMailboxPage(app.db, actor, folder, request.query)) as never),
      )
    },
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
}
