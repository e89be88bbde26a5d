import type { AuditTables } from './schema/audit.ts'
import type { BlobsTables } from './schema/blobs.ts'
import type { CommunicationTables } from './schema/communication.ts'
import type { ContributionsTables } from './schema/contributions.ts'
import type { DataProtectionTables } from './schema/data-protection.ts'
import type { DeploymentTables } from './schema/deployment.ts'
import type { DirectoryTables } from './schema/directory.ts'
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
    DirectoryTables,
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
export type * from './schema/directory.ts'
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
