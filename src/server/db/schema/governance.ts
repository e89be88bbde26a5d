import type { ColumnType, Generated } from 'kysely'
import type { CreatedAt, IsoDate, Json, NullableJson, Timestamp } from './columns.ts'

/** 0014-governance: the register of the comité syndical (ADR 0011). */

export interface GovernanceBodiesTable {
  id: Generated<string>
  kind: 'comite' | 'bureau'
  name: string
  rules: Json<import('../../modules/governance/domain/body-rules.ts').BodyRules>
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
  totals: NullableJson<import('../../modules/governance/domain/votes.ts').VoteTotals>
  ballots: NullableJson<import('../../modules/governance/domain/votes.ts').Ballot[]>
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

export interface GovernanceTables {
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
