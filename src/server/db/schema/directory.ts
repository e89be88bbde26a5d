import type { ColumnType } from 'kysely'

/** When each school's directory kept in memory must be read again (module directory, ADR 0015). */

export interface DirectoryVersionsTable {
  schoolId: string
  /** Moved by triggers (migration 0023); bigint, read as text. */
  version: ColumnType<string, never, never>
}

export interface DirectoryTables {
  directoryVersions: DirectoryVersionsTable
}
