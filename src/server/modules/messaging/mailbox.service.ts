import { sql } from 'kysely'
import type { z } from 'zod'
import type { MailboxPage, MailboxQuery, MessageDetail, MessageSummary } from '../../../contract/messaging.ts'
import { SYSTEM_FOLDERS } from '../../../contract/messaging.ts'
import type { Config } from '../../config.ts'
import type { Db } from '../../db/connection.ts'
import type { MessageAddressee } from '../../db/schema.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import { HttpProblem, notFound } from '../../plugins/errors.ts'
import { recallDeadline } from './compose.service.ts'
import {
  countUnread,
  findAttachments,
  findEntryWithMessage,
  findFolders,
  findMailboxPage,
  type MailboxRow,
} from './queries.ts'

/**
 * A person's mailbox, across all their schools: one inbox, read through the application's handle and
 * always filtered by the signed-in person's id (their own rows only), like the portal.
 */

const FOLDER_NAMES: Record<(typeof SYSTEM_FOLDERS)[number], string> = {
  inbox: 'Boîte de réception',
  sent: 'Envoyés',
  drafts: 'Brouillons',
  trash: 'Corbeille',
}

/** The addressees a reader may see: the author sees all, a recipient never the bcc. */
function visibleAddressees(addressees: MessageAddressee[], isAuthor: boolean) {
  return isAuthor ? addressees : addressees.filter((a) => a.kind !== 'bcc')
}

function encodeCursor(row: { sentAt: Date; messageId: string }): string {
  return Buffer.from(`${row.sentAt.toISOString()}|${row.messageId}`).toString('base64url')
}

function decodeCursor(cursor: string | undefined): { sentAt: Date; messageId: string } | undefined {
  if (!cursor) return undefined
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  const sentAt = new Date(at ?? '')
  if (Number.isNaN(sentAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? '')) return undefined
  return { sentAt, messageId: id as string }
}

function summaryOf(row: MailboxRow): MessageSummary {
  return {
    id: row.messageId,
    schoolId: row.schoolId,
    subject: row.subject,
    preview: row.preview,
    author: row.authorId ? { id: row.authorId, displayName: row.authorName ?? '' } : null,
    addressees: visibleAddressees(row.addressees, row.role === 'author'),
    state: row.state,
    sentAt: row.messageSentAt,
    readAt: row.readAt,
    folder: row.folder,
    hasAttachments: row.hasAttachments,
  }
}

/** Checks that `folder` is a system folder or one of the person's own; else 404. */
async function checkFolder(db: Db, userId: string, folder: string): Promise<void> {
  if ((SYSTEM_FOLDERS as readonly string[]).includes(folder)) return
  const own = await db
    .selectFrom('mailFolders')
    .select('id')
    .where('id', '=', folder)
    .where('userId', '=', userId)
    .executeTakeFirst()
  if (!own) throw notFound('Dossier introuvable.')
}

export async function readMailboxPage(
  db: Db,
  actor: Actor,
  folder: string,
  query: z.output<typeof MailboxQuery>,
): Promise<z.input<typeof MailboxPage>> {
  await checkFolder(db, actor.userId, folder)
  const rows = await findMailboxPage(db, {
    userId: actor.userId,
    folder,
    after: decodeCursor(query.after),
    search: query.q || undefined,
    limit: query.limit,
  })
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    messages: page.map(summaryOf) as never,
    nextAfter: rows.length > query.limit && last ? encodeCursor(last) : null,
  }
}

export async function readFolders(db: Db, actor: Actor) {
  const [unread, own] = await Promise.all([countUnread(db, actor.userId), findFolders(db, actor.userId)])
  const folders = [
    ...SYSTEM_FOLDERS.map((id) => ({
      id,
      name: FOLDER_NAMES[id],
      system: true,
      unread: unread.get(id) ?? 0,
    })),
    ...own.map((f) => ({ id: f.id, name: f.name, system: false, unread: unread.get(f.id) ?? 0 })),
  ]
  return { folders, unread: folders.filter((f) => f.id !== 'sent').reduce((sum, f) => sum + f.unread, 0) }
}

export async function readMessage(
  db: Db,
  actor: Actor,
  config: Config,
  messageId: string,
): Promise<MessageDetail> {
  const entry = await findEntryWithMessage(db, actor.userId, messageId)
  if (!entry) throw notFound('Message introuvable.')
  const isAuthor = entry.role === 'author'
  const attachments = await findAttachments(db, entry.schoolId, messageId)
  const deadline = recallDeadline(config, entry.sentAt)
  const canRecall =
    isAuthor &&
    (entry.state === 'scheduled' ||
      (entry.state === 'sent' &&
        deadline !== null &&
        deadline.getTime() > Date.now() &&
        !(await isReadByOthers(db, entry.schoolId, messageId))))
  const allowedActions: MessageDetail['allowedActions'] = []
  if (entry.state === 'draft') allowedActions.push('edit')
  if (entry.state === 'sent' || entry.state === 'scheduled') {
    allowedActions.push('forward')
    if (!isAuthor) allowedActions.push('reply', 'replyAll', 'report')
    else allowedActions.push('replyAll')
  }
  if (canRecall) allowedActions.push('recall')
  return {
    id: messageId,
    schoolId: entry.schoolId,
    subject: entry.subject,
    preview: entry.bodyText.slice(0, 160),
    author: entry.authorId ? { id: entry.authorId, displayName: entry.authorName ?? '' } : null,
    addressees: visibleAddressees(entry.addressees, isAuthor),
    state: entry.state,
    sentAt: entry.sentAt,
    readAt: entry.readAt,
    folder: entry.folder,
    hasAttachments: attachments.length > 0,
    bodyHtml: entry.bodyHtml,
    attachments: attachments.map((a) => ({ ...a, size: Number(a.size) })),
    inReplyTo: entry.inReplyTo,
    forwardOf: entry.forwardOf,
    allowedActions,
    recallableUntil: canRecall && entry.state === 'sent' ? deadline : null,
  }
}

