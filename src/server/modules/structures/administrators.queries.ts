import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'

export async function findAdministrators(db: Db) {
  return db
    .selectFrom('adminRoles as r')
    .innerJoin('users as u', 'u.id', 'r.userId')
    .leftJoin('collectivities as c', 'c.id', 'r.collectivityId')
    .select([
      'r.userId',
      'u.login',
      'u.displayName',
      'r.role',
      'r.collectivityId',
      'c.name as collectivityName',
    ])
    .orderBy('r.role', 'desc')
    .orderBy('u.displayName')
    .execute()
}

export async function findUserIdByLogin(db: Db, login: string) {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('login', '=', login.trim().toLowerCase())
    .where('disabledAt', 'is', null)
    .executeTakeFirst()
  return row?.id ?? null
}

export async function insertAdministrator(
  db: Db,
  userId: string,
  role: 'syndicate_admin' | 'collectivity_admin',
  collectivityId: string | null,
) {
  await db.insertInto('adminRoles').values({ userId, role, collectivityId }).execute()
}

export async function deleteAdministrator(
  db: Db,
  userId: string,
  role: 'syndicate_admin' | 'collectivity_admin',
  collectivityId: string | null,
): Promise<boolean> {
  const result = await db
    .deleteFrom('adminRoles')
    .where('userId', '=', userId)
    .where('role', '=', role)
    .where(sql<boolean>`collectivity_id is not distinct from ${collectivityId}`)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

export async function countSyndicateAdministrators(db: Db): Promise<number> {
  const row = await db
    .selectFrom('adminRoles')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'syndicate_admin')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function findSchoolYears(db: Db) {
  return db.selectFrom('schoolYears').selectAll().orderBy('label', 'desc').execute()
}

export async function insertSchoolYear(db: Db, label: string) {
  const start = Number(label.slice(0, 4))
  return db
    .insertInto('schoolYears')
    .values({ label, startsOn: `${start}-09-01`, endsOn: `${start + 1}-08-31`, isCurrent: false })
    .returning('id')
    .executeTakeFirstOrThrow()
}
