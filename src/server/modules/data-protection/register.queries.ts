import type { ProcessingActivityBody } from '../../../contract/data-protection.ts'
import type { Db } from '../../db/connection.ts'

const COLUMNS = [
  'id',
  'name',
  'purposes',
  'legalBasis',
  'dataSubjects',
  'dataCategories',
  'recipients',
  'retention',
  'securityMeasures',
  'updatedAt',
] as const

export async function listActivities(db: Db) {
  return db.selectFrom('processingActivities').select(COLUMNS).orderBy('name').orderBy('id').execute()
}

export async function insertActivity(db: Db, body: ProcessingActivityBody, by: string | null) {
  return db
    .insertInto('processingActivities')
    .values({ ...body, updatedBy: by })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()
}

export async function updateActivity(db: Db, id: string, body: ProcessingActivityBody, by: string | null) {
  return db
    .updateTable('processingActivities')
    .set({ ...body, updatedBy: by, updatedAt: new Date() })
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirst()
}

export async function deleteActivity(db: Db, id: string) {
  return db
    .deleteFrom('processingActivities')
    .where('id', '=', id)
    .returning(['id', 'name'])
    .executeTakeFirst()
}
