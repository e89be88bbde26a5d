import { sql } from 'kysely'
import type { SchoolKind } from '../../../../contract/structures.ts'
import type { Db } from '../../../db/connection.ts'

/** A member collectivity as the import needs it: who it is and the communes whose schools it takes. */
export type ImportCollectivity = {
  id: string
  name: string
  siren: string
  /** Its own INSEE code (a commune) and the communes it covers, each once. */
  communeCodes: string[]
}

/** A school already in Préau, with the fields the directory keeps up to date. */
export type ExistingSchool = {
  id: string
  collectivityId: string
  uai: string
  name: string
  kind: SchoolKind
  inseeCode: string
  circonscription: string | null
}

/** The fields of a school the import writes. */
export type DirectorySchoolValues = Pick<ExistingSchool, 'name' | 'kind' | 'inseeCode' | 'circonscription'>

function toImportCollectivity(row: {
  id: string
  name: string
  siren: string
  inseeCode: string | null
  communeCodes: string[]
}): ImportCollectivity {
  const codes = new Set(row.communeCodes.map((code) => code.trim().toUpperCase()))
  if (row.inseeCode) codes.add(row.inseeCode.trim().toUpperCase())
  return { id: row.id, name: row.name, siren: row.siren, communeCodes: [...codes] }
}

const COLLECTIVITY_COLUMNS = ['id', 'name', 'siren', 'inseeCode', 'communeCodes'] as const

/** The collectivity with this id, or undefined. */
export async function findImportCollectivity(db: Db, id: string): Promise<ImportCollectivity | undefined> {
  const row = await db
    .selectFrom('collectivities')
    .select(COLLECTIVITY_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst()
  return row && toImportCollectivity(row)
}

/** The collectivity with this SIREN (the command line names collectivities by SIREN), or undefined. */
export async function findImportCollectivityBySiren(
  db: Db,
  siren: string,
): Promise<ImportCollectivity | undefined> {
  const row = await db
    .selectFrom('collectivities')
    .select(COLLECTIVITY_COLUMNS)
    .where('siren', '=', siren)
    .executeTakeFirst()
  return row && toImportCollectivity(row)
}

const SCHOOL_COLUMNS = [
  'id',
  'collectivityId',
  'uai',
  'name',
  'kind',
  'inseeCode',
  'circonscription',
] as const

/** Every school of the collectivity (a few hundred at most), by UAI. */
export async function findCollectivitySchools(
  db: Db,
  collectivityId: string,
): Promise<Map<string, ExistingSchool>> {
  const rows = await db
    .selectFrom('schools')
    .select(SCHOOL_COLUMNS)
    .where('collectivityId', '=', collectivityId)
    .execute()
  return new Map(rows.map((row) => [row.uai, row as ExistingSchool]))
}

/** The schools with these UAIs that belong to another collectivity, by UAI. */
export async function findSchoolsElsewhere(
  db: Db,
  collectivityId: string,
  uais: readonly string[],
): Promise<Map<string, ExistingSchool>> {
  if (uais.length === 0) return new Map()
  const rows = await db
    .selectFrom('schools')
    .select(SCHOOL_COLUMNS)
    .where('uai', '=', sql<string>`any(${sql.val([...uais])}::text[])`)
    .where('collectivityId', '<>', collectivityId)
    .execute()
  return new Map(rows.map((row) => [row.uai, row as ExistingSchool]))
}

/**
 * Serialises imports of the directory (and keeps the collectivity from vanishing) until the transaction
 * ends: two imports planned at once would both create the same UAI.
 */
export async function lockForDirectoryImport(trx: Db, collectivityId: string): Promise<boolean> {
  await sql`select pg_advisory_xact_lock(hashtext('preau.school-directory-import'))`.execute(trx)
  const row = await trx
    .selectFrom('collectivities')
    .select('id')
    .where('id', '=', collectivityId)
    .forShare()
    .executeTakeFirst()
  return row !== undefined
}

/** Creates the schools; returns their ids by UAI. */
export async function insertDirectorySchools(
  trx: Db,
  collectivityId: string,
  schools: readonly (DirectorySchoolValues & { uai: string })[],
): Promise<Map<string, string>> {
  if (schools.length === 0) return new Map()
  const rows = await trx
    .insertInto('schools')
    .values(schools.map((school) => ({ collectivityId, ...school })))
    .returning(['id', 'uai'])
    .execute()
  return new Map(rows.map((row) => [row.uai, row.id]))
}

/** Changes the directory's fields of one school of the collectivity. */
export async function updateDirectorySchool(
  trx: Db,
  collectivityId: string,
  schoolId: string,
  patch: Partial<DirectorySchoolValues>,
): Promise<void> {
  if (Object.keys(patch).length === 0) return
  await trx
    .updateTable('schools')
    .set(patch)
    .where('id', '=', schoolId)
    .where('collectivityId', '=', collectivityId)
    .execute()
}
