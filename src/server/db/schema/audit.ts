import type { ColumnType, Generated } from 'kysely'
import type { CreatedAt } from './columns.ts'

/** The audit trail (module audit). */

export interface AuditLogTable {
  id: Generated<number>
  at: CreatedAt
  actorId: string | null
  action: string
  schoolId: string | null
  targetType: string | null
  targetId: string | null
  details: ColumnType<Record<string, unknown>, string | undefined, never>
  ip: string | null
}

export interface AuditTables {
  auditLog: AuditLogTable
}
