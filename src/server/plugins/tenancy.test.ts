import fs from 'node:fs/promises'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDatabase, type Db } from '../db/connection.ts'
import { PROJECT_ROOT } from '../project.ts'
import { addMember, buildSchool, buildUser } from '../testing/factories.ts'
import { openSchoolScopeForTest } from '../testing/school-scope.ts'
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts'
import { buildWorld, type World } from '../testing/world.ts'
import { fromSchool, type SchoolScope, schoolTransaction } from './tenancy.ts'

/** PostgreSQL's answer to a row that a policy refuses, or to a table the role may not touch. */
const REFUSED = { code: '42501' }

describe('tenancy in the data layer', () => {
  let database: TestDatabase
  let db: Db
  let world: World
  let scopeA: SchoolScope
  beforeAll(async () => {
    database = await createTestDatabase()
    db = database.db
    world = await buildWorld(db)
    scopeA = openSchoolScopeForTest(db, world.own.id)
  })
  afterAll(async () => {
    await database.drop()
  })

  describe('a query of school A that forgets its school filter', () => {
    it('reads school A’s rows only, from every school table', async () => {
      for (const table of ['memberships', 'classes', 'classMembers', 'familyLinks'] as const) {
        const everywhere = await db.selectFrom(table).select('schoolId').execute()
        expect(new Set(everywhere.map((row) => row.schoolId))).toEqual(
          new Set([world.own.id, world.other.id]),
        )
        const scoped = await scopeA.db.selectFrom(table).select('schoolId').execute()
        expect(scoped.length).toBeGreaterThan(0)
        expect(scoped.every((row) => row.schoolId === world.own.id)).toBe(true)
      }
      const { rows } = await sql<{ n: number }>`select count(*) as n from memberships
        where school_id = ${world.other.id}`.execute(scopeA.db)
      expect(rows[0]?.n).toBe(0)
    })

    it('cannot insert a row of school B', async () => {
      const intruder = await buildUser(db, { firstName: 'Intrus', lastName: 'B' })
      await expect(
        scopeA.db
          .insertInto('memberships')
          .values({ schoolId: world.other.id, userId: intruder.id, profile: 'guest' })
          .execute(),
      ).rejects.toMatchObject(REFUSED)
      await expect(
        scopeA.db
          .insertInto('familyLinks')
          .values({ schoolId: world.other.id, pupilId: world.other.pupilId, parentId: intruder.id })
          .execute(),
      ).rejects.toMatchObject(REFUSED)
      expect(
        await db.selectFrom('memberships').select('userId').where('userId', '=', intruder.id).execute(),
      ).toEqual([])
    })

    it('cannot update or delete school B’s rows, nor move a row of A to B', async () => {
      const renamed = await scopeA.db
        .updateTable('classes')
        .set({ name: 'Prise' })
        .where('id', '=', world.other.classId)
        .executeTakeFirst()
      expect(Number(renamed.numUpdatedRows)).toBe(0)
      const removed = await scopeA.db
        .deleteFrom('familyLinks')
        .where('pupilId', '=', world.other.pupilId)
        .executeTakeFirst()
      expect(Number(removed.numDeletedRows)).toBe(0)
      await expect(
        scopeA.db
          .updateTable('memberships')
          .set({ schoolId: world.other.id })
          .where('userId', '=', world.own.pupilId)
          .execute(),
      ).rejects.toMatchObject(REFUSED)
      const otherClass = await db
        .selectFrom('classes')
        .select('name')
        .where('id', '=', world.other.classId)
        .executeTakeFirstOrThrow()
      expect(otherClass.name).toBe('CE1 B')
      expect(
        await db
          .selectFrom('familyLinks')
          .select('parentId')
          .where('pupilId', '=', world.other.pupilId)
          .execute(),
      ).toEqual([{ parentId: world.other.parentId }])
    })

    it('holds inside the scope’s transactions too', async () => {
      const seen = await scopeA.db
        .transaction()
        .execute((trx) => trx.selectFrom('memberships').select('schoolId').distinct().execute())
      expect(seen).toEqual([{ schoolId: world.own.id }])
      const seenInScope = await schoolTransaction(scopeA, (scope) =>
        scope.db.selectFrom('classes').select('schoolId').distinct().execute(),
      )
      expect(seenInScope).toEqual([{ schoolId: world.own.id }])
    })
  })

  it('gives the unscoped handle every school again on the same connection, at no cost when nothing changes', async () => {
    const single = createDatabase({ connectionString: database.url, poolSize: 1 })
    try {
      const scope = openSchoolScopeForTest(single, world.own.id)
      const schoolsSeen = (handle: Db) =>
        sql<{ n: number }>`select count(distinct school_id) as n from memberships`
          .execute(handle)
          .then((result) => result.rows[0]?.n)
      const backendOf = (handle: Db) =>
        sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle).then((r) => r.rows[0]?.pid)
      const pid = await backendOf(single)
      expect(await schoolsSeen(scope.db)).toBe(1)
      expect(await schoolsSeen(single)).toBe(2)
      expect(await schoolsSeen(scope.db)).toBe(1)
      const owner = await sql<{ role: string }>`select current_user as role`.execute(single)
      expect(owner.rows[0]?.role).not.toBe('preau_tenant')
      expect(await backendOf(scope.db)).toBe(pid)
      // Consecutive uses in the same tenancy send only their own statements; a switch sends one more.
      const sent = vi.spyOn(pg.Client.prototype, 'query')
      try {
        await schoolsSeen(scope.db)
        await schoolsSeen(scope.db)
        expect(sent).toHaveBeenCalledTimes(2)
        await schoolsSeen(single)
        expect(sent).toHaveBeenCalledTimes(4)
        await schoolsSeen(single)
        expect(sent).toHaveBeenCalledTimes(5)
      } finally {
        sent.mockRestore()
      }
    } finally {
      await single.destroy()
    }
  })

  it('refuses a look-alike scope', () => {
    const forged = { db, schoolId: world.own.id } as unknown as SchoolScope
    expect(() => fromSchool(forged, 'classes')).toThrow(/not a SchoolScope/)
  })

  it('copies a new name to the person’s memberships in every school, whichever scope renamed them', async () => {
    const school = await buildSchool(db, { collectivityId: world.other.collectivityId, name: 'École C' })
    const person = await buildUser(db, { firstName: 'Zoé', lastName: 'Avant' })
    await addMember(db, { schoolId: world.own.id, userId: person.id, profile: 'parent' })
    await addMember(db, { schoolId: school.id, userId: person.id, profile: 'parent' })
    await scopeA.db.updateTable('users').set({ lastName: 'Après' }).where('id', '=', person.id).execute()
    const keys = await db
      .selectFrom('memberships')
      .select('searchKey')
      .where('userId', '=', person.id)
      .execute()
    expect(keys.map((row) => row.searchKey)).toEqual(['apres zoe', 'apres zoe'])
  })

  it('isolates every table carrying school_id by row-level security, with a policy for the tenant role', async () => {
    const { rows } = await sql<{ table: string; rls: boolean; policies: number }>`
      select c.table_name as table, k.relrowsecurity as rls,
        (select count(*) from pg_policies p
          where p.schemaname = c.table_schema and p.tablename = c.table_name
            and 'preau_tenant' = any(p.roles) and p.cmd = 'ALL'
            and p.qual like '%preau.school_id%' and p.with_check like '%preau.school_id%') as policies
      from information_schema.columns c
      join pg_class k on k.oid = format('%I.%I', c.table_schema, c.table_name)::regclass
      where c.table_schema = current_schema() and c.column_name = 'school_id' and k.relkind = 'r'
      order by 1`.execute(db)
    expect(rows.length).toBeGreaterThanOrEqual(16)
    const unprotected = rows.filter((row) => !row.rls || row.policies !== 1).map((row) => row.table)
    expect(unprotected, 'add `select preau_isolate_by_school(…)` to the migration').toEqual([])
  })
})

