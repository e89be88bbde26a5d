import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../server/project.ts'
import { buildCollectivity, buildSchool, currentSchoolYear } from '../../server/testing/factories.ts'
import { createTestDatabase, type TestDatabase } from '../../server/testing/test-database.ts'
import { runPreau } from '../testing/run-preau.ts'

// Byte-exact copies of the real ONDE exports (see parsing/fixtures/README.md).
const SAMPLE = path.join(PROJECT_ROOT, 'src', 'server', 'modules', 'imports', 'parsing', 'fixtures')

/** `preau import onde`, run as a new process on a migrated test database, with the real ONDE sample. */
describe('preau import onde', { timeout: 120_000 }, () => {
  let database: TestDatabase
  let uai: string
  let folder: string

  beforeAll(async () => {
    database = await createTestDatabase()
    const collectivity = await buildCollectivity(database.db)
    uai = (await buildSchool(database.db, { collectivityId: collectivity.id })).uai
    await currentSchoolYear(database.db)
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-onde-'))
  })
  afterAll(async () => {
    await fs.rm(folder, { recursive: true, force: true })
    await database.drop()
  })

  const preau = (args: string[]) => runPreau(args, { DATABASE_URL: database.url })
  const users = async () =>
    Number(
      (
        await database.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('simulates a folder named by its UAI: JSON counts and each anomaly with file, line and code; nothing changes', async () => {
    const school = path.join(folder, uai)
    await fs.mkdir(school)
    for (const name of [
      'CSVExtraction-eleves.csv',
      'CSVExtraction-responsables.csv',
      'CSVExtraction-enseignants.csv',
    ]) {
      await fs.copyFile(path.join(SAMPLE, name), path.join(school, name))
    }
    const run = await preau(['import', 'onde', folder, '--json'])
    // Possible duplicates are anomalies to look at: exit 5, report on stdout.
    expect(run.code).toBe(5)
    const report = JSON.parse(run.stdout)
    expect(report.status).toBe('staged')
    expect(report.totals.pupils).toEqual({ created: 247, updated: 0, unchanged: 0, missing: 0 })
    expect(report.totals.teachers.created).toBe(14)
    expect(report.anomalyList).toContainEqual(
      expect.objectContaining({
        file: 'CSVExtraction-responsables.csv',
        line: 20,
        code: 'possible-duplicate',
      }),
    )
    expect(await users()).toBe(0)
  })

  it('applies with --apply, then a second import finds everyone unchanged', async () => {
    const files = ['CSVExtraction-eleves.csv', 'CSVExtraction-responsables.csv'].map((name) =>
      path.join(SAMPLE, name),
    )
    const applied = await preau(['import', 'onde', '--school', uai, ...files, '--apply'])
    expect(applied.stdout).toContain('appliqué')
    expect(await users()).toBeGreaterThan(247)
    const again = await preau(['import', 'onde', '--school', uai, ...files, '--json'])
    expect(JSON.parse(again.stdout).totals.pupils).toEqual({
      created: 0,
      updated: 0,
      unchanged: 247,
      missing: 0,
    })
  })

  it('refuses an unreadable file and an unknown school with exit 4 and one French line', async () => {
    const binary = path.join(folder, 'eleves.csv')
    await fs.writeFile(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]))
    const bad = await preau(['import', 'onde', '--school', uai, binary])
    expect(bad.code).toBe(4)
    expect(bad.stderr).toContain('« eleves.csv » n’est pas un fichier CSV')
    expect(bad.stderr).toContain('Rien n’a changé')
    const unknown = await preau([
      'import',
      'teachers',
      '--school',
      '0590318A',
      path.join(SAMPLE, 'CSVExtraction-enseignants.csv'),
    ])
    expect(unknown.code).toBe(4)
    expect(unknown.stderr).toContain('École inconnue (UAI 0590318A)')
  })
})
