import type { ColumnType, Generated } from 'kysely'
import type { Audience } from '../../../contract/communication.ts'
import type { CreatedAt } from './columns.ts'

/** Who may write to whom, per school (module communication). */

export interface CommunicationRulesTable {
  schoolId: string
  id: Generated<string>
  source: ColumnType<Audience, string, string>
  target: ColumnType<Audience, string, string>
  effect: 'allow' | 'deny'
  bothWays: Generated<boolean>
  note: string | null
  createdBy: string | null
  createdAt: CreatedAt
}

export interface CommunicationTables {
  communicationRules: CommunicationRulesTable
}