async function isReadByOthers(db: Db, schoolId: string, messageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('mailboxEntries')
    .select('userId')
    .where('schoolId', '=', schoolId)
    .where('messageId', '=', messageId)
    .where('role', '<>', 'author')
    .where('readAt', 'is not', null)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** The actor's entry for a message, or 404 (a message not in their mailbox does not exist for them). */
async function ownEntry(db: Db, actor: Actor, messageId: string) {
  const entry = await findEntryWithMessage(db, actor.userId, messageId)
  if (!entry) throw notFound('Message introuvable.')
  return entry
}

export async function markRead(db: Db, actor: Actor, messageId: string, read: boolean): Promise<void> {
  const entry = await ownEntry(db, actor, messageId)
  if (entry.role === 'author') return
  await db
    .updateTable('mailboxEntries')
    .set({ readAt: read ? sql<Date>`coalesce(read_at, now())` : null })
    .where('userId', '=', actor.userId)
    .where('messageId', '=', messageId)
    .execute()
}

/** Moves a received message to the inbox, a personal folder or the trash (restoring it from there). */
export async function moveMessage(db: Db, actor: Actor, messageId: string, folder: string): Promise<void> {
  const entry = await ownEntry(db, actor, messageId)
  await checkFolder(db, actor.userId, folder)
  if (entry.role === 'author' && folder !== 'trash' && entry.folder !== 'trash')
    throw new HttpProblem(
      422,
      'cannot-move',
      'Vos propres messages restent dans « Envoyés » ou « Brouillons ».',
    )
  const home = entry.role === 'author' ? (entry.state === 'draft' ? 'drafts' : 'sent') : 'inbox'
  const target = folder === 'inbox' && entry.role === 'author' ? home : folder
  await db
    .updateTable('mailboxEntries')
    .set(
      target === 'trash'
        ? { folder: 'trash', trashedAt: new Date(), folderBeforeTrash: entry.folder }
        : { folder: target, trashedAt: null, folderBeforeTrash: null },
    )
    .where('userId', '=', actor.userId)
    .where('messageId', '=', messageId)
    .execute()
}

/** Deletes a message from the trash for good (for this person only); elsewhere, puts it in the trash. */
export async function deleteMessage(db: Db, actor: Actor, messageId: string): Promise<void> {
  const entry = await ownEntry(db, actor, messageId)
  if (entry.folder !== 'trash') return moveMessage(db, actor, messageId, 'trash')
  await db
    .deleteFrom('mailboxEntries')
    .where('userId', '=', actor.userId)
    .where('messageId', '=', messageId)
    .execute()
}

export async function createFolder(db: Db, actor: Actor, name: string) {
  const existing = await db
    .selectFrom('mailFolders')
    .select('id')
    .where('userId', '=', actor.userId)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst()
  if (existing) throw new HttpProblem(409, 'folder-exists', 'Vous avez déjà un dossier de ce nom.')
  return db
    .insertInto('mailFolders')
    .values({ userId: actor.userId, name })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow()
}

/** Deletes a personal folder; its messages go back to the inbox. */
export async function deleteFolder(db: Db, actor: Actor, folderId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('mailFolders')
      .where('id', '=', folderId)
      .where('userId', '=', actor.userId)
      .executeTakeFirst()
    if (Number(deleted.numDeletedRows) === 0) throw notFound('Dossier introuvable.')
    await trx
      .updateTable('mailboxEntries')
      .set({ folder: 'inbox' })
      .where('userId', '=', actor.userId)
      .where('folder', '=', folderId)
      .execute()
  })
}

/** The attachment of a message in the actor's mailbox, or 404: only its author and recipients get it. */
export async function findReadableAttachment(db: Db, actor: Actor, messageId: string, blobId: string) {
  const entry = await ownEntry(db, actor, messageId)
  const attachment = await db
    .selectFrom('messageAttachments')
    .select('blobId')
    .where('schoolId', '=', entry.schoolId)
    .where('messageId', '=', messageId)
    .where('blobId', '=', blobId)
    .executeTakeFirst()
  if (!attachment) throw notFound('Pièce jointe introuvable.')
  return attachment.blobId
}
