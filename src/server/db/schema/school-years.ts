import type { Generated } from 'kysely'
import type { IsoDate, Timestamp } from './columns.ts'

/** 0005-rollover: the scheduled deletions of departed people's personal data (module school-years). */

export interface PersonalDataDeletionsTable {
  id: Generated<string>
  /** No foreign key: the row stays, without anything personal, as the trace of a deletion done. */
  userId: string
  dueOn: IsoDate
  scheduledAt: Timestamp
  /** The year whose opening scheduled it; null when the daily job did. */
  schoolYearId: string | null
  status: Generated<'scheduled' | 'done' | 'cancelled'>
  outcome: 'anonymised' | 'deleted' | null
  settledAt: Timestamp | null
}

export interface SchoolYearsTables {
  personalDataDeletions: PersonalDataDeletionsTable
}
