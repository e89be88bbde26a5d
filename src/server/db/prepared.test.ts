import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSchoolScopeForTest } from '../testing/school-scope.ts'
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts'
import { buildWorld, type World } from '../testing/world.ts'
import { executePrepared } from './prepared.ts'

/** The directory's statements run prepared: planned once per connection, same rows as a plain query. */
describe('prepared statements', () => {
  let database: TestDatabase
  let world: World
  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
  })
  afterAll(() => database.drop())

  const preparedOnThisConnection = sql<{ n: number }>`
    select count(*)::int as n from pg_prepared_statements where statement like '%preau-prepared-probe%'`

  it('prepares a statement once on the connection that runs it and answers as a plain query would', async () => {
    await database.db.connection().execute(async (connection) => {
      const probe = (n: number) =>
        sql<{ twice: number }>`select ${n}::int * 2 as twice -- preau-prepared-probe`
      expect((await preparedOnThisConnection.execute(connection)).rows).toEqual([{ n: 0 }])
      expect((await executePrepared(connection, probe(21))).rows).toEqual([{ twice: 42 }])
      expect((await executePrepared(connection, probe(4))).rows).toEqual([{ twice: 8 }])
      expect((await probe(5).execute(connection)).rows).toEqual([{ twice: 10 }])
      expect((await preparedOnThisConnection.execute(connection)).rows).toEqual([{ n: 1 }])
    })
  })

  it('runs in the school’s tenancy like any query of its scope (row-level security applies)', async () => {
    const scope = openSchoolScopeForTest(database.db, world.own.id)
    const schools = sql<{ schoolId: string }>`select distinct school_id from memberships -- preau-rls-probe`
    for (let round = 0; round < 7; round++) {
      // Past five executions PostgreSQL may switch to a generic plan: still the school's rows only.
      expect((await executePrepared(scope.db, schools)).rows).toEqual([{ schoolId: world.own.id }])
    }
  })
})
