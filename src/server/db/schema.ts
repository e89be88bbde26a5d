import type { AuditTables } from './schema/audit.ts'
import type { BlobsTables } from './schema/blobs.ts'
import type { CommunicationTables } from './schema/communication.ts'
import type { ContributionsTables } from './schema/contributions.ts'
import type { DataProtectionTables } from './schema/data-protection.ts'
import type { DeploymentTables } from './schema/deployment.ts'
import type { FeedTables } from './schema/feed.ts'
import type { FlashMessagesTables } from './schema/flash-messages.ts'
import type { GovernanceTables } from './schema/governance.ts'
import type { IdentityTables } from './schema/identity.ts'
import type { ImportsTables } from './schema/imports.ts'
import type { MembersTables } from './schema/members.ts'
import type { MessagingTables } from './schema/messaging.ts'
import type { PersonMergeTables } from './schema/person-merge.ts'
import type { SchoolYearsTables } from './schema/school-years.ts'
import type { StatisticsTables } from './schema/statistics.ts'
import type { StructuresTables } from './schema/structures.ts'

/**
 * The database as Kysely sees it (camelCase; the CamelCasePlugin maps to snake_case SQL). Each area
 * declares its tables in `schema/<area>.ts`; this file composes them, so that every module keeps importing
 * `Database` (and any table type) from here. A new area adds its file, its `…Tables` to `extends` and its
 * `export type *` below.
 */
export interface Database
  extends StructuresTables,
    DeploymentTables,
    IdentityTables,
    CommunicationTables,
    AuditTables,
    ImportsTables,
    SchoolYearsTables,
    BlobsTables,
    MessagingTables,
    FeedTables,
    GovernanceTables,
    MembersTables,
    ContributionsTables,
    StatisticsTables,
    DataProtectionTables,
    PersonMergeTables,
    FlashMessagesTables {}

/** The tables whose rows belong to one school: every query on them goes through `fromSchool`. */
export type SchoolTable = {
  [T in keyof Database]: Database[T] extends { schoolId: string } ? T : never
}[keyof Database]

export type * from './schema/audit.ts'
export type * from './schema/blobs.ts'
export type * from './schema/communication.ts'
export type * from './schema/contributions.ts'
export type * from './schema/data-protection.ts'
export type * from './schema/deployment.ts'
export type * from './schema/feed.ts'
export type * from './schema/flash-messages.ts'
export type * from './schema/governance.ts'
export type * from './schema/identity.ts'
export type * from './schema/imports.ts'
export type * from './schema/members.ts'
export type * from './schema/messaging.ts'
export type * from './schema/person-merge.ts'
export type * from './schema/school-years.ts'
export type * from './schema/statistics.ts'
export type * from './schema/structures.ts'
}

// 0005-rollover: the objection to keeping one's contributions, and the scheduled deletions of departed
// people's personal data. `UsersTable` is merged with its declaration above (same interface, one more column).

export interface UsersTable {
  /** Set when the person refuses that their contributions outlive their account (then deleted with it). */
  contributionsObjectionAt: Timestamp | null
}

export interface PersonalDataDeletionsTable {
  id: Generated<string>
  /** No foreign key: the row stays, without anything personal, as the trace of a deletion done. */
  userId: string
  dueOn: IsoDate
  scheduledAt: Timestamp
  /** The year whose opening scheduled it; null when the daily job did. */
  schoolYearId: string | null
  status: Generated<'scheduled' | 'done' | 'cancelled'>
  outcome: 'anonymised' | 'deleted' | null
  settledAt: Timestamp | null
}

// 0007-blobs: files kept by the blob store (ADR 0006). `Database` is merged with its declaration above.

export interface BlobsTable {
  id: Generated<string>
  /** The content's SHA-256 (32 bytes): the name of its file in the store, shared by rows of equal content. */
  sha256: Buffer
  size: number
  /** Sniffed from the bytes at upload. */
  contentType: string
  /** The name the file had when uploaded. */
  fileName: string
  createdAt: CreatedAt
  createdBy: string | null
}

export interface Database {
  blobs: BlobsTable
}

// 0012-messaging: Messagerie (ADR 0009). `Database` is merged with its declaration above.

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

