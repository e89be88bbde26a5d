import type { Generated } from 'kysely'
import type { CreatedAt, Timestamp } from './columns.ts'

/** 0016-usage-and-data-protection: the register of processing activities, « Mes données » archives. */

export interface ProcessingActivitiesTable {
  id: Generated<string>
  name: string
  purposes: string
  legalBasis: string
  dataSubjects: string
  dataCategories: string
  recipients: string
  retention: string
  securityMeasures: string
  updatedAt: Generated<Date>
  updatedBy: string | null
}

export interface DataExportsTable {
  id: Generated<string>
  userId: string
  status: Generated<'queued' | 'running' | 'ready' | 'failed'>
  progress: Generated<number>
  blobId: string | null
  createdAt: CreatedAt
  finishedAt: Timestamp | null
  expiresAt: Timestamp | null
}

export interface DataProtectionTables {
  processingActivities: ProcessingActivitiesTable
  dataExports: DataExportsTable
}
