import type { Generated } from 'kysely'

/** 0017: two accounts of one person made one, and what undoing it restores (ADR 0014). */

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

export interface PersonMergeTables {
  personMerges: PersonMergesTable
  personMergeRows: PersonMergeRowsTable
}
