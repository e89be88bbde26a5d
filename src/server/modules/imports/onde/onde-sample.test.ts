import { createReadStream } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportFileKind } from '../../../../contract/imports.ts'
import { buildCollectivity, buildSchool, currentSchoolYear } from '../../../testing/factories.ts'
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts'
import { applyImportRun, createImportRun, decideDuplicates, type ImportSettings } from './service.ts'

// Byte-exact copies of the real ONDE exports (see parsing/fixtures/README.md).
const SAMPLE = new URL('../parsing/fixtures/', import.meta.url)
const FILES: Record<ImportFileKind, string> = {
  pupils: 'CSVExtraction-eleves.csv',
  guardians: 'CSVExtraction-responsables.csv',
  teachers: 'CSVExtraction-enseignants.csv',
}
const settings: ImportSettings = { graceDays: 30, codeDays: 60, maxBytes: 50 * 1024 * 1024 }

function sampleFiles(schoolId: string, kinds: ImportFileKind[] = ['pupils', 'guardians', 'teachers']) {
  return kinds.map((kind) => ({
    name: FILES[kind],
    schoolId,
    uai: null,
    kind,
    source: createReadStream(new URL(FILES[kind], SAMPLE)),
  }))
}

describe('the ONDE sample files imported into one school', () => {
  let database: TestDatabase
  let schoolId: string

  beforeAll(async () => {
    database = await createTestDatabase()
    const collectivity = await buildCollectivity(database.db)
    schoolId = (
      await buildSchool(database.db, { collectivityId: collectivity.id, name: 'École des Gâtines' })
    ).id
    await currentSchoolYear(database.db)
  })
  afterAll(() => database.drop())

  it('plans 247 pupils in 10 classes, the guardians of 491 children and 14 teachers, changing nothing', async () => {
    const db = database.db
    const report = await createImportRun(db, settings, {
      schoolId,
      actorId: null,
      files: sampleFiles(schoolId),
    })
    const school = report.schools[0]!
    expect(school.pupils).toEqual({ created: 247, updated: 0, unchanged: 0, missing: 0 })
    expect(school.classes).toEqual({ created: 10, existing: 0 })
    expect(school.teachers.created).toBe(14)
    expect(report.anomalyCodes['child-not-found']).toBeUndefined()
    expect(school.familyLinks.created).toBe(491)
    // BEAUMONT Muriel, rows 20 and 21: same names, nothing in common — decided, not guessed.
    const beaumont = report.duplicates.find((d) => d.name.includes('BEAUMONT'))
    expect(beaumont?.groups).toEqual([[20], [21]])
    expect(report.canApply).toBe(true)
    const users = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(users.n)).toBe(0)
  })

  it('applies: one account per person, ADJIBEL Corinne once for three children, PICOT Thierry once', async () => {
    const db = database.db
    const dry = await createImportRun(db, settings, { schoolId, actorId: null, files: sampleFiles(schoolId) })
    const beaumont = dry.duplicates.find((d) => d.name.includes('BEAUMONT'))!
    const decided = await decideDuplicates(db, settings, dry.id, schoolId, { [beaumont.key]: 'distinct' })
    const applied = await applyImportRun(db, settings, decided.id, schoolId, null)
    expect(applied.status).toBe('applied')
    const count = async (profile: string) =>
      Number(
        (
          await db
            .selectFrom('memberships')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('schoolId', '=', schoolId)
            .where('profile', '=', profile as 'pupil')
            .executeTakeFirstOrThrow()
        ).n,
      )
    expect(await count('pupil')).toBe(247)
    expect(await count('teacher')).toBe(14)
    const { rows } = await sql<{ name: string; children: number; accounts: number }>`
      select u.display_name as name, count(distinct f.pupil_id)::int as children, count(distinct u.id)::int as accounts
      from users u join family_links f on f.parent_id = u.id
      where u.last_name in ('ADJIBEL', 'PICOT', 'BEAUMONT') group by u.display_name
    `.execute(db)
    const adjibel = rows.find((r) => r.name === 'Corinne ADJIBEL')
    expect(adjibel).toEqual({ name: 'Corinne ADJIBEL', children: 3, accounts: 1 })
    expect(rows.find((r) => r.name === 'Thierry PICOT')?.accounts).toBe(1)
    expect(rows.find((r) => r.name === 'Muriel BEAUMONT')?.accounts).toBe(2)
    const links = await db
      .selectFrom('familyLinks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('schoolId', '=', schoolId)
      .executeTakeFirstOrThrow()
    expect(Number(links.n)).toBe(491)
    const consents = await db
      .selectFrom('imageConsents')
      .select(['status', 'source', 'awaitingConfirmation'])
      .where('schoolId', '=', schoolId)
      .execute()
    expect(consents.length).toBeGreaterThan(0)
    expect(consents.every((c) => c.source === 'import' && c.awaitingConfirmation)).toBe(true)
  })

  it('re-importing the same files changes nothing', async () => {
    const db = database.db
    const again = await createImportRun(db, settings, {
      schoolId,
      actorId: null,
      files: sampleFiles(schoolId),
    })
    const school = again.schools[0]!
    expect(school.pupils).toEqual({ created: 0, updated: 0, unchanged: 247, missing: 0 })
    expect(school.teachers).toEqual({ created: 0, updated: 0, unchanged: 14, missing: 0 })
    expect(school.guardians.created).toBe(0)
    expect(school.guardians.updated).toBe(0)
    expect(school.guardians.missing).toBe(0)
    expect(school.classes).toEqual({ created: 0, existing: 10 })
    expect(school.familyLinks.created).toBe(0)
  })
})
