import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isValidInseeCode, isValidSiren, isValidUai } from '../../src/contract/codes.ts'
import { loginBase } from '../../src/server/modules/identity/logins.ts'
import { hashPassword, verifyPassword } from '../../src/server/modules/identity/passwords.ts'
import { createTestDatabase, type TestDatabase } from '../../src/server/testing/test-database.ts'
import {
  BENCH_PASSWORD,
  DeploymentExistsError,
  type GenerationSummary,
  generateDeployment,
} from './generate.ts'

const PUPILS = 2_000
const SEED = 7
const TODAY = new Date('2025-10-06T08:00:00Z')

type Connected = { database: TestDatabase; client: pg.Client }

async function connect(): Promise<Connected> {
  const database = await createTestDatabase()
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  return { database, client }
}

async function rows<T extends pg.QueryResultRow>(client: pg.Client, query: string): Promise<T[]> {
  return (await client.query<T>(query)).rows
}

async function count(client: pg.Client, query: string): Promise<number> {
  const [row] = await rows<{ n: string }>(client, query)
  return Number(row?.n)
}

/** Every constraint (with whether it is validated) and index of the database, as comparable lines. */
async function schemaSnapshot(client: pg.Client): Promise<string[]> {
  const constraints = await rows<{ line: string }>(
    client,
    `select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated as line
     from pg_constraint where connamespace = 'public'::regnamespace`,
  )
  const indexes = await rows<{ line: string }>(
    client,
    `select indexdef as line from pg_indexes where schemaname = 'public'`,
  )
  return [...constraints, ...indexes].map((row) => row.line).sort()
}

/** What must not depend on anything but the seed: accounts with their names, and the structures. */
async function deterministicContent(client: pg.Client) {
  const people = await rows(
    client,
    'select login, first_name, last_name, display_name, birth_date::text from users order by login',
  )
  const classes = await rows(
    client,
    `select s.uai, s.name as school, s.kind, c.name, c.levels,
            (select count(*) from class_members m where m.class_id = c.id and m.role = 'pupil') as pupils
     from classes c join schools s on s.id = c.school_id order by s.uai, c.name`,
  )
  const collectivities = await rows(client, 'select siren, name, kind from collectivities order by siren')
  return { people, classes, collectivities }
}

