import type { ColumnType, Generated } from 'kysely'

/** ONDE import runs, their anomalies, image consents, directors' decisions on possible duplicates (module imports). */

export interface ImageConsentsTable {
  schoolId: string
  pupilId: string
  status: 'granted' | 'refused'
  source: 'import' | 'guardian'
  awaitingConfirmation: boolean
  recordedAt: Generated<Date>
  recordedBy: string | null
}

export interface ImportRunsTable {
  id: Generated<string>
  schoolId: string | null
  status: Generated<'staged' | 'applied' | 'discarded' | 'lost'>
  files: Generated<unknown>
  report: unknown | null
  /** Rows staged per table, written when staging ends (null while reading): checked before use. */
  stagedRows: unknown | null
  decisions: ColumnType<Record<string, 'same' | 'distinct'>, string | undefined, string>
  createdBy: string | null
  createdAt: Generated<Date>
  appliedAt: Date | null
  appliedBy: string | null
}

export interface ImportAnomaliesTable {
  runId: string
  id: Generated<string>
  schoolId: string | null
  file: string
  line: number
  code: string
  message: string
  outcome: string
  field: string | null
  subject: unknown | null
}

/** A director's decision on a « doublon possible » across schools (migration 0021). */
export interface ImportAccountDecisionsTable {
  schoolId: string
  profile: 'parent' | 'teacher'
  personKey: string
  otherUserId: string
  decision: 'same' | 'distinct'
  runId: string | null
  decidedBy: string | null
  decidedAt: Generated<Date>
}

export interface ImportsTables {
  imageConsents: ImageConsentsTable
  importRuns: ImportRunsTable
  importAnomalies: ImportAnomaliesTable
  importAccountDecisions: ImportAccountDecisionsTable
}