export interface Database {
  messages: MessagesTable
  mailFolders: MailFoldersTable
  mailboxEntries: MailboxEntriesTable
  messageAttachments: MessageAttachmentsTable
  messagingSuspensions: MessagingSuspensionsTable
  messageReports: MessageReportsTable
}

// 0013-feed-and-notifications: the news feed and notification preferences (ADR 0010).

export interface FeedItemsTable {
  schoolId: string
  id: Generated<string>
  app: string
  kind: string
  actorId: string | null
  title: string
  summary: Generated<string>
  link: string
  sourceId: string | null
  createdAt: CreatedAt
}

export interface FeedDeliveriesTable {
  recipientId: string
  itemId: string
  schoolId: string
  app: string
  readAt: Timestamp | null
  notifiedAt: Timestamp | null
}

export interface NotificationPreferencesTable {
  userId: string
  app: string
  frequency: 'immediate' | 'daily' | 'weekly' | 'never'
  updatedAt: Generated<Date>
}

export interface Database {
  feedItems: FeedItemsTable
  feedDeliveries: FeedDeliveriesTable
  notificationPreferences: NotificationPreferencesTable
}

// 0014-governance: the governance register (ADR 0011). jsonb columns are written as JSON text (a JS array
// would otherwise be sent as a PostgreSQL array).

type Json<T> = ColumnType<T, string, string>
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>

export interface GovernanceBodiesTable {
  id: Generated<string>
  kind: 'comite' | 'bureau'
  name: string
  rules: Json<import('../modules/governance/domain/body-rules.ts').BodyRules>
  department: Generated<string>
  siret: string | null
  createdAt: CreatedAt
}

export interface GovernanceDelegatesTable {
  id: Generated<string>
  bodyId: string
  memberName: string
  collectivityId: string | null
  userId: string | null
  civility: 'M.' | 'Mme'
  firstName: string
  lastName: string
  email: string | null
  wantsPaper: Generated<boolean>
  seat: 'titulaire' | 'suppleant'
  mandateStart: IsoDate
  mandateEnd: IsoDate | null
  weight: Generated<number>
  createdAt: CreatedAt
}

export interface GovernanceMeetingsTable {
  id: Generated<string>
  bodyId: string
  heldAt: Timestamp
  place: string
  presidentId: string | null
  secretaryId: string | null
  emergency: Generated<boolean>
  secondConvocation: Generated<boolean>
  convocationChannel: 'email' | 'paper' | null
  convocationSentAt: Timestamp | null
  convocationBlobId: string | null
  typedAttendance: NullableJson<{ present: number; absent: number; excused: number; proxies: number }>
  createdAt: CreatedAt
}

export interface GovernanceAttendanceTable {
  meetingId: string
  delegateId: string
  status: Generated<'present' | 'absent' | 'excused' | 'substituted'>
  substituteId: string | null
  proxyHolderId: string | null
  proxyMeetingCount: Generated<number>
  convocationSentAt: Timestamp | null
  acknowledgementHash: Buffer | null
  acknowledgedAt: Timestamp | null
}

export interface GovernanceMovementsTable {
  id: Generated<string>
  meetingId: string
  delegateId: string
  kind: 'arrival' | 'departure'
  beforeItem: number
}

type Choice = 'pour' | 'contre' | 'abstention' | 'blanc_nul' | 'ne_participe_pas'

export interface GovernanceItemsTable {
  id: Generated<string>
  meetingId: string
  position: number
  title: string
  voteMode: Generated<'totals' | 'roll_call' | 'secret'>
  totals: NullableJson<import('../modules/governance/domain/votes.ts').VoteTotals>
  ballots: NullableJson<import('../modules/governance/domain/votes.ts').Ballot[]>
  presidentChoice: Choice | null
  withdrawn: ColumnType<string[], string[] | undefined, string[]>
  typed: NullableJson<{ exprimes: number | null; statesQuorumMet: boolean; statesAdopted: boolean | null }>
}

export interface GovernanceDeliberationsTable {
  id: Generated<string>
  itemId: string
  year: number
  seq: number
  object: string
  visas: Json<string[]>
  considerants: Json<string[]>
  articles: Json<string[]>
  natureCode: Generated<number>
  classification: Generated<string>
  version: Generated<number>
  publishedAt: Timestamp | null
  transmittedAt: Timestamp | null
  acknowledgedAt: Timestamp | null
  createdAt: CreatedAt
}

