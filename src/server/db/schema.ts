import type { ColumnType, Generated } from 'kysely'
import type { ClassLevel, Profile, SchoolFunction, SchoolKind } from '../../contract/structures.ts'

/**
 * The database as Kysely sees it (camelCase; the CamelCasePlugin maps to snake_case SQL).
 * One interface per table, in the order of the migrations that create them.
 */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Timestamp = ColumnType<Date, Date | string, Date | string>
/** `date` columns stay ISO strings (`yyyy-mm-dd`): a birth date has no time zone. */
type IsoDate = ColumnType<string, string, string>

export interface SyndicateTable {
  id: Generated<string>
  singleton: Generated<boolean>
  name: string
  siren: string | null
  createdAt: CreatedAt
}

export interface CollectivitiesTable {
  id: Generated<string>
  kind: 'commune' | 'epci'
  name: string
  siren: string
  inseeCode: string | null
  communeCodes: Generated<string[]>
  population: number | null
  createdAt: CreatedAt
}

export interface SchoolsTable {
  id: Generated<string>
  collectivityId: string
  uai: string
  name: string
  kind: SchoolKind
  inseeCode: string
  circonscription: string | null
  rpi: string | null
  createdAt: CreatedAt
}

export interface SchoolYearsTable {
  id: Generated<string>
  label: string
  startsOn: IsoDate
  endsOn: IsoDate
  isCurrent: Generated<boolean>
}

export interface ClassesTable {
  schoolId: string
  id: Generated<string>
  schoolYearId: string
  name: string
  levels: ClassLevel[]
  archivedAt: Timestamp | null
}

export interface UsersTable {
  id: Generated<string>
  login: string
  firstName: string
  lastName: string
  displayName: string
  alias: string | null
  email: string | null
  phone: string | null
  birthDate: IsoDate | null
  passwordHash: string | null
  activatedAt: Timestamp | null
  charterAcceptedAt: Timestamp | null
  disabledAt: Timestamp | null
  createdAt: CreatedAt
  updatedAt: Generated<Date>
}

export interface MembershipsTable {
  schoolId: string
  userId: string
  profile: Profile
  functions: Generated<SchoolFunction[]>
  createdAt: CreatedAt
  leftAt: Timestamp | null
}

export interface ClassMembersTable {
  schoolId: string
  classId: string
  userId: string
  role: 'pupil' | 'teacher' | 'staff'
}

export interface FamilyLinksTable {
  schoolId: string
  pupilId: string
  parentId: string
}

export interface AdminRolesTable {
  userId: string
  role: 'syndicate_admin' | 'collectivity_admin'
  collectivityId: string | null
}

export interface SessionsTable {
  id: Generated<string>
  tokenHash: Buffer
  userId: string
  createdAt: CreatedAt
  lastSeenAt: Generated<Date>
  expiresAt: Timestamp
  ip: string | null
  userAgent: string | null
  revokedAt: Timestamp | null
}

export interface Database {
  syndicate: SyndicateTable
  collectivities: CollectivitiesTable
  schools: SchoolsTable
  schoolYears: SchoolYearsTable
  classes: ClassesTable
  users: UsersTable
  memberships: MembershipsTable
  classMembers: ClassMembersTable
  familyLinks: FamilyLinksTable
  adminRoles: AdminRolesTable
  sessions: SessionsTable
}

/** The tables whose rows belong to one school: every query on them goes through `fromSchool`. */
export type SchoolTable = {
  [T in keyof Database]: Database[T] extends { schoolId: string } ? T : never
}[keyof Database]
