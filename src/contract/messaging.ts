import { z } from 'zod'
import { resourceId, SchoolId } from './ids.ts'
import { Profile } from './structures.ts'
import { Timestamp } from './timestamp.ts'

/** The system folders of a mailbox; a personal folder is named by its id. */
export const SYSTEM_FOLDERS = ['inbox', 'sent', 'drafts', 'trash'] as const
export type SystemFolder = (typeof SYSTEM_FOLDERS)[number]

export const MessageId = resourceId('Message introuvable.')
export const MessageParams = z.object({ messageId: MessageId })
export const SchoolMessageParams = z.object({ schoolId: SchoolId, messageId: MessageId })
export const AttachmentParams = z.object({
  messageId: MessageId,
  blobId: resourceId('Pièce jointe introuvable.'),
})
export const SchoolAttachmentParams = z.object({
  schoolId: SchoolId,
  messageId: MessageId,
  blobId: resourceId('Pièce jointe introuvable.'),
})
export const FolderParams = z.object({
  folder: z.union([z.enum(SYSTEM_FOLDERS), z.uuid()], { error: 'Dossier introuvable.' }),
})
export const SuspensionParams = z.object({ schoolId: SchoolId, userId: resourceId('Compte introuvable.') })

/**
 * An addressee as the composer names it: a person (`person`, a user id) or a group (`group`, the
 * directory's group ids: `class:<classe>:<profil>`, `school:<profil>` or a manual group's id).
 */
export const AddresseeRef = z.object({
  type: z.enum(['person', 'group']),
  id: z.string().min(1).max(80),
})
export type AddresseeRef = z.infer<typeof AddresseeRef>

const AddresseeList = z
  .array(AddresseeRef)
  .max(50, { error: 'Au plus 50 destinataires ou groupes par champ.' })

export const DraftBody = z.object({
  subject: z.string().trim().max(200, { error: 'L’objet tient en 200 caractères au plus.' }).default(''),
  bodyHtml: z.string().max(200_000, { error: 'Le message est trop long.' }).default(''),
  to: AddresseeList.default([]),
  cc: AddresseeList.default([]),
  bcc: AddresseeList.default([]),
  inReplyTo: z.uuid().nullable().default(null),
  forwardOf: z.uuid().nullable().default(null),
})
export type DraftBody = z.input<typeof DraftBody>

export const SendBody = z.object({
  scheduledFor: Timestamp.nullable()
    .default(null)
    .describe('Envoi programmé : l’instant où le message partira (absent : tout de suite)'),
})

export const Addressee = z.object({
  kind: z.enum(['to', 'cc', 'bcc']),
  type: z.enum(['person', 'group']),
  id: z.string(),
  name: z.string(),
})

export const PersonRef = z.object({ id: z.uuid(), displayName: z.string() })

export const AttachmentSummary = z.object({
  id: z.uuid(),
  fileName: z.string(),
  size: z.number().int(),
  contentType: z.string(),
})

export const MessageState = z.enum(['draft', 'scheduled', 'sent', 'recalled'])

export const MessageSummary = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  subject: z.string(),
  preview: z.string(),
  author: PersonRef.nullable(),
  /** The addressees a reader may see (never another's bcc). */
  addressees: z.array(Addressee),
  state: MessageState,
  sentAt: Timestamp.nullable(),
  readAt: Timestamp.nullable(),
  folder: z.string(),
  hasAttachments: z.boolean(),
})
export type MessageSummary = z.infer<typeof MessageSummary>

export const MessageActions = z.enum(['reply', 'replyAll', 'forward', 'recall', 'report', 'edit'])

export const MessageDetail = MessageSummary.extend({
  bodyHtml: z.string(),
  attachments: z.array(AttachmentSummary),
  inReplyTo: z.uuid().nullable(),
  forwardOf: z.uuid().nullable(),
  /** Whether the recall is still possible (author, delay not over, nobody has read it). */
  allowedActions: z.array(MessageActions),
  /** Until when the author may recall it, when they may. */
  recallableUntil: Timestamp.nullable(),
})
export type MessageDetail = z.infer<typeof MessageDetail>

export const MailboxQuery = z.object({
  q: z.string().trim().max(200).optional().describe('Recherche en texte intégral (français)'),
  after: z.string().max(200).optional().describe('Curseur de la page suivante (nextAfter)'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
})

export const MailboxPage = z.object({
  messages: z.array(MessageSummary),
  nextAfter: z.string().nullable(),
})
export type MailboxPage = z.input<typeof MailboxPage>

export const FolderSummary = z.object({
  id: z.string(),
  name: z.string(),
  system: z.boolean(),
  unread: z.number().int(),
})
export const MailboxFolders = z.object({ folders: z.array(FolderSummary), unread: z.number().int() })

export const CreateFolderBody = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Donnez un nom au dossier.' })
    .max(60, { error: 'Le nom tient en 60 caractères au plus.' }),
})

export const MoveBody = z.object({
  folder: z.union([z.enum(['inbox', 'trash']), z.uuid()], { error: 'Dossier introuvable.' }),
})
export const ReadStateBody = z.object({ read: z.boolean() })

/** Who the composer offers: reachable people (by name) and the groups the actor may write to. */
export const RecipientsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})
export const RecipientPerson = z.object({
  id: z.uuid(),
  displayName: z.string(),
  profiles: z.array(Profile),
  isDirector: z.boolean(),
  classes: z.array(z.string()),
})
export const RecipientGroup = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['class', 'school', 'manual']),
  size: z.number().int(),
})
export const RecipientsResponse = z.object({
  people: z.array(RecipientPerson),
  groups: z.array(RecipientGroup),
  /** The simplified composer (pupils of PS, MS, GS, CP): pictures of people, no Cc or Bcc. */
  simplified: z.boolean(),
})
export type RecipientsResponse = z.infer<typeof RecipientsResponse>

export const ReportBody = z.object({
  reason: z.string().trim().max(1000, { error: 'Le motif tient en 1 000 caractères au plus.' }).default(''),
})
export const SuspendBody = z.object({
  reason: z.string().trim().max(500, { error: 'Le motif tient en 500 caractères au plus.' }).default(''),
})

export const SafetyOverview = z.object({
  reports: z.array(
    z.object({
      id: z.uuid(),
      at: Timestamp,
      reporter: PersonRef.nullable(),
      reason: z.string(),
      message: z.object({
        id: z.uuid(),
        subject: z.string(),
        bodyHtml: z.string(),
        sentAt: Timestamp.nullable(),
        author: PersonRef.nullable(),
        recipients: z.number().int(),
      }),
      authorSuspended: z.boolean(),
    }),
  ),
  suspensions: z.array(
    z.object({ user: PersonRef, at: Timestamp, by: PersonRef.nullable(), reason: z.string() }),
  ),
})
export type SafetyOverview = z.infer<typeof SafetyOverview>
