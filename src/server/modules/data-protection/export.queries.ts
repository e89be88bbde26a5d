import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'

/**
 * What Préau holds about one person, found in the catalogue rather than listed by hand: every column
 * with a foreign key to `users(id)`, in every module's tables, present and future. This is the one
 * reader that crosses every module's tables (as the retention deletes across them): a person's right
 * of access covers all of them.
 */
export type PersonalReference = { table: string; column: string }

export async function findPersonalReferences(db: Db): Promise<PersonalReference[]> {
  const { rows } = await sql<PersonalReference>`
    select c.conrelid::regclass::text as "table", quote_ident(a.attname) as "column"
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'users'::regclass and cardinality(c.conkey) = 1
    order by 1, 2
  `.execute(db)
  return rows
}

/**
 * Columns never handed out, even to their owner: they are keys to the account, not information about
 * the person (password and token hashes, second-factor seeds, codes).
 */
const SECRET_COLUMN = /(hash|secret|token|seed|encrypted)/i

function withoutSecrets(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([column]) => !SECRET_COLUMN.test(column)))
}

/** The rows of `reference.table` where `reference.column` names the person, secrets left out. */
export async function rowsNaming(
  db: Db,
  reference: PersonalReference,
  userId: string,
): Promise<Record<string, unknown>[]> {
  // Names come from the catalogue, already quoted by PostgreSQL (regclass, quote_ident). Read as JSON,
  // whatever the table's columns (the CamelCasePlugin then names them as the rest of the API does).
  const { rows } = await sql<{ row: Record<string, unknown> }>`
    select to_jsonb(t) as row from ${sql.raw(reference.table)} t
    where t.${sql.raw(reference.column)} = ${userId}
    limit 100000
  `.execute(db)
  return rows.map((r) => withoutSecrets(r.row))
}

export async function accountRow(db: Db, userId: string): Promise<Record<string, unknown> | null> {
  const { rows } = await sql<{ row: Record<string, unknown> }>`
    select to_jsonb(u) - 'search_key' - 'person_key' as row from users u where u.id = ${userId}
  `.execute(db)
  return rows[0] ? withoutSecrets(rows[0].row) : null
}

/** The files the person uploaded (their content goes into the archive beside the data). */
export async function filesOf(db: Db, userId: string) {
  return db
    .selectFrom('blobs')
    .select(['id', 'fileName', 'size', 'contentType', 'createdAt'])
    .where('createdBy', '=', userId)
    .orderBy('createdAt')
    .execute()
}

export async function insertExport(db: Db, userId: string) {
  return db.insertInto('dataExports').values({ userId }).returningAll().executeTakeFirstOrThrow()
}

export async function latestExport(db: Db, userId: string) {
  return db
    .selectFrom('dataExports')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export async function findExport(db: Db, userId: string, exportId: string) {
  return db
    .selectFrom('dataExports')
    .selectAll()
    .where('userId', '=', userId)
    .where('id', '=', exportId)
    .executeTakeFirst()
}

export async function updateExport(
  db: Db,
  exportId: string,
  values: {
    status?: 'running' | 'ready' | 'failed'
    progress?: number
    blobId?: string
    finishedAt?: Date
    expiresAt?: Date
  },
) {
  await db.updateTable('dataExports').set(values).where('id', '=', exportId).execute()
}

/** Archives past their time go; their blobs are then collected by the blob store's nightly job. */
export async function deleteExpiredExports(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('dataExports').where('expiresAt', '<', now).executeTakeFirst()
  return Number(result.numDeletedRows)
}
