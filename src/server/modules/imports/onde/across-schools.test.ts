import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportFileKind } from '../../../../contract/imports.ts'
import { buildCollectivity, buildSchool, currentSchoolYear } from '../../../testing/factories.ts'
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts'
import { applyImportRun, createImportRun, type ImportSettings } from './service.ts'

/**
 * The ONDE sample files of one school split across a maternelle (TPS to GS) and an élémentaire (CP to
 * CM2, CLIS), as a commune with two schools has them. The guardians file, given whole to both schools,
 * carries an e-mail for every guardian except those whose name starts with B: a parent with children in
 * both schools and an e-mail is one account; one without an e-mail is a « possible duplicate ».
 */

const SAMPLE = new URL('../parsing/fixtures/', import.meta.url)
const MATERNELLE = new Set(['TPS', 'PS', 'MS', 'GS'])
const settings: ImportSettings = { graceDays: 30, codeDays: 60, maxBytes: 50 * 1024 * 1024 }

const lines = (name: string) => readFileSync(new URL(name, SAMPLE), 'latin1').split(/\r?\n/)
const bytes = (rows: string[]) => Buffer.from(`${rows.join('\r\n')}\r\n`, 'latin1')
const unquote = (value: string | undefined) => (value ?? '').replace(/^"|"$/g, '')

const [pupilHeader, ...pupilRows] = lines('CSVExtraction-eleves.csv').filter((line) => line.trim() !== '')
const isMaternelle = (row: string) => MATERNELLE.has(unquote(row.split(';')[14]))
const [guardianHeader, ...guardianRows] = lines('CSVExtraction-responsables.csv').filter(
  (line) => line.trim() !== '',
)
const ascii = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase()
/** The guardians file with an e-mail on every row but those of the names starting with B. */
const withEmails = guardianRows.map((row) => {
  const cells = row.split(';')
  if (!cells[2]!.startsWith('B')) cells[8] = `${ascii(cells[3]!)}.${ascii(cells[2]!)}@exemple.fr`
  return cells.join(';')
})

/** Names of the guardians with a child in each kind of school, counted from the file itself. */
function guardiansOfBothSchools(): { withEmail: Set<string>; withoutEmail: Set<string> } {
  const where = new Map<string, Set<'m' | 'e'>>()
  for (const row of guardianRows) {
    const cells = row.split(';')
    const name = `${cells[2]} ${cells[3]}`
    const kinds = where.get(name) ?? new Set()
    where.set(name, kinds)
    for (let n = 0; n < 3; n++) {
      const className = cells[12 + n * 4 + 3]
      if (className) kinds.add(MATERNELLE.has(className) ? 'm' : 'e')
    }
  }
  const both = [...where].filter(([, kinds]) => kinds.size === 2).map(([name]) => name)
  return {
    withEmail: new Set(both.filter((name) => !name.startsWith('B'))),
    withoutEmail: new Set(both.filter((name) => name.startsWith('B'))),
  }
}

function filesOf(schoolId: string, rows: { pupils: string[]; guardians: string[]; teachers?: string[] }) {
  const files: { name: string; kind: ImportFileKind; content: Buffer }[] = [
    { name: 'eleves.csv', kind: 'pupils', content: bytes([pupilHeader!, ...rows.pupils]) },
    { name: 'responsables.csv', kind: 'guardians', content: bytes([guardianHeader!, ...rows.guardians]) },
  ]
  if (rows.teachers) files.push({ name: 'enseignants.csv', kind: 'teachers', content: bytes(rows.teachers) })
  return files.map((file) => ({
    name: file.name,
    schoolId,
    uai: null,
    kind: file.kind,
    source: [file.content],
  }))
}

const [teacherHeader, ...teacherRows] = lines('CSVExtraction-enseignants.csv').filter((l) => l.trim() !== '')
/** Two teachers of the élémentaire also teach at the maternelle (décharge): one gives her e-mail in both files. */
const teachersWithEmail = (rows: string[]) =>
  rows.map((row, i) => {
    const cells = row.split(';')
    if (i === 0) cells[8] = `"${ascii(unquote(cells[3]))}.${ascii(unquote(cells[2]))}@exemple.fr"`
    return cells.join(';')
  })