describe('generateDeployment at a small scale', () => {
  let generated: Connected
  let twin: Connected
  let summary: GenerationSummary
  let passwordHash: string
  let pristineSchema: string[]

  beforeAll(async () => {
    ;[generated, twin] = await Promise.all([connect(), connect()])
    pristineSchema = await schemaSnapshot(twin.client)
    passwordHash = await hashPassword(BENCH_PASSWORD)
    summary = await generateDeployment(generated.client, {
      pupils: PUPILS,
      seed: SEED,
      passwordHash,
      today: TODAY,
    })
  })

  afterAll(async () => {
    for (const { client, database } of [generated, twin]) {
      await client?.end()
      await database?.drop()
    }
  })

  it('creates the pupils asked for, in schools, classes and collectivities proportioned like the region', async () => {
    const { client } = generated
    expect(await count(client, `select count(*) as n from memberships where profile = 'pupil'`)).toBe(PUPILS)
    const schools = await count(client, 'select count(*) as n from schools')
    expect(schools).toBe(Math.round(PUPILS / 120))
    const collectivities = await count(client, 'select count(*) as n from collectivities')
    expect(collectivities).toBeGreaterThanOrEqual(Math.floor(schools / 4))
    expect(collectivities).toBeLessThanOrEqual(Math.ceil(schools / 1.5))

    const classesPerSchool = await rows<{ n: string }>(
      client,
      'select count(*) as n from classes group by school_id',
    )
    expect(classesPerSchool).toHaveLength(schools)
    for (const { n } of classesPerSchool) expect(Number(n)).toBeGreaterThanOrEqual(1)
    for (const { n } of classesPerSchool) expect(Number(n)).toBeLessThanOrEqual(20)
    const classes = await count(client, 'select count(*) as n from classes')
    expect(PUPILS / classes).toBeGreaterThan(20)
    expect(PUPILS / classes).toBeLessThan(24)

    const parents = await count(
      client,
      `select count(distinct user_id) as n from memberships where profile = 'parent'`,
    )
    expect(parents / PUPILS).toBeGreaterThan(1.4)
    expect(parents / PUPILS).toBeLessThan(1.6)
    const staff = await count(
      client,
      `select count(distinct user_id) as n from memberships where profile not in ('pupil', 'parent')`,
    )
    expect(staff / PUPILS).toBeGreaterThan(0.045)
    expect(staff / PUPILS).toBeLessThan(0.075)

    expect(await count(client, 'select count(*) as n from syndicate')).toBe(1)
    expect(await count(client, 'select count(*) as n from school_years where is_current')).toBe(1)
  })

  it('reports what it wrote', async () => {
    const { client } = generated
    expect(summary.accounts.total).toBe(await count(client, 'select count(*) as n from users'))
    expect(summary.accounts.pupils).toBe(PUPILS)
    expect(summary.rows.memberships).toBe(await count(client, 'select count(*) as n from memberships'))
    expect(summary.rows.familyLinks).toBe(await count(client, 'select count(*) as n from family_links'))
    expect(summary.rows.classMembers).toBe(await count(client, 'select count(*) as n from class_members'))
    expect(summary.rowsPerSecond).toBeGreaterThan(0)
  })

  it('leaves every constraint and index of the schema in place and validated', async () => {
    const after = await schemaSnapshot(generated.client)
    expect(after).toEqual(pristineSchema)
    expect(after.filter((line) => line.endsWith(' false'))).toEqual([])
  })

  it('copies each member’s name key for the directory, as the triggers would', async () => {
    const stale = await count(
      generated.client,
      'select count(*) as n from memberships m join users u on u.id = m.user_id where m.search_key <> u.search_key',
    )
    expect(stale).toBe(0)
  })

  it('writes valid national identifiers', async () => {
    const { client } = generated
    const schools = await rows<{ uai: string; insee_code: string }>(
      client,
      'select uai, insee_code from schools',
    )
    for (const school of schools) expect(isValidUai(school.uai), school.uai).toBe(true)
    for (const school of schools) expect(isValidInseeCode(school.insee_code), school.insee_code).toBe(true)
    const sirens = await rows<{ siren: string }>(
      client,
      'select siren from collectivities union all select siren from syndicate',
    )
    for (const { siren } of sirens) expect(isValidSiren(siren), siren).toBe(true)
  })

  it('gives prenom.nom logins, numbered from 2 among homonyms', async () => {
    const users = await rows<{ login: string; first_name: string; last_name: string }>(
      generated.client,
      'select login, first_name, last_name from users',
    )
    const numbers = new Map<string, number[]>()
    for (const user of users) {
      const base = loginBase(user.first_name, user.last_name)
      expect(user.login.startsWith(base), user.login).toBe(true)
      const suffix = user.login.slice(base.length)
      numbers.set(base, [...(numbers.get(base) ?? []), suffix === '' ? 1 : Number(suffix)])
    }
    // Homonyms take base, base2, base3… with no gap: what firstFreeLogin gives one after the other.
    for (const [base, taken] of numbers) {
      expect(
        taken.sort((a, b) => a - b),
        base,
      ).toEqual(taken.map((_, i) => i + 1))
    }
  })

  it('puts each pupil in one class of their school, with at least one parent member of that school', async () => {
    const { client } = generated
    expect(
      await count(
        client,
        `select count(*) as n from memberships m where m.profile = 'pupil' and 1 <> (
           select count(*) from class_members c where c.user_id = m.user_id and c.school_id = m.school_id and c.role = 'pupil')`,
      ),
    ).toBe(0)
    expect(
      await count(
        client,
        `select count(*) as n from memberships m where m.profile = 'pupil' and not exists (
           select 1 from family_links f join memberships p
             on p.school_id = f.school_id and p.user_id = f.parent_id and p.profile = 'parent'
           where f.school_id = m.school_id and f.pupil_id = m.user_id)`,
      ),
    ).toBe(0)
    // Siblings share their parents: fewer families than pupils.
    expect(await count(client, 'select count(distinct parent_id) as n from family_links')).toBeLessThan(
      2 * PUPILS,
    )
  })

  it('gives each school one director and each class a teacher and pupils', async () => {
    const { client } = generated
    const directors = await rows<{ n: string }>(
      client,
      `select count(m.user_id) as n from schools s left join memberships m
         on m.school_id = s.id and m.profile = 'teacher' and 'director' = any(m.functions) group by s.id`,
    )
    expect(directors.map((row) => Number(row.n))).toEqual(directors.map(() => 1))
    expect(
      await count(
        client,
        `select count(*) as n from classes c where not exists (
           select 1 from class_members m where m.class_id = c.id and m.role = 'teacher')
         or not exists (select 1 from class_members m where m.class_id = c.id and m.role = 'pupil')`,
      ),
    ).toBe(0)
  })

  it('activates every account with the one bench password', async () => {
    const { client } = generated
    expect(await count(client, 'select count(*) as n from users where activated_at is null')).toBe(0)
    const hashes = await rows<{ password_hash: string }>(client, 'select distinct password_hash from users')
    expect(hashes).toHaveLength(1)
    expect(await verifyPassword(hashes[0]!.password_hash, BENCH_PASSWORD)).toBe(true)
  })

  it('analyzes the tables it filled', async () => {
    expect(
      await count(
        generated.client,
        `select count(*) as n from pg_stats where schemaname = 'public' and tablename = 'users'`,
      ),
    ).toBeGreaterThan(0)
  })

  it('generates the same logins, names and structures from the same seed, other ones from another seed', async () => {
    await generateDeployment(twin.client, { pupils: PUPILS, seed: SEED, passwordHash, today: TODAY })
    const [first, second] = await Promise.all([
      deterministicContent(generated.client),
      deterministicContent(twin.client),
    ])
    expect(second.people).toHaveLength(summary.accounts.total)
    expect(second).toEqual(first)

    const other = await connect()
    try {
      await generateDeployment(other.client, { pupils: PUPILS, seed: SEED + 1, passwordHash, today: TODAY })
      const third = await deterministicContent(other.client)
      expect(third.people.map((p) => p.login)).not.toEqual(first.people.map((p) => p.login))
    } finally {
      await other.client.end()
      await other.database.drop()
    }
  })

  it('refuses a database that already holds a deployment, and changes nothing', async () => {
    const { client } = generated
    const before = await count(client, 'select count(*) as n from users')
    await expect(
      generateDeployment(client, { pupils: 10, seed: 1, passwordHash, today: TODAY }),
    ).rejects.toBeInstanceOf(DeploymentExistsError)
    expect(await count(client, 'select count(*) as n from users')).toBe(before)
  })
})