export interface GovernanceDeliberationVersionsTable {
  deliberationId: string
  version: number
  snapshot: Json<unknown>
  replacedAt: CreatedAt
  replacedBy: string | null
}

export interface GovernanceAnnexesTable {
  id: Generated<string>
  deliberationId: string
  position: number
  title: string
  blobId: string | null
}

export interface Database {
  governanceBodies: GovernanceBodiesTable
  governanceDelegates: GovernanceDelegatesTable
  governanceMeetings: GovernanceMeetingsTable
  governanceAttendance: GovernanceAttendanceTable
  governanceMovements: GovernanceMovementsTable
  governanceItems: GovernanceItemsTable
  governanceDeliberations: GovernanceDeliberationsTable
  governanceDeliberationVersions: GovernanceDeliberationVersionsTable
  governanceAnnexes: GovernanceAnnexesTable
}

// 0015-members-and-contributions: members, deployment statuses, academic assignments, contributions
// (ADR 0012). `Database` is merged with its declaration above.

export type DeploymentStatus = 'requested' | 'preparing' | 'open' | 'closed'

export interface MembersTable {
  collectivityId: string
  adheredOn: IsoDate
  adhesionDeliberation: string
  adhesionDeliberationOn: IsoDate
  withdrawnOn: IsoDate | null
  withdrawalDeliberation: string | null
  withdrawalDeliberationOn: IsoDate | null
  population: number
  populationYear: number
  createdAt: CreatedAt
  updatedAt: Generated<Date>
}

export interface MemberContactsTable {
  id: Generated<string>
  collectivityId: string
  name: string
  role: string
  email: string | null
  phone: string | null
  createdAt: CreatedAt
}

export interface SchoolDeploymentsTable {
  schoolId: string
  status: DeploymentStatus
  requestedOn: IsoDate | null
  preparingOn: IsoDate | null
  openedOn: IsoDate | null
  closedOn: IsoDate | null
  updatedAt: Generated<Date>
}

export interface SchoolDeploymentEventsTable {
  schoolId: string
  id: Generated<number>
  status: DeploymentStatus
  effectiveOn: IsoDate
  note: string | null
  recordedBy: string | null
  recordedAt: Generated<Date>
}

export interface AcademicAssignmentsTable {
  id: Generated<string>
  userId: string
  circonscription: string
  role: 'ien' | 'digital_adviser' | 'educational_adviser'
  createdAt: CreatedAt
}

export interface ContributionRulesTable {
  id: Generated<string>
  year: number
  version: Generated<number>
  status: Generated<'draft' | 'adopted' | 'superseded'>
  referenceOn: IsoDate
  perMemberCents: number
  perSchoolCents: number
  perClassCents: number
  perPupilAccountCents: number
  perInhabitantCents: number
  floorCents: number | null
  capCents: number | null
  fixedTotalCents: number | null
  deliberation: string | null
  deliberationOn: IsoDate | null
  reason: string | null
  supersedes: string | null
  createdBy: string | null
  createdAt: CreatedAt
  adoptedAt: Timestamp | null
  supersededAt: Timestamp | null
}

export interface ContributionSnapshotsTable {
  id: Generated<string>
  referenceOn: IsoDate
  takenAt: Generated<Date>
  takenBy: string | null
}

export interface ContributionSnapshotCountsTable {
  snapshotId: string
  collectivityId: string
  name: string
  siren: string
  schools: number
  classes: number
  pupilAccounts: number
  population: number
  populationYear: number
  joinedOn: IsoDate
  leftOn: IsoDate | null
}

export interface ContributionComputationsTable {
  ruleId: string
  snapshotId: string
  totalCents: number
  computedAt: Generated<Date>
  computedBy: string | null
}

export interface ContributionLinesTable {
  ruleId: string
  collectivityId: string
  name: string
  amountCents: number
  days: number
  daysInYear: number
  breakdown: ColumnType<unknown, string, string>
}

export interface Database {
  members: MembersTable
  memberContacts: MemberContactsTable
  schoolDeployments: SchoolDeploymentsTable
  schoolDeploymentEvents: SchoolDeploymentEventsTable
  academicAssignments: AcademicAssignmentsTable
  contributionRules: ContributionRulesTable
  contributionSnapshots: ContributionSnapshotsTable
  contributionSnapshotCounts: ContributionSnapshotCountsTable
  contributionComputations: ContributionComputationsTable
  contributionLines: ContributionLinesTable
}

