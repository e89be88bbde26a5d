import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'

export type AuditRecord = {
  actorId: string | null
  action: string
  schoolId: string | null
  targetType: string | null
  targetId: string | null
  details: Record<string, unknown>
  ip: string | null
}

export async function insertAuditRecord(db: Db, record: AuditRecord): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({ ...record, details: JSON.stringify(record.details) })
    .execute()
}

/** One page of the trail, newest first, by keyset on the id (`before`). */
export async function findAuditPage(
  db: Db,
  filter: {
    schoolId?: string
    before?: number
    limit: number
    action?: string
    actorId?: string
    reads?: 'personal-data'
  },
) {
  let query = db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.id', 'a.actorId')
    .select([
      'a.id',
      'a.at',
      'a.actorId',
      'u.displayName as actorName',
      'a.action',
      'a.schoolId',
      'a.targetType',
      'a.targetId',
      'a.details',
    ])
    // The name of what was acted on, as it is now (an id alone tells a reader nothing).
    .select(
      sql<
        string | null
      >`case when a.target_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
        case a.target_type
          when 'user' then (select t.display_name from users t where t.id = a.target_id::uuid)
          when 'class' then (select t.name from classes t where t.id = a.target_id::uuid and t.school_id = a.school_id)
          when 'group' then (select t.name from groups t where t.id = a.target_id::uuid and t.school_id = a.school_id)
          when 'school' then (select t.name from schools t where t.id = a.target_id::uuid)
          when 'collectivity' then (select t.name from collectivities t where t.id = a.target_id::uuid)
        end end`.as('targetName'),
    )
    .orderBy('a.id', 'desc')
    .limit(filter.limit + 1)
  if (filter.schoolId) query = query.where('a.schoolId', '=', filter.schoolId)
  if (filter.before) query = query.where('a.id', '<', filter.before)
  if (filter.action) query = query.where('a.action', '=', filter.action)
  if (filter.actorId) query = query.where('a.actorId', '=', filter.actorId)
  if (filter.reads) query = query.where('a.action', 'like', 'read:%')
  return query.execute()
}
