import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { userReferences } from './user-references.ts'

describe('what a merge does with every table that names an account', () => {
  let database: TestDatabase
  let test: TestApp

  beforeAll(async () => {
    database = await createTestDatabase()
    // The whole app: every module has registered its references by then.
    test = await createTestApp(database)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  /** Every `table.column` of the catalogue that is a foreign key to `users`. */
  const foreignKeysToUsers = async () => {
    const { rows } = await sql<{ name: string }>`
      select c.conrelid::regclass::text || '.' || a.attname as name
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.confrelid = 'users'::regclass
      order by 1
    `.execute(database.db)
    return rows
  }
  const undeclared = async () => {
    const declared = new Set(userReferences().map((ref) => `${ref.table}.${ref.column}`))
    return (await foreignKeysToUsers()).map((row) => row.name).filter((name) => !declared.has(name))
  }

  it('declares every foreign key to users of the catalogue, so no table keeps a merged account’s rows', async () => {
    const rows = await foreignKeysToUsers()
    const declared = new Set(userReferences().map((ref) => `${ref.table}.${ref.column}`))
    const missing = await undeclared()
    expect(
      missing,
      `These columns name an account but a merge of two accounts does not say what to do with them: ` +
        `declare each with registerUserReference (src/server/modules/person-merge/index.ts) in its module.`,
    ).toEqual([])
    // And nothing is declared that the catalogue does not have (a renamed or dropped column).
    const existing = new Set(rows.map((row) => row.name))
    expect([...declared].filter((name) => !existing.has(name))).toEqual([])
  })

  it('names a future table that forgets to declare itself (a messages table, say)', async () => {
    await sql`create table messages_probe (id uuid primary key, sender_id uuid references users)`.execute(
      database.db,
    )
    try {
      expect(await undeclared()).toEqual(['messages_probe.sender_id'])
    } finally {
      await sql`drop table messages_probe`.execute(database.db)
    }
  })

  it('moves rows only where the table has a primary key (undo finds them by it) or the declared key', async () => {
    for (const ref of userReferences().filter((r) => r.onMerge === 'move')) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_index where indrelid = ${ref.table}::regclass and indisprimary
      `.execute(database.db)
      expect(rows[0]!.n, `${ref.table} has no primary key`).toBe(1)
    }
  })
})
