import { sql } from 'kysely'
import type { CollectivityBody } from '../../../contract/administration.ts'
import type { Db } from '../../db/connection.ts'

export async function findCollectivities(db: Db) {
  return db
    .selectFrom('collectivities as c')
    .select([
      'c.id',
      'c.kind',
      'c.name',
      'c.siren',
      'c.inseeCode',
      'c.communeCodes',
      'c.population',
      sql<number>`(select count(*) from schools s where s.collectivity_id = c.id)`.as('schoolCount'),
    ])
    .orderBy('c.name')
    .execute()
}

export async function insertCollectivity(db: Db, body: CollectivityBody) {
  const communeCodes =
    body.communeCodes.length > 0 ? body.communeCodes : body.inseeCode ? [body.inseeCode] : []
  return db
    .insertInto('collectivities')
    .values({
      kind: body.kind,
      name: body.name,
      siren: body.siren,
      inseeCode: body.kind === 'commune' ? (body.inseeCode ?? null) : null,
      communeCodes,
      population: body.population ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function updateCollectivity(
  db: Db,
  id: string,
  patch: { name?: string; communeCodes?: string[]; population?: number | null },
): Promise<boolean> {
  if (Object.keys(patch).length === 0) {
    return (
      (await db.selectFrom('collectivities').select('id').where('id', '=', id).executeTakeFirst()) !==
      undefined
    )
  }
  const result = await db.updateTable('collectivities').set(patch).where('id', '=', id).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function findCollectivity(db: Db, id: string) {
  return db.selectFrom('collectivities').selectAll().where('id', '=', id).executeTakeFirst()
}
