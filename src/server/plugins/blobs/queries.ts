import { type RawBuilder, sql, type Transaction } from 'kysely'
import type { Db } from '../../db/connection.ts'
import type { Database } from '../../db/schema.ts'
import { isUuid } from '../tenancy.ts'

/** One upload, as modules see it. */
export type BlobRecord = {
  id: string
  /** SHA-256 of the content, hex. */
  sha256: string
  size: number
  /** Sniffed from the bytes at upload. */
  contentType: string
  /** The name the file had when uploaded (cleaned). */
  fileName: string
  createdAt: Date
  createdBy: string | null
}

/** A column of some table that references `blobs(id)` by a foreign key. */
export type BlobReference = { table: string; column: string; isIndexed: boolean }

type BlobRow = Omit<BlobRecord, 'sha256'> & { sha256: Buffer }

const toRecord = (row: BlobRow): BlobRecord => ({ ...row, sha256: row.sha256.toString('hex') })

/**
 * Serialises, per content, what keeps a file and what deletes it: an upload that finds its content
 * already stored, and the collection that would delete that content's file once no row names it.
 */
export async function lockContent(trx: Transaction<Database>, sha256: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`preau.blob:${sha256}`}, 0))`.execute(trx)
}

export async function insertBlob(
  trx: Transaction<Database>,
  blob: Pick<BlobRecord, 'sha256' | 'size' | 'contentType' | 'fileName' | 'createdBy'>,
): Promise<BlobRecord> {
  const row = await trx
    .insertInto('blobs')
    .values({ ...blob, sha256: Buffer.from(blob.sha256, 'hex') })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toRecord(row)
}

export async function findBlob(db: Db, id: string): Promise<BlobRecord | null> {
  if (!isUuid(id)) return null
  const row = await db.selectFrom('blobs').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toRecord(row) : null
}

export async function isContentUsed(trx: Transaction<Database>, sha256: string): Promise<boolean> {
  const row = await trx
    .selectFrom('blobs')
    .select('id')
    .where('sha256', '=', Buffer.from(sha256, 'hex'))
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Every column that references `blobs(id)`, found in the catalogue: a module that adds one is
 * counted by the collection without telling anyone. `isIndexed` says whether an index leads with it
 * (without one, every collection scans that table).
 */
export async function findBlobReferences(db: Db): Promise<BlobReference[]> {
  const { rows } = await sql<BlobReference>`
    select c.conrelid::regclass::text as "table", quote_ident(a.attname) as "column",
      exists (
        select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]
      ) as "isIndexed"
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'blobs'::regclass and cardinality(c.conkey) = 1
    order by 1, 2
  `.execute(db)
  return rows
}

function unreferenced(references: BlobReference[]): RawBuilder<unknown> {
  if (references.length === 0) return sql`true`
  // Names come from the catalogue, already quoted by PostgreSQL (regclass, quote_ident).
  return sql.join(
    references.map(
      (reference) =>
        sql`not exists (select 1 from ${sql.raw(reference.table)} r where r.${sql.raw(reference.column)} = b.id)`,
    ),
    sql` and `,
  )
}

/**
 * Deletes up to `limit` blobs created before `cutoff` (and after the id `after`) that no reference
 * names. Rows someone is referencing right now are locked by them and skipped; a reference committed
 * during the statement makes PostgreSQL refuse the delete (23503), which the caller retries.
 */
export async function deleteUnreferencedBatch(
  db: Db,
  references: BlobReference[],
  cutoff: Date,
  after: string | null,
  limit: number,
): Promise<{ id: string; sha256: string }[]> {
  const { rows } = await sql<{ id: string; sha256: Buffer }>`
    with candidates as (
      select b.id from blobs b
      where b.created_at < ${cutoff} ${after ? sql`and b.id > ${after}` : sql``}
        and ${unreferenced(references)}
      order by b.id
      limit ${limit}
      for update skip locked
    )
    delete from blobs where id in (select id from candidates)
    returning id, sha256
  `.execute(db)
  return rows
    .map((row) => ({ id: row.id, sha256: row.sha256.toString('hex') }))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
}
