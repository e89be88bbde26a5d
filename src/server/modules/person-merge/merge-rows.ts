import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../../db/connection.ts'
import { type UserReference, userReferences } from './user-references.ts'

/**
 * The rows of every table that names the merged account, moved to the kept account or removed, each
 * recorded as it was in `person_merge_rows`; and the way back. One statement per table and step, never
 * one per row. Table and column names come from the registry (code), never from a request.
 */

export type MergePair = { mergeId: string; keptId: string; mergedId: string }

type TableShape = { primaryKey: string[]; columns: string[] }

/** The primary key and the writable (not generated) columns of a table, from the catalogue. */
async function shapeOf(db: Db, table: string): Promise<TableShape> {
  const { rows } = await sql<{ name: string; isKey: boolean }>`
    select a.attname as name,
      coalesce(a.attnum = any(i.indkey), false) as is_key
    from pg_attribute a
    left join pg_index i on i.indrelid = a.attrelid and i.indisprimary
    where a.attrelid = ${table}::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    order by a.attnum
  `.execute(db)
  return { primaryKey: rows.filter((r) => r.isKey).map((r) => r.name), columns: rows.map((r) => r.name) }
}

const id = (name: string) => sql.id(name)
const col = (alias: string, name: string) => sql.id(alias, name)
const and = (parts: RawBuilder<unknown>[]) => sql.join(parts, sql` and `)

function record(pair: MergePair, ref: UserReference, action: 'moved' | 'removed', rows: RawBuilder<unknown>) {
  return sql`
    insert into person_merge_rows (merge_id, table_name, column_name, action, row)
    select ${pair.mergeId}::uuid, ${ref.table}, ${ref.column}, ${action}, x.row from (${rows}) x`
}

/** Moves or removes the merged account's rows of one reference, recording them. */
async function mergeReference(db: Db, pair: MergePair, ref: UserReference): Promise<void> {
  const table = id(ref.table)
  const column = col('t', ref.column)
  if (ref.onMerge === 'keep') return
  if (ref.onMerge === 'end') {
    await sql`delete from ${table} t where ${column} = ${pair.mergedId}`.execute(db)
    return
  }
  if (ref.onMerge === 'remove' || ref.onMerge === 'move-unless-present') {
    const key: string[] = ref.onMerge === 'move-unless-present' ? ref.key : []
    const clash =
      ref.onMerge === 'remove'
        ? sql`true`
        : sql`exists (select 1 from ${table} o where ${col('o', ref.column)} = ${pair.keptId}
            ${key.length > 0 ? sql`and ${and(key.map((k) => sql`${col('o', k)} is not distinct from ${col('t', k)}`))}` : sql``})`
    await sql`
      with gone as (delete from ${table} t where ${column} = ${pair.mergedId} and ${clash} returning to_jsonb(t.*) as row)
      ${record(pair, ref, 'removed', sql`select row from gone`)}
    `.execute(db)
    if (ref.onMerge === 'remove') return
  }
  await sql`
    with moved as (
      update ${table} t set ${id(ref.column)} = ${pair.keptId} where ${column} = ${pair.mergedId}
      returning (to_jsonb(t.*) || jsonb_build_object(${ref.column}::text, ${pair.mergedId}::text)) as row
    )
    ${record(pair, ref, 'moved', sql`select row from moved`)}
  `.execute(db)
}

/** Every declared reference, in order: the merged account keeps nothing but its own row. */
export async function mergeRows(db: Db, pair: MergePair): Promise<void> {
  for (const ref of userReferences()) await mergeReference(db, pair, ref)
}

/** Puts back what the merge of `pair` moved and removed, in reverse order, exactly as it was. */
export async function restoreRows(db: Db, pair: MergePair): Promise<void> {
  for (const ref of userReferences().reverse()) {
    if (ref.onMerge === 'keep' || ref.onMerge === 'end') continue
    const shape = await shapeOf(db, ref.table)
    const table = id(ref.table)
    const recorded = (action: 'moved' | 'removed') => sql`
      select jsonb_populate_record(null::${table}, r.row) as o from person_merge_rows r
      where r.merge_id = ${pair.mergeId} and r.table_name = ${ref.table} and r.column_name = ${ref.column}
        and r.action = ${action}`
    if (ref.onMerge !== 'remove') {
      const identity =
        shape.primaryKey.length > 0
          ? shape.primaryKey
          : [ref.column, ...(ref.onMerge === 'move-unless-present' ? ref.key : [])]
      const same = identity.map((k) =>
        k === ref.column
          ? sql`${col('t', k)} = ${pair.keptId}`
          : sql`${col('t', k)} is not distinct from (x.o).${id(k)}`,
      )
      await sql`
        update ${table} t set ${id(ref.column)} = ${pair.mergedId}
        from (${recorded('moved')}) x where ${and(same)}
      `.execute(db)
    }
    const columns = shape.columns.map((c) => id(c))
    // The rows come back as they were, ids included, even where an identity column generates them.
    await sql`
      insert into ${table} (${sql.join(columns)}) overriding system value
      select ${sql.join(shape.columns.map((c) => sql`(x.o).${id(c)}`))} from (${recorded('removed')}) x
    `.execute(db)
  }
}
