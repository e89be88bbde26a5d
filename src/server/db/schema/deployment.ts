import type { Generated } from 'kysely'
import type { CreatedAt, Timestamp } from './columns.ts'

/** The syndicate's identity and the versioned charter people accept (module deployment). */

export interface SyndicateTable {
  id: Generated<string>
  singleton: Generated<boolean>
  name: string
  siren: string | null
  address: string | null
  dpoName: string | null
  dpoEmail: string | null
  dpoAddress: string | null
  createdAt: CreatedAt
  updatedAt: Timestamp | null
}

export interface CharterAcceptancesTable {
  userId: string
  version: string
  acceptedAt: Generated<Date>
}

export interface DeploymentTables {
  syndicate: SyndicateTable
  charterAcceptances: CharterAcceptancesTable
}
