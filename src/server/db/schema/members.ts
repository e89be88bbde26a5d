import type { Generated } from 'kysely'
import type { CreatedAt, IsoDate } from './columns.ts'

/** 0015-members-and-contributions: members, their contacts, schools' deployment, academic assignments (ADR 0012). */

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

export interface MembersTables {
  members: MembersTable
  memberContacts: MemberContactsTable
  schoolDeployments: SchoolDeploymentsTable
  schoolDeploymentEvents: SchoolDeploymentEventsTable
  academicAssignments: AcademicAssignmentsTable
}