describe('the sample files split across a maternelle and an élémentaire', () => {
  let database: TestDatabase
  let maternelle: string
  let elementaire: string
  const expected = guardiansOfBothSchools()

  beforeAll(async () => {
    database = await createTestDatabase()
    const collectivity = await buildCollectivity(database.db)
    const school = (name: string, kind: 'maternelle' | 'elementaire') =>
      buildSchool(database.db, { collectivityId: collectivity.id, name, kind })
    maternelle = (await school('École maternelle des Tilleuls', 'maternelle')).id
    elementaire = (await school('École élémentaire des Tilleuls', 'elementaire')).id
    await currentSchoolYear(database.db)
  })
  afterAll(() => database.drop())

  const parentsOfBoth = async () => {
    const { rows } = await sql<{ name: string }>`
      select u.last_name || ' ' || u.first_name as name from users u
      where (select count(distinct m.school_id) from memberships m where m.user_id = u.id and m.profile = 'parent') = 2
    `.execute(database.db)
    return rows.map((row) => row.name).sort()
  }

  it('finds in the sample file itself parents of both kinds of school, with and without an e-mail', () => {
    expect(expected.withEmail.size).toBeGreaterThan(5)
    expect(expected.withoutEmail.size).toBeGreaterThan(0)
  })

  it('imports the maternelle, then the élémentaire proposes the same person for every parent with an e-mail', async () => {
    const db = database.db
    const first = await createImportRun(db, settings, {
      schoolId: maternelle,
      actorId: null,
      files: filesOf(maternelle, {
        pupils: pupilRows.filter(isMaternelle),
        guardians: withEmails,
        teachers: [teacherHeader!, ...teachersWithEmail(teacherRows.slice(0, 2))],
      }),
    })
    expect(first.anomalyCodes['same-person']).toBeUndefined()
    await applyImportRun(db, settings, first.id, maternelle, null)

    const dry = await createImportRun(db, settings, {
      schoolId: elementaire,
      actorId: null,
      files: filesOf(elementaire, {
        pupils: pupilRows.filter((row) => !isMaternelle(row)),
        guardians: withEmails,
        teachers: [teacherHeader!, ...teachersWithEmail(teacherRows.slice(0, 2)), ...teacherRows.slice(5, 8)],
      }),
    })
    const anomalies = await db
      .selectFrom('importAnomalies')
      .select(['code', 'message', 'file'])
      .where('runId', '=', dry.id)
      .where('code', 'in', ['same-person', 'possible-duplicate-account'])
      .execute()
    const guardianLines = (code: string) =>
      anomalies.filter((a) => a.code === code && a.file === 'responsables.csv')
    expect(guardianLines('same-person')).toHaveLength(expected.withEmail.size)
    expect(guardianLines('same-person')[0]!.message).toContain('École maternelle des Tilleuls')
    expect(guardianLines('possible-duplicate-account').length).toBeGreaterThanOrEqual(
      expected.withoutEmail.size,
    )
    for (const line of guardianLines('possible-duplicate-account'))
      expect(line.message.split(' : ')[0]).toMatch(/ B[A-ZÀ-Ü' -]+$/)
    // The teacher with her e-mail in both files is the same person; the other one only a possible duplicate.
    const teacherLines = anomalies.filter((a) => a.file === 'enseignants.csv')
    expect(teacherLines.map((a) => a.code).sort()).toEqual(['possible-duplicate-account', 'same-person'])
    // The matched parents are not counted as created in the élémentaire.
    const users = Number((await sql<{ n: number }>`select count(*) as n from users`.execute(db)).rows[0]!.n)

    await applyImportRun(db, settings, dry.id, elementaire, null)
    const after = Number((await sql<{ n: number }>`select count(*) as n from users`.execute(db)).rows[0]!.n)
    const created = dry.schools[0]!
    expect(after - users).toBe(created.pupils.created + created.guardians.created + created.teachers.created)
    expect(await parentsOfBoth()).toEqual([...expected.withEmail].sort())
    // Each of them is linked, in the élémentaire, to the children the file names there.
    const { rows: links } = await sql<{ n: number }>`
      select count(*)::int as n from family_links f
      join memberships m on m.user_id = f.parent_id and m.school_id = ${maternelle} and m.profile = 'parent'
      where f.school_id = ${elementaire}
    `.execute(db)
    expect(links[0]!.n).toBeGreaterThanOrEqual(expected.withEmail.size)
    // The teacher matched by e-mail teaches in both schools with one account.
    const { rows: teachers } = await sql<{ n: number }>`
      select count(*)::int as n from users u
      where (select count(distinct school_id) from memberships m where m.user_id = u.id and m.profile = 'teacher') = 2
    `.execute(db)
    expect(teachers[0]!.n).toBe(1)
  })

  it('imports the élémentaire again: nothing changes, nobody is proposed twice', async () => {
    const db = database.db
    const again = await createImportRun(db, settings, {
      schoolId: elementaire,
      actorId: null,
      files: filesOf(elementaire, {
        pupils: pupilRows.filter((row) => !isMaternelle(row)),
        guardians: withEmails,
      }),
    })
    expect(again.schools[0]!.guardians.created).toBe(0)
    expect(again.schools[0]!.guardians.updated).toBe(0)
    expect(again.anomalyCodes['same-person']).toBeUndefined()
  })

  it('imports both schools in one run (a region folder): the same single accounts', async () => {
    const other = await createTestDatabase()
    try {
      const db = other.db
      const collectivity = await buildCollectivity(db)
      const a = (await buildSchool(db, { collectivityId: collectivity.id, kind: 'maternelle' })).id
      const b = (await buildSchool(db, { collectivityId: collectivity.id, kind: 'elementaire' })).id
      await currentSchoolYear(db)
      const run = await createImportRun(db, settings, {
        schoolId: null,
        actorId: null,
        files: [
          ...filesOf(a, { pupils: pupilRows.filter(isMaternelle), guardians: withEmails }),
          ...filesOf(b, { pupils: pupilRows.filter((row) => !isMaternelle(row)), guardians: withEmails }),
        ],
      })
      expect(run.anomalyCodes['same-person']).toBe(expected.withEmail.size)
      await applyImportRun(db, settings, run.id, null, null)
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from users u
        where (select count(distinct school_id) from memberships m where m.user_id = u.id and m.profile = 'parent') = 2
      `.execute(db)
      expect(rows[0]!.n).toBe(expected.withEmail.size)
      const codes = await sql<{ n: number }>`
        select count(*)::int as n from activation_codes c
        where c.user_id in (select user_id from memberships where profile = 'parent')
      `.execute(db)
      const parents = await sql<{ n: number }>`
        select count(distinct user_id)::int as n from memberships where profile = 'parent'
      `.execute(db)
      expect(codes.rows[0]!.n).toBe(parents.rows[0]!.n)
    } finally {
      await other.drop()
    }
  })
})