describe('who opens a school scope', () => {
  /** Files allowed to call `openSchoolScope`: the policy plugin, the declared bulk writers, the test helper. */
  const OPENERS = [
    /^src\/server\/plugins\/tenancy\.ts$/,
    /^src\/server\/plugins\/policy\/index\.ts$/,
    /^src\/server\/modules\/imports\/onde\//,
    /^src\/server\/modules\/school-years\//,
    /^src\/server\/testing\/school-scope\.ts$/,
  ]

  async function sources(): Promise<{ file: string; text: string }[]> {
    const found: { file: string; text: string }[] = []
    for (const root of ['src', 'e2e', 'bench']) {
      const entries = await fs.readdir(path.join(PROJECT_ROOT, root), { recursive: true })
      for (const entry of entries) {
        if (!/\.tsx?$/.test(entry)) continue
        const file = path.join(root, entry).split(path.sep).join('/')
        found.push({ file, text: await fs.readFile(path.join(PROJECT_ROOT, file), 'utf8') })
      }
    }
    return found
  }

  it('is the policy plugin or a declared bulk writer; tests go through the testing helper', async () => {
    const files = await sources()
    expect(files.length).toBeGreaterThan(100)
    const openers = files
      .filter(({ text }) => /\bopenSchoolScope\s*[(,}]/.test(text))
      .map(({ file }) => file)
      .filter((file) => !OPENERS.some((allowed) => allowed.test(file)))
    expect(openers).toEqual([])
  })

  it('is never a cast nor an object literal', async () => {
    const forged = (await sources())
      .filter(({ file }) => file !== 'src/server/plugins/tenancy.test.ts')
      .filter(({ text }) =>
        /as (unknown as )?SchoolScope\b|:\s*SchoolScope\s*=\s*\{|\{\s*db[^}]*schoolId[^}]*\}\s*(as|satisfies)\b/.test(
          text,
        ),
      )
      .map(({ file }) => file)
    expect(forged).toEqual([])
  })
})