// 0016-usage-and-data-protection: pseudonymised usage events and their daily aggregates (ADR 0013), the
// register of processing activities, « Mes données » archives. `Database` is merged as above.

export interface UsageEventsTable {
  schoolId: string
  day: IsoDate
  kind: 'connexion' | 'application'
  service: string
  profile: Profile
  collectivityId: string
  userHash: Buffer
}

export interface UsageDailyTable {
  schoolId: string
  day: IsoDate
  kind: 'connexion' | 'application'
  service: string
  profile: Profile
  events: number
  uniqueUsers: number
}

export interface UsageDailyByAreaTable {
  area: string
  day: IsoDate
  kind: 'connexion' | 'application'
  service: string
  profile: Profile
  events: number
  uniqueUsers: number
}

export interface UsageActivationTable {
  schoolId: string
  accounts: number
  activated: number
  computedAt: Timestamp
}

export interface ProcessingActivitiesTable {
  id: Generated<string>
  name: string
  purposes: string
  legalBasis: string
  dataSubjects: string
  dataCategories: string
  recipients: string
  retention: string
  securityMeasures: string
  updatedAt: Generated<Date>
  updatedBy: string | null
}

export interface DataExportsTable {
  id: Generated<string>
  userId: string
  status: Generated<'queued' | 'running' | 'ready' | 'failed'>
  progress: Generated<number>
  blobId: string | null
  createdAt: CreatedAt
  finishedAt: Timestamp | null
  expiresAt: Timestamp | null
}

export interface Database {
  usageEvents: UsageEventsTable
  usageDaily: UsageDailyTable
  usageDailyByArea: UsageDailyByAreaTable
  usageActivation: UsageActivationTable
  processingActivities: ProcessingActivitiesTable
  dataExports: DataExportsTable
}

/** Two accounts of one person made one; undone within `undo_until` (migration 0017, ADR 0014). */
export interface PersonMergesTable {
  id: Generated<string>
  keptUserId: string
  mergedUserId: string
  mergedBy: string | null
  mergedAt: Generated<Date>
  undoUntil: Date
  undoneAt: Date | null
  undoneBy: string | null
  keptBefore: unknown
  mergedBefore: unknown
}

/** A row a merge moved (as it was before) or removed: what undo restores. */
export interface PersonMergeRowsTable {
  mergeId: string
  tableName: string
  columnName: string
  action: 'moved' | 'removed'
  row: unknown
}

export interface Database {
  personMerges: PersonMergesTable
  personMergeRows: PersonMergeRowsTable
}

export interface FlashMessagesTable {
  id: Generated<string>
  issuerKind: 'syndicate' | 'collectivity' | 'school'
  issuerCollectivityId: string | null
  issuerSchoolId: string | null
  text: string
  profiles: Profile[]
  allSchools: boolean
  /** Paris days, `YYYY-MM-DD`, both included. */
  startsOn: string
  endsOn: string
  createdBy: string | null
  createdAt: CreatedAt
}

export interface FlashMessageSchoolsTable {
  schoolId: string
  messageId: string
}

export interface FlashMessageDismissalsTable {
  userId: string
  messageId: string
  dismissedAt: Generated<Date>
}

export interface Database {
  flashMessages: FlashMessagesTable
  flashMessageSchools: FlashMessageSchoolsTable
  flashMessageDismissals: FlashMessageDismissalsTable
}

/** A director's decision on a « doublon possible » across schools (migration 0021). */
export interface ImportAccountDecisionsTable {
  schoolId: string
  profile: 'parent' | 'teacher'
  personKey: string
  otherUserId: string
  decision: 'same' | 'distinct'
  runId: string | null
  decidedBy: string | null
  decidedAt: Generated<Date>
}

export interface Database {
  importAccountDecisions: ImportAccountDecisionsTable
}

/** What each school's directory shows, versioned by triggers (migration 0023; `directory/roster.ts`). */
export interface DirectoryVersionsTable {
  schoolId: string
  version: ColumnType<string, never, never>
}

export interface Database {
  directoryVersions: DirectoryVersionsTable
}
