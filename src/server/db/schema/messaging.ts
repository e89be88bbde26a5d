import type { ColumnType, Generated } from 'kysely'
import type { CreatedAt, Timestamp } from './columns.ts'

/** 0012-messaging: Messagerie (ADR 0009). */

/** One addressee as chosen by the author: a person or a group, with its name at the time. */
export type MessageAddressee = {
  kind: 'to' | 'cc' | 'bcc'
  type: 'person' | 'group'
  id: string
  name: string
}

export interface MessagesTable {
  schoolId: string
  id: string
  authorId: string | null
  subject: Generated<string>
  bodyHtml: Generated<string>
  bodyText: Generated<string>
  addressees: ColumnType<MessageAddressee[], string | undefined, string>
  state: Generated<'draft' | 'scheduled' | 'sent' | 'recalled'>
  inReplyTo: string | null
  forwardOf: string | null
  createdAt: CreatedAt
  updatedAt: Generated<Date>
  sentAt: Timestamp | null
  recalledAt: Timestamp | null
  search: ColumnType<string, never, never>
}

export interface MailFoldersTable {
  id: Generated<string>
  userId: string
  name: string
  createdAt: CreatedAt
}

export interface MailboxEntriesTable {
  schoolId: string
  messageId: string
  userId: string
  role: 'author' | 'to' | 'cc' | 'bcc'
  /** `inbox`, `sent`, `drafts`, `trash` or the id of a personal folder. */
  folder: string
  sentAt: Timestamp
  readAt: Timestamp | null
  trashedAt: Timestamp | null
  folderBeforeTrash: string | null
}

export interface MessageAttachmentsTable {
  schoolId: string
  messageId: string
  blobId: string
  position: Generated<number>
}

export interface MessagingSuspensionsTable {
  schoolId: string
  userId: string
  suspendedBy: string | null
  suspendedAt: Generated<Date>
  reason: Generated<string>
}

export interface MessageReportsTable {
  schoolId: string
  id: Generated<string>
  messageId: string
  reporterId: string | null
  reason: Generated<string>
  createdAt: CreatedAt
}

export interface MessagingTables {
  messages: MessagesTable
  mailFolders: MailFoldersTable
  mailboxEntries: MailboxEntriesTable
  messageAttachments: MessageAttachmentsTable
  messagingSuspensions: MessagingSuspensionsTable
  messageReports: MessageReportsTable
}
