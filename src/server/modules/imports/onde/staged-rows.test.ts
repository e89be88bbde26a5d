import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCollectivity, buildSchool, currentSchoolYear } from '../../../testing/factories.ts'
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts'
import { expireMissingMemberships } from './grace-period.ts'
import { applyImportRun, createImportRun, type ImportSettings, readImportReport } from './service.ts'

const settings: ImportSettings = { graceDays: 30, codeDays: 60, maxBytes: 1024 * 1024 }
const PUPILS_HEADER = 'Nom Elève;Prénom Elève;Date naissance;Niveau;Classe;Autorisations photos'
const PUPILS = [
  PUPILS_HEADER,
  'ROUX;Léna;12/03/2019;CP;CP;Oui',
  'ROUX;Tom;2017-05-01;CE2;CE2;Non',
  'BLANC;Maël;2018-02-11;CE1;CE1;',
]

const file = (name: string, schoolId: string, lines: string[]) => ({
  name,
  schoolId,
  uai: null,
  kind: 'pupils' as const,
  source: [Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')],
})

/** What crash recovery does to the UNLOGGED staging tables. */
const emptyStagingLikeCrashRecovery = (database: TestDatabase) =>
  sql`truncate import_pupils, import_guardians, import_guardian_children, import_teachers, import_anomalies`.execute(
    database.db,
  )

describe('staged rows of an import, which crash recovery may empty', () => {
  let database: TestDatabase
  let schoolId: string
  const db = () => database.db
  const people = async () =>
    (
      await sql<{ missing: number; active: number }>`
        select count(*) filter (where missing_since is not null)::int as missing,
          count(*) filter (where left_at is null)::int as active
        from memberships where school_id = ${schoolId}
      `.execute(db())
    ).rows[0]
  const statusOf = async (runId: string) =>
    (await db().selectFrom('importRuns').select('status').where('id', '=', runId).executeTakeFirstOrThrow())
      .status

  beforeAll(async () => {
    database = await createTestDatabase()
    const collectivity = await buildCollectivity(db())
    schoolId = (await buildSchool(db(), { collectivityId: collectivity.id })).id
    await currentSchoolYear(db())
    const first = await createImportRun(db(), settings, {
      schoolId,
      actorId: null,
      files: [file('eleves.csv', schoolId, PUPILS)],
    })
    await applyImportRun(db(), settings, first.id, schoolId, null)
  })
  afterAll(() => database.drop())

  it('refuses to apply a run whose staged rows were lost, says so, and changes nothing', async () => {
    const run = await createImportRun(db(), settings, {
      schoolId,
      actorId: null,
      files: [file('eleves.csv', schoolId, PUPILS)],
    })
    expect(run.canApply).toBe(true)
    expect(run.schools[0]!.pupils).toMatchObject({ unchanged: 3, missing: 0 })
    const before = await people()
    await emptyStagingLikeCrashRecovery(database)

    const attempt = applyImportRun(db(), settings, run.id, schoolId, null)
    await expect(attempt).rejects.toMatchObject({
      status: 409,
      code: 'import-lost',
      message: 'Les fichiers déposés ont été perdus, déposez-les à nouveau.',
    })
    expect(await people()).toEqual(before)
    expect(await statusOf(run.id)).toBe('lost')
    const report = await readImportReport(db(), settings, run.id, schoolId)
    expect(report).toMatchObject({
      status: 'lost',
      canApply: false,
      blocking: ['Les fichiers déposés ont été perdus, déposez-les à nouveau.'],
    })
    // Asking again gives the same answer, still without changing anything.
    await expect(applyImportRun(db(), settings, run.id, schoolId, null)).rejects.toMatchObject({
      code: 'import-lost',
    })
    expect(await people()).toEqual(before)
  })

  it('shows a run whose rows were lost as lost when its report is read, before anyone applies it', async () => {
    const run = await createImportRun(db(), settings, {
      schoolId,
      actorId: null,
      files: [file('eleves.csv', schoolId, PUPILS)],
    })
    await sql`delete from import_pupils where run_id = ${run.id} and line = 3`.execute(db())
    const report = await readImportReport(db(), settings, run.id, schoolId)
    expect(report.status).toBe('lost')
    expect(report.canApply).toBe(false)
    await expect(
      sql`select 1 from import_pupils where run_id = ${run.id}`.execute(db()),
    ).resolves.toMatchObject({ rows: [] })
  })

  it('asks to confirm the number before marking most of a school missing', async () => {
    const run = await createImportRun(db(), settings, {
      schoolId,
      actorId: null,
      files: [file('eleves.csv', schoolId, PUPILS.slice(0, 2))],
    })
    expect(run.schools[0]!.pupils.missing).toBe(2)
    expect(run.missingToConfirm).toBe(2)
    const before = await people()
    await expect(applyImportRun(db(), settings, run.id, schoolId, null)).rejects.toMatchObject({
      status: 409,
      code: 'confirm-missing',
      extra: { missingToConfirm: 2 },
    })
    expect(await people()).toEqual(before)
    const applied = await applyImportRun(db(), settings, run.id, schoolId, null, { confirmMissing: 2 })
    expect(applied.status).toBe('applied')
    expect((await people())!.missing).toBe(2)
  })

  it('deletes the staged rows of applied, discarded and lost runs, and the runs killed while reading', async () => {
    const killed = await db()
      .insertInto('importRuns')
      .values({ schoolId, createdBy: null, createdAt: new Date(Date.now() - 2 * 86_400_000) })
      .returning('id')
      .executeTakeFirstOrThrow()
    await sql`
      insert into import_pupils (run_id, school_id, line, file, last_name, first_name, display_name, login_base)
      values (${killed.id}, ${schoolId}, 2, 'x.csv', 'A', 'B', 'B A', 'b.a')
    `.execute(db())
    const pending = await createImportRun(db(), settings, {
      schoolId,
      actorId: null,
      files: [file('eleves.csv', schoolId, PUPILS)],
    })
    const result = await expireMissingMemberships(db(), new Date(), 30)
    expect(result.runsDropped).toBe(1)
    expect(await statusOf(killed.id)).toBe('discarded')
    const { rows } = await sql<{ runId: string }>`select distinct run_id from import_pupils`.execute(db())
    // Only the run still waiting for its director keeps its rows.
    expect(rows.map((row) => row.runId)).toEqual([pending.id])
    expect((await readImportReport(db(), settings, pending.id, schoolId)).canApply).toBe(true)
  })
})
