import type pg from 'pg'

/**
 * Drops the keys, indexes and foreign keys of the big tables before a bulk load and re-creates them after,
 * from the definitions PostgreSQL itself reports (so a later migration's constraints are kept too). Built
 * once over sorted data and checked by one join each, they cost a fraction of maintaining them row by row.
 * Everything happens inside the caller's transaction: a failed load leaves the schema as it was.
 */
export type SuspendedConstraints = {
  keys: Definition[]
  indexes: Definition[]
  foreignKeys: Definition[]
}
type Definition = { table: string; name: string; definition: string }

/** Drops every primary key, unique constraint, plain index and foreign key of `tables` (or pointing to them). */
export async function suspendConstraints(
  client: pg.ClientBase,
  tables: string[],
): Promise<SuspendedConstraints> {
  const oids = `array[${tables.map((table) => `'${table}'::regclass`).join(', ')}]`
  const constraintsOf = async (where: string) =>
    (
      await client.query<Definition>(
        `select format('%I.%I', n.nspname, t.relname) as table, quote_ident(c.conname) as name,
                pg_get_constraintdef(c.oid) as definition
         from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
         where ${where} order by c.oid`,
      )
    ).rows
  const foreignKeys = await constraintsOf(
    `c.contype = 'f' and (c.conrelid = any(${oids}) or c.confrelid = any(${oids}))`,
  )
  const keys = await constraintsOf(`c.contype in ('p', 'u') and c.conrelid = any(${oids})`)
  const { rows: indexes } = await client.query<Definition>(
    `select format('%I.%I', n.nspname, t.relname) as table, format('%I.%I', n.nspname, i.relname) as name,
            pg_get_indexdef(x.indexrelid) as definition
     from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
     join pg_namespace n on n.oid = t.relnamespace
     where x.indrelid = any(${oids}) and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
     order by x.indexrelid`,
  )
  for (const fk of foreignKeys) await client.query(`alter table ${fk.table} drop constraint ${fk.name}`)
  for (const index of indexes) await client.query(`drop index ${index.name}`)
  for (const key of keys) await client.query(`alter table ${key.table} drop constraint ${key.name}`)
  return { keys, indexes, foreignKeys }
}

/** Re-creates what `suspendConstraints` dropped: keys first (foreign keys need them), then indexes, then FKs. */
export async function restoreConstraints(
  client: pg.ClientBase,
  suspended: SuspendedConstraints,
  onStep: (label: string) => void = () => {},
): Promise<void> {
  for (const key of suspended.keys) {
    onStep(key.name)
    await client.query(`alter table ${key.table} add constraint ${key.name} ${key.definition}`)
  }
  for (const index of suspended.indexes) {
    onStep(index.name)
    await client.query(index.definition)
  }
  for (const fk of suspended.foreignKeys) {
    onStep(fk.name)
    await client.query(`alter table ${fk.table} add constraint ${fk.name} ${fk.definition}`)
  }
}
