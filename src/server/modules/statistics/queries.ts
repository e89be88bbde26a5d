import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'
import { fromSchool, type SchoolScope } from '../../plugins/tenancy.ts'

/**
 * The dashboards' reads: only aggregates, never the raw events. An area above the school reads
 * `usage_daily_by_area` (one row per day, kind, service and profile: a year of the whole region is a
 * few thousand rows); a school reads its own `usage_daily` through its scope.
 */

export type Period = { from: string; to: string }
export type ConnectionRow = { day: string; profile: string; events: number; uniqueUsers: number }
export type ApplicationRow = { service: string; openings: number }
export type ActivationRow = {
  schoolId: string
  uai: string
  name: string
  accounts: number
  activated: number
}

const dayText = sql<string>`to_char(day, 'YYYY-MM-DD')`

export async function areaConnections(db: Db, area: string, period: Period): Promise<ConnectionRow[]> {
  return db
    .selectFrom('usageDailyByArea')
    .select([dayText.as('day'), 'profile', 'events', 'uniqueUsers'])
    .where('area', '=', area)
    .where('kind', '=', 'connexion')
    .where('service', '=', '')
    .where('day', '>=', period.from)
    .where('day', '<=', period.to)
    .orderBy('day')
    .orderBy('profile')
    .execute()
}

export async function areaApplications(db: Db, area: string, period: Period): Promise<ApplicationRow[]> {
  const rows = await db
    .selectFrom('usageDailyByArea')
    .select(['service', (eb) => eb.fn.sum<string>('events').as('openings')])
    .where('area', '=', area)
    .where('kind', '=', 'application')
    .where('day', '>=', period.from)
    .where('day', '<=', period.to)
    .groupBy('service')
    .orderBy('service')
    .execute()
  return rows.map((row) => ({ service: row.service, openings: Number(row.openings) }))
}

export async function schoolConnections(scope: SchoolScope, period: Period): Promise<ConnectionRow[]> {
  return fromSchool(scope, 'usageDaily')
    .select([dayText.as('day'), 'profile', 'events', 'uniqueUsers'])
    .where('kind', '=', 'connexion')
    .where('service', '=', '')
    .where('day', '>=', period.from)
    .where('day', '<=', period.to)
    .orderBy('day')
    .orderBy('profile')
    .execute()
}

export async function schoolApplications(scope: SchoolScope, period: Period): Promise<ApplicationRow[]> {
  const rows = await fromSchool(scope, 'usageDaily')
    .select(['service', (eb) => eb.fn.sum<string>('events').as('openings')])
    .where('kind', '=', 'application')
    .where('day', '>=', period.from)
    .where('day', '<=', period.to)
    .groupBy('service')
    .orderBy('service')
    .execute()
  return rows.map((row) => ({ service: row.service, openings: Number(row.openings) }))
}

/** Accounts created and activated per school of the area (`null` filter: every school). */
export async function activationOfSchools(
  db: Db,
  filter: { collectivityId?: string; circonscription?: string; schoolId?: string },
): Promise<ActivationRow[]> {
  let query = db
    .selectFrom('schools as s')
    .leftJoin('usageActivation as a', 'a.schoolId', 's.id')
    .select([
      's.id as schoolId',
      's.uai',
      's.name',
      sql<number>`coalesce(a.accounts, 0)`.as('accounts'),
      sql<number>`coalesce(a.activated, 0)`.as('activated'),
    ])
  if (filter.collectivityId) query = query.where('s.collectivityId', '=', filter.collectivityId)
  if (filter.circonscription) query = query.where('s.circonscription', '=', filter.circonscription)
  if (filter.schoolId) query = query.where('s.id', '=', filter.schoolId)
  return query.orderBy('s.name').orderBy('s.id').execute()
}

export async function collectivityName(db: Db, collectivityId: string): Promise<string | null> {
  const row = await db
    .selectFrom('collectivities')
    .select('name')
    .where('id', '=', collectivityId)
    .executeTakeFirst()
  return row?.name ?? null
}

export async function schoolName(db: Db, schoolId: string): Promise<string | null> {
  const row = await db.selectFrom('schools').select('name').where('id', '=', schoolId).executeTakeFirst()
  return row?.name ?? null
}

/** The circonscriptions of the schools where the person is academic staff. */
export async function circonscriptionsOfAcademic(db: Db, schoolIds: string[]): Promise<string[]> {
  if (schoolIds.length === 0) return []
  const rows = await db
    .selectFrom('schools')
    .select('circonscription')
    .distinct()
    .where('id', 'in', schoolIds)
    .where('circonscription', 'is not', null)
    .orderBy('circonscription')
    .execute()
  return rows.map((row) => row.circonscription as string)
}

export async function allCirconscriptions(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('schools')
    .select('circonscription')
    .distinct()
    .where('circonscription', 'is not', null)
    .orderBy('circonscription')
    .execute()
  return rows.map((row) => row.circonscription as string)
}

export async function collectivitiesNamed(db: Db, ids: string[] | 'all') {
  let query = db.selectFrom('collectivities').select(['id', 'name']).orderBy('name')
  if (ids !== 'all') {
    if (ids.length === 0) return []
    query = query.where('id', 'in', ids)
  }
  return query.execute()
}

export async function schoolsNamed(db: Db, ids: string[]) {
  if (ids.length === 0) return []
  return db.selectFrom('schools').select(['id', 'name']).where('id', 'in', ids).orderBy('name').execute()
}

/** The schools of collectivities a person administers (their directors' dashboards are theirs too). */
export async function schoolsOfCollectivities(db: Db, collectivityIds: string[]) {
  if (collectivityIds.length === 0) return []
  return db
    .selectFrom('schools')
    .select(['id', 'name'])
    .where('collectivityId', 'in', collectivityIds)
    .orderBy('name')
    .execute()
}
