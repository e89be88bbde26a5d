import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'
import type { MessageAddressee } from '../../db/schema.ts'
import { fromSchool, type SchoolScope, updateInSchool } from '../../plugins/tenancy.ts'

/** A message and the actor's mailbox entry for it, read across the person's schools (their own rows only). */
export async function findEntryWithMessage(db: Db, userId: string, messageId: string) {
  return (
    db
      .selectFrom('mailboxEntries as e')
      .innerJoin('messages as m', (join) =>
        join.onRef('m.schoolId', '=', 'e.schoolId').onRef('m.id', '=', 'e.messageId'),
      )
      .leftJoin('users as u', 'u.id', 'm.authorId')
      .select([
        'e.schoolId',
        'e.messageId',
        'e.role',
        'e.folder',
        'e.readAt',
        'e.sentAt as entrySentAt',
        'm.subject',
        'm.bodyHtml',
        'm.bodyText',
        'm.addressees',
        'm.state',
        'm.sentAt',
        'm.authorId',
        'm.inReplyTo',
        'm.forwardOf',
        sql<string | null>`u.first_name || ' ' || upper(u.last_name)`.as('authorName'),
      ])
      .where('e.userId', '=', userId)
      .where('e.messageId', '=', messageId)
      // A scheduled message is in nobody's mailbox before its time, but its author's.
      .where((eb) => eb.or([eb('e.role', '=', 'author'), eb('e.sentAt', '<=', sql<Date>`now()`)]))
      .executeTakeFirst()
  )
}

export type MailboxRow = {
  schoolId: string
  messageId: string
  folder: string
  readAt: Date | null
  sentAt: Date
  role: string
  subject: string
  preview: string
  authorId: string | null
  authorName: string | null
  addressees: MessageAddressee[]
  state: 'draft' | 'scheduled' | 'sent' | 'recalled'
  messageSentAt: Date | null
  hasAttachments: boolean
}

/**
 * One page of a folder, newest first: one range of `mailbox_entries_page_idx`, then the page's messages
 * by primary key. `search` keeps the messages matching a French full-text query.
 */
export async function findMailboxPage(
  db: Db,
  filter: {
    userId: string
    folder: string
    after?: { sentAt: Date; messageId: string }
    search?: string
    limit: number
  },
): Promise<MailboxRow[]> {
  const after = filter.after
    ? sql`and (e.sent_at, e.message_id) < (${filter.after.sentAt}::timestamptz, ${filter.after.messageId}::uuid)`
    : sql``
  const search = filter.search ? sql`and m.search @@ websearch_to_tsquery('french', ${filter.search})` : sql``
  const { rows } = await sql<MailboxRow>`
    select e.school_id, e.message_id, e.folder, e.read_at, e.sent_at, e.role,
      m.subject, left(m.body_text, 160) as preview, m.author_id,
      u.first_name || ' ' || upper(u.last_name) as author_name, m.addressees, m.state,
      m.sent_at as message_sent_at,
      exists (select 1 from message_attachments a where a.school_id = m.school_id and a.message_id = m.id)
        as has_attachments
    from mailbox_entries e
    join messages m on m.school_id = e.school_id and m.id = e.message_id
    left join users u on u.id = m.author_id
    where e.user_id = ${filter.userId} and e.folder = ${filter.folder}
      and (e.role = 'author' or e.sent_at <= now())
      ${after} ${search}
    order by e.sent_at desc, e.message_id desc
    limit ${filter.limit + 1}
  `.execute(db)
  return rows
}

/** Unread messages per folder of a person (the partial index of unread rows). */
export async function countUnread(db: Db, userId: string) {
  const { rows } = await sql<{ folder: string; unread: string }>`
    select folder, count(*) as unread from mailbox_entries
    where user_id = ${userId} and read_at is null and sent_at <= now() and folder <> 'trash'
    group by folder
  `.execute(db)
  return new Map(rows.map((row) => [row.folder, Number(row.unread)]))
}

export async function findFolders(db: Db, userId: string) {
  return db
    .selectFrom('mailFolders')
    .select(['id', 'name'])
    .where('userId', '=', userId)
    .orderBy(sql`lower(name)`)
    .execute()
}

export async function findAttachments(db: Db, schoolId: string, messageId: string) {
  return db
    .selectFrom('messageAttachments as a')
    .innerJoin('blobs as b', 'b.id', 'a.blobId')
    .select(['b.id', 'b.fileName', 'b.size', 'b.contentType'])
    .where('a.schoolId', '=', schoolId)
    .where('a.messageId', '=', messageId)
    .orderBy('a.position')
    .orderBy('b.id')
    .execute()
}

/** The actor's own draft (or their scheduled or sent message) in the scope's school. */
export async function findOwnMessage(scope: SchoolScope, authorId: string, messageId: string) {
  return fromSchool(scope, 'messages')
    .selectAll()
    .where('id', '=', messageId)
    .where('authorId', '=', authorId)
    .executeTakeFirst()
}

/** Messages the author sent in the last 24 hours (the daily limit). */
export async function countSentToday(scope: SchoolScope, authorId: string): Promise<number> {
  const { rows } = await sql<{ sent: string }>`
    select count(*) as sent from messages
    where school_id = ${scope.schoolId} and author_id = ${authorId}
      and sent_at > now() - interval '24 hours' and state <> 'draft'
  `.execute(scope.db)
  return Number(rows[0]?.sent ?? 0)
}

export async function isSuspended(scope: SchoolScope, userId: string): Promise<boolean> {
  const row = await fromSchool(scope, 'messagingSuspensions')
    .select('userId')
    .where('userId', '=', userId)
    .executeTakeFirst()
  return row !== undefined
}

/** Whether any recipient has read the message (then it can no longer be recalled). */
export async function isReadByAnyone(scope: SchoolScope, messageId: string): Promise<boolean> {
  const row = await fromSchool(scope, 'mailboxEntries')
    .select('userId')
    .where('messageId', '=', messageId)
    .where('role', '<>', 'author')
    .where('readAt', 'is not', null)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

export async function setMessageState(
  scope: SchoolScope,
  messageId: string,
  state: 'draft' | 'scheduled' | 'sent' | 'recalled',
  extra: { sentAt?: Date | null; recalledAt?: Date } = {},
) {
  await updateInSchool(scope, 'messages')
    .set({ state, updatedAt: new Date(), ...extra })
    .where('id', '=', messageId)
    .execute()
}
