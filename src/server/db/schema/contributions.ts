import type { ColumnType, Generated } from 'kysely'
import type { CreatedAt, IsoDate, Timestamp } from './columns.ts'

/** 0015-members-and-contributions: contribution rules by year and version, frozen counts, computed lines (ADR 0012). */

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

export interface ContributionsTables {
  contributionRules: ContributionRulesTable
  contributionSnapshots: ContributionSnapshotsTable
  contributionSnapshotCounts: ContributionSnapshotCountsTable
  contributionComputations: ContributionComputationsTable
  contributionLines: ContributionLinesTable
}
