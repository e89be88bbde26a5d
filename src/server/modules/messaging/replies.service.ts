import type { MultipartFile } from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { AddresseeRef } from '../../../contract/messaging.ts'
import type { MessageAddressee } from '../../db/schema.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import { HttpProblem, notFound } from '../../plugins/errors.ts'
import { deleteFromSchool, fromSchool, type SchoolScope } from '../../plugins/tenancy.ts'
import { reachableSql } from '../communication/index.ts'
import { listGroups } from '../directory/index.ts'
import { saveDraft } from './compose.service.ts'
import { findEntryWithMessage, findOwnMessage } from './queries.ts'
import { escapeHtml } from './sanitize.ts'

export type ReplyMode = 'reply' | 'replyAll' | 'forward'

/** Largest attachment of a message, and how many a message carries. */
const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
const MAX_ATTACHMENTS = 10

function prefixed(prefix: string, subject: string): string {
  return subject.toLowerCase().startsWith(prefix.toLowerCase())
    ? subject
    : `${prefix} ${subject}`.slice(0, 200)
}

/**
 * Starts the draft `draftId` as a reply, a reply to all or a forward of a message in the actor's
 * mailbox: subject, quotation, addressees (a reply to all keeps only the people and groups the actor may
 * write to), attachments for a forward. Starting it again answers the draft as it is.
 */
export async function startDraftFrom(
  scope: SchoolScope,
  actor: Actor,
  draftId: string,
  source: { messageId: string; mode: ReplyMode },
): Promise<void> {
  if (await findOwnMessage(scope, actor.userId, draftId)) return
  const original = await findEntryWithMessage(scope.db, actor.userId, source.messageId)
  // The reply is written in the school of the message (row security keeps `scope.db` to it).
  if (!original || original.schoolId !== scope.schoolId) throw notFound('Message introuvable.')
  const to: AddresseeRef[] = []
  const cc: AddresseeRef[] = []
  if (source.mode !== 'forward' && original.authorId && original.authorId !== actor.userId)
    to.push({ type: 'person', id: original.authorId })
  if (source.mode === 'replyAll') {
    const visible = (original.addressees as MessageAddressee[]).filter((a) => a.kind !== 'bcc')
    const groups = new Set((await listGroups(scope, actor, { sizes: false })).groups.map((g) => g.id))
    const personIds = visible.filter((a) => a.type === 'person' && a.id !== actor.userId).map((a) => a.id)
    const reachable = await reachableSql(scope, actor)
    const { rows } = personIds.length
      ? await sql<{ id: string }>`select id from unnest(${personIds}::uuid[]) as p(id)
          where id in (select reach.user_id from (${reachable}) as reach(user_id))`.execute(scope.db)
      : { rows: [] }
    const reachablePeople = new Set(rows.map((r) => r.id))
    for (const a of visible) {
      const keep = a.type === 'group' ? groups.has(a.id) : reachablePeople.has(a.id)
      if (!keep || to.some((t) => t.id === a.id)) continue
      ;(a.kind === 'to' ? to : cc).push({ type: a.type, id: a.id })
    }
  }
  const when = original.sentAt ? original.sentAt.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' }) : ''
  const header =
    source.mode === 'forward'
      ? `<p>---------- Message transféré ----------<br>De : ${escapeHtml(original.authorName ?? '')}<br>Date : ${escapeHtml(when)}<br>Objet : ${escapeHtml(original.subject)}</p>`
      : `<p>Le ${escapeHtml(when)}, ${escapeHtml(original.authorName ?? '')} a écrit :</p>`
  await saveDraft(scope, actor, draftId, {
    subject: prefixed(source.mode === 'forward' ? 'Tr :' : 'Re :', original.subject),
    bodyHtml: `<p></p>${header}<blockquote>${original.bodyHtml}</blockquote>`,
    to,
    cc,
    bcc: [],
    inReplyTo: source.mode === 'forward' ? null : source.messageId,
    forwardOf: source.mode === 'forward' ? source.messageId : null,
  })
  if (source.mode === 'forward') {
    await sql`insert into message_attachments (school_id, message_id, blob_id, position)
      select school_id, ${draftId}::uuid, blob_id, position from message_attachments
      where school_id = ${scope.schoolId} and message_id = ${source.messageId}`.execute(scope.db)
  }
}

/** The actor's draft, or 404; a message already sent refuses new attachments. */
async function ownDraft(scope: SchoolScope, actor: Actor, draftId: string) {
  const draft = await findOwnMessage(scope, actor.userId, draftId)
  if (!draft) throw notFound('Brouillon introuvable.')
  if (draft.state !== 'draft')
    throw new HttpProblem(409, 'not-a-draft', 'Ce message est déjà parti : il ne peut plus être modifié.')
  return draft
}

/** Streams an uploaded file into the blob store and attaches it to the actor's draft. */
export async function attachFile(
  app: FastifyInstance,
  scope: SchoolScope,
  actor: Actor,
  draftId: string,
  file: MultipartFile | undefined,
) {
  await ownDraft(scope, actor, draftId)
  if (!file) throw new HttpProblem(400, 'validation', 'Choisissez un fichier à joindre.')
  const count = await fromSchool(scope, 'messageAttachments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('messageId', '=', draftId)
    .executeTakeFirstOrThrow()
  if (Number(count.n) >= MAX_ATTACHMENTS) {
    file.file.resume()
    throw new HttpProblem(
      422,
      'too-many-attachments',
      `Un message porte au plus ${MAX_ATTACHMENTS} pièces jointes.`,
    )
  }
  const blob = await app.blobs.putMultipartFile(file, {
    maxBytes: MAX_ATTACHMENT_BYTES,
    createdBy: actor.userId,
  })
  await scope.db
    .insertInto('messageAttachments')
    .values({ schoolId: scope.schoolId, messageId: draftId, blobId: blob.id, position: Number(count.n) })
    .onConflict((oc) => oc.doNothing())
    .execute()
  return { id: blob.id, fileName: blob.fileName, size: Number(blob.size), contentType: blob.contentType }
}

export async function detachFile(
  scope: SchoolScope,
  actor: Actor,
  draftId: string,
  blobId: string,
): Promise<void> {
  await ownDraft(scope, actor, draftId)
  const deleted = await deleteFromSchool(scope, 'messageAttachments')
    .where('messageId', '=', draftId)
    .where('blobId', '=', blobId)
    .executeTakeFirst()
  if (Number(deleted.numDeletedRows) === 0) throw notFound('Pièce jointe introuvable.')
}
