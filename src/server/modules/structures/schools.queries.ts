import { sql } from 'kysely'
import type { SchoolBody } from '../../../contract/administration.ts'
import type { Db } from '../../db/connection.ts'
import { escapeLike } from '../../db/like.ts'
import { type SchoolScope, updateInSchool } from '../../plugins/tenancy.ts'

/** Schools with their collectivity and current counts, optionally limited to some collectivities. */
export async function findSchools(
  db: Db,
  filter: { collectivityIds?: string[]; collectivityId?: string; q?: string },
) {
  let query = db
    .selectFrom('schools as s')
    .innerJoin('collectivities as c', 'c.id', 's.collectivityId')
    .select([
      's.id',
      's.collectivityId',
      'c.name as collectivityName',
      's.uai',
      's.name',
      's.kind',
      's.inseeCode',
      's.circonscription',
      's.rpi',
      sql<number>`(select count(*) from classes k where k.school_id = s.id and k.archived_at is null)`.as(
        'classCount',
      ),
      sql<number>`(select count(*) from memberships m where m.school_id = s.id and m.profile = 'pupil' and m.left_at is null)`.as(
        'pupilCount',
      ),
    ])
    .orderBy('s.name')
    .limit(2000)
  if (filter.collectivityIds) query = query.where('s.collectivityId', 'in', filter.collectivityIds)
  if (filter.collectivityId) query = query.where('s.collectivityId', '=', filter.collectivityId)
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`
    query = query.where((eb) => eb.or([eb('s.name', 'ilike', like), eb('s.uai', 'ilike', like)]))
  }
  return query.execute()
}

export async function insertSchool(db: Db, body: SchoolBody) {
  return db
    .insertInto('schools')
    .values({
      collectivityId: body.collectivityId,
      uai: body.uai,
      name: body.name,
      kind: body.kind,
      inseeCode: body.inseeCode,
      circonscription: body.circonscription ?? null,
      rpi: body.rpi ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function updateSchool(
  db: Db,
  schoolId: string,
  patch: Partial<Pick<SchoolBody, 'name' | 'kind' | 'inseeCode' | 'circonscription' | 'rpi'>>,
): Promise<void> {
  if (Object.keys(patch).length === 0) return
  await db.updateTable('schools').set(patch).where('id', '=', schoolId).execute()
}

/** Gives or takes the director function of a teacher of the school; false when they are not one. */
export async function setDirector(scope: SchoolScope, userId: string, isDirector: boolean): Promise<boolean> {
  const result = await updateInSchool(scope, 'memberships')
    .set({ functions: isDirector ? sql`array['director']::text[]` : sql`'{}'::text[]` })
    .where('userId', '=', userId)
    .where('profile', '=', 'teacher')
    .where('leftAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
