import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addMember,
  buildClass,
  buildCollectivity,
  buildSchool,
  buildUser,
} from '../../server/testing/factories.ts'
import { createTestDatabase, type TestDatabase } from '../../server/testing/test-database.ts'
import { type PreauRun, runPreau } from '../testing/run-preau.ts'

/** Runs `preau …` to completion on the test database. */
function preau(args: string[], databaseUrl: string): Promise<PreauRun> {
  return runPreau(args, { DATABASE_URL: databaseUrl })
}

// Each case starts the command as a new process (1–2 s each, more on a loaded machine).
describe('preau school-year', { timeout: 120_000 }, () => {
  let database: TestDatabase
  let parentId: string
  let pupilId: string

  beforeAll(async () => {
    database = await createTestDatabase()
    const db = database.db
    await db
      .insertInto('schoolYears')
      .values({ label: '2040-2041', startsOn: '2040-09-01', endsOn: '2041-08-31', isCurrent: true })
      .execute()
    const commune = await buildCollectivity(db)
    const school = await buildSchool(db, { collectivityId: commune.id, name: 'École Jean Macé' })
    const klass = await buildClass(db, { schoolId: school.id, name: 'CM1 Jean Macé', levels: ['CM1'] })
    pupilId = (await buildUser(db, { firstName: 'Inès', lastName: 'Lambert' })).id
    await addMember(db, { schoolId: school.id, userId: pupilId, profile: 'pupil', classId: klass.id })
    parentId = (await buildUser(db, { firstName: 'Karim', lastName: 'Haddad' })).id
    await addMember(db, { schoolId: school.id, userId: parentId, profile: 'parent' })
    await db
      .updateTable('memberships')
      .set({ leftAt: new Date('2041-05-31T12:00:00Z') })
      .where('userId', '=', parentId)
      .execute()
  })
  afterAll(async () => {
    await database.drop()
  })

  it('refuses a day that does not exist, as bad usage', async () => {
    const run = await preau(['school-year', 'purge', '--now', '2041-02-30'], database.url)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('une date aaaa-mm-jj est attendue')
  })

  it('previews the opening: the year, the classes, and whose data goes when', async () => {
    const run = await preau(['school-year', 'preview'], database.url)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Année à ouvrir : 2041-2042 (du 2041-09-01 au 2042-08-31)')
    expect(run.stdout).toContain('École Jean Macé')
    expect(run.stdout).toContain('1 classe (CM1 Jean Macé), 1 élève en attente')
    expect(run.stdout).toContain(
      '2041-08-31  Karim HADDAD (parent, École Jean Macé) : compte anonymisé, contributions gardées',
    )
  })

  it('opens only the next year, once', async () => {
    const wrong = await preau(['school-year', 'open', '--label', '2042-2043'], database.url)
    expect(wrong.code).toBe(1)
    expect(wrong.stderr.trim()).toBe(
      'L’année à ouvrir est 2041-2042 : saisissez exactement ce libellé pour confirmer.',
    )
    const opened = await preau(['school-year', 'open', '--label', '2041-2042'], database.url)
    expect(opened.code).toBe(0)
    expect(opened.stdout.trim()).toBe(
      'Année 2041-2042 ouverte : 1 classe archivée, 1 élève sorti de sa classe (en attente de l’import), 1 suppression programmée.',
    )
    const again = await preau(['school-year', 'open', '--label', '2041-2042'], database.url)
    expect(again.code).toBe(1)
    expect(again.stderr.trim()).toBe('L’année scolaire 2041-2042 est déjà ouverte : rien n’a été modifié.')
    const pupil = await database.db
      .selectFrom('memberships')
      .select('leftAt')
      .where('userId', '=', pupilId)
      .execute()
    expect(pupil).toEqual([{ leftAt: null }])
  })

  it('purges on the day given: not before the due date, then the account is anonymised', async () => {
    const early = await preau(['school-year', 'purge', '--now', '2041-08-30'], database.url)
    expect(early.code).toBe(0)
    expect(early.stdout).toContain('Purge du 2041-08-30 : 0 compte anonymisé')
    const due = await preau(['school-year', 'purge', '--now', '2041-08-31'], database.url)
    expect(due.code).toBe(0)
    expect(due.stdout).toContain('Purge du 2041-08-31 : 1 compte anonymisé, 0 compte supprimé')
    const parent = await database.db
      .selectFrom('users')
      .select(['displayName', 'email', 'disabledAt'])
      .where('id', '=', parentId)
      .executeTakeFirst()
    expect(parent).toMatchObject({ displayName: 'Ancien compte', email: null })
    expect(parent?.disabledAt).not.toBeNull()
  })
})
