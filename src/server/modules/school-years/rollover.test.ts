import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../db/connection.ts'
import { HttpProblem } from '../../plugins/errors.ts'
import {
  addMember,
  buildClass,
  buildCollectivity,
  buildSchool,
  buildUser,
  grantAdmin,
  issueActivationCode,
  linkFamily,
} from '../../testing/factories.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { systemAudit } from './audit.ts'
import { purgeDueDeletions, scheduleDepartedDeletions } from './purge.ts'
import { openNextSchoolYear, previewRollover } from './service.ts'

/**
 * The rollover and the purge with a clock the test sets: the preview in July 2027, the opening of
 * 2027-2028, and the deletions falling due 3 months after each departure (Paris days).
 */
const JULY_15 = new Date('2027-07-15T10:00:00Z')
const page = { limit: 100 }

describe('the school-year rollover and the deletion of departed people’s data', () => {
  let database: TestDatabase
  let db: Db
  let schoolA: { id: string; name: string }
  let schoolB: { id: string; name: string }
  let oldYearId: string
  let ce1: string
  let cm2: string
  const people: Record<string, string> = {}

  const leave = (userId: string, at: string) =>
    db
      .updateTable('memberships')
      .set({ leftAt: new Date(at) })
      .where('userId', '=', userId)
      .execute()

  beforeAll(async () => {
    database = await createTestDatabase()
    db = database.db
    oldYearId = (
      await db
        .insertInto('schoolYears')
        .values({ label: '2026-2027', startsOn: '2026-09-01', endsOn: '2027-08-31', isCurrent: true })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const commune = await buildCollectivity(db)
    schoolA = await buildSchool(db, { collectivityId: commune.id, name: 'École Anatole France' })
    schoolB = await buildSchool(db, { collectivityId: commune.id, name: 'École Berthe Morisot' })
    ce1 = (await buildClass(db, { schoolId: schoolA.id, name: 'CE1 A', levels: ['CE1'] })).id
    cm2 = (await buildClass(db, { schoolId: schoolA.id, name: 'CM2', levels: ['CM2'] })).id
    await buildClass(db, { schoolId: schoolB.id, name: 'CP B', levels: ['CP'] })

    type Role = 'pupil' | 'parent' | 'teacher'
    const member = async (key: string, name: [string, string], profile: Role, classId?: string) => {
      const [firstName, lastName] = name
      people[key] = (await buildUser(db, { firstName, lastName, birthDate: '2017-03-02' })).id
      await addMember(db, { schoolId: schoolA.id, userId: people[key], profile, classId })
    }
    // Pupils staying at school A, a CM2 pupil leaving for secondary school, and their families.
    await member('lina', ['Lina', 'Roux'], 'pupil', ce1)
    await member('tom', ['Tom', 'Petit'], 'pupil', ce1)
    await member('leo', ['Léo', 'Martin'], 'pupil', cm2)
    await member('teacher', ['Anne', 'Leroy'], 'teacher', ce1)
    await member('parent', ['Sophie', 'Martin'], 'parent')
    await linkFamily(db, { schoolId: schoolA.id, pupilId: people.leo!, parentId: people.parent! })
    await member('objector', ['Hugo', 'Bernard'], 'pupil', cm2)
    await member('returning', ['Nora', 'Blanc'], 'parent')
    // A teacher who left school A but still teaches at school B; an administrator; a missing person.
    await member('moved', ['Paul', 'Garnier'], 'teacher')
    await addMember(db, { schoolId: schoolB.id, userId: people.moved!, profile: 'teacher' })
    await member('admin', ['Claire', 'Faure'], 'teacher')
    await grantAdmin(db, { userId: people.admin!, role: 'syndicate_admin' })
    await member('missing', ['Jade', 'Morel'], 'pupil')
    await db
      .updateTable('memberships')
      .set({ missingSince: new Date('2027-06-01') })
      .where('userId', '=', people.missing!)
      .execute()

    await db
      .updateTable('users')
      .set({ email: 'sophie.martin@example.fr', phone: '0612345678' })
      .where('id', '=', people.parent!)
      .execute()
    await db
      .updateTable('users')
      .set({ contributionsObjectionAt: new Date('2027-06-01') })
      .where('id', '=', people.objector!)
      .execute()
    await db
      .insertInto('imageConsents')
      .values({
        schoolId: schoolA.id,
        pupilId: people.leo!,
        status: 'granted',
        source: 'guardian',
        awaitingConfirmation: false,
      })
      .execute()
    await db
      .insertInto('sessions')
      .values({ tokenHash: Buffer.alloc(32, 1), userId: people.parent!, expiresAt: new Date('2030-01-01') })
      .execute()
    await issueActivationCode(db, people.parent!)
    // Something the parent wrote (a group they made), which must keep its author.
    await db
      .insertInto('groups')
      .values({ schoolId: schoolA.id, name: 'Parents correspondants', createdBy: people.parent! })
      .execute()

    // Departures: 22:30 in Paris on 20 June is still 20 June there (20:30 UTC).
    await leave(people.leo!, '2027-06-20T20:30:00Z')
    await leave(people.parent!, '2027-06-20T20:30:00Z')
    await leave(people.objector!, '2027-07-05T09:00:00Z')
    await leave(people.returning!, '2027-07-01T09:00:00Z')
    await db
      .updateTable('memberships')
      .set({ leftAt: new Date('2027-06-30') })
      .where('userId', '=', people.moved!)
      .where('schoolId', '=', schoolA.id)
      .execute()
    await leave(people.admin!, '2027-06-30T09:00:00Z')
  })
  afterAll(async () => {
    await database.drop()
  })

  const countRows = async (
    table: 'classMembers' | 'memberships' | 'familyLinks' | 'sessions',
    userId: string,
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(table === 'familyLinks' ? 'parentId' : 'userId', '=', userId)
          .executeTakeFirstOrThrow()
      ).n,
    )
  const userRow = (id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  const deletionOf = (userId: string) =>
    db
      .selectFrom('personalDataDeletions')
      .selectAll()
      .where('userId', '=', userId)
      .orderBy('scheduledAt')
      .execute()
  const auditEntries = (action: string) =>
    db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id').execute()

  it('previews the next year, the classes it archives, the pupils who wait, and whose data goes when', async () => {
    const preview = await previewRollover(db, JULY_15, page)
    expect(preview.today).toBe('2027-07-15')
    expect(preview.currentYear?.label).toBe('2026-2027')
    expect(preview.nextYear).toEqual({
      label: '2027-2028',
      startsOn: '2027-09-01',
      endsOn: '2028-08-31',
      isPrepared: false,
    })
    expect(preview.schools.map((school) => school.name)).toEqual([
      'École Anatole France',
      'École Berthe Morisot',
    ])
    const [a] = preview.schools
    expect(a?.classes.map((c) => [c.name, c.pupilCount])).toEqual([
      ['CE1 A', 2],
      ['CM2', 2],
    ])
    // Lina, Tom and Jade (missing from the import but still in her grace period) stay and wait.
    expect(a?.pupilsWaiting).toBe(3)
    expect(preview.totals).toEqual({ schools: 2, classes: 3, pupilsWaiting: 3, deletions: 4 })

    // Soonest first; the teacher still at school B and the administrator are not listed.
    expect(preview.deletions.map((d) => [d.displayName, d.dueOn])).toEqual([
      ['Léo MARTIN', '2027-09-20'],
      ['Sophie MARTIN', '2027-09-20'],
      ['Nora BLANC', '2027-10-01'],
      ['Hugo BERNARD', '2027-10-05'],
    ])
    const parent = preview.deletions.find((d) => d.userId === people.parent)
    expect(parent).toMatchObject({
      profiles: ['parent'],
      schools: [{ id: schoolA.id, name: 'École Anatole France' }],
      leftOn: '2027-06-20',
      isScheduled: false,
      account: 'anonymised',
      contributions: 'kept',
      removes: { memberships: 1, familyLinks: 1, sessions: 1, activationCodes: 1, classMemberships: 0 },
    })
    const leo = preview.deletions.find((d) => d.userId === people.leo)
    expect(leo?.removes).toMatchObject({ familyLinks: 1, classMemberships: 1, imageConsents: 1 })
    expect(preview.deletions.find((d) => d.userId === people.objector)).toMatchObject({
      account: 'deleted',
      contributions: 'deleted',
    })

    const first = await previewRollover(db, JULY_15, { limit: 2 })
    expect(first.deletions.map((d) => d.userId)).toEqual(preview.deletions.slice(0, 2).map((d) => d.userId))
    const second = await previewRollover(db, JULY_15, { limit: 2, after: first.nextAfter! })
    expect(second.deletions.map((d) => d.displayName)).toEqual(['Nora BLANC', 'Hugo BERNARD'])
    // Page by page, the whole list once, in the same order, and nothing after the last page.
    const seen = []
    let after: string | null | undefined
    do {
      const next = await previewRollover(db, JULY_15, { limit: 1, ...(after ? { after } : {}) })
      seen.push(...next.deletions.map((d) => d.userId))
      after = next.nextAfter
    } while (after)
    expect(seen).toEqual(preview.deletions.map((d) => d.userId))
    expect(await db.selectFrom('personalDataDeletions').selectAll().execute()).toEqual([])
  })

  it('refuses a label that is not the next year, and changes nothing', async () => {
    const attempt = openNextSchoolYear(db, JULY_15, '2028-2029', systemAudit)
    await expect(attempt).rejects.toMatchObject({
      status: 400,
      message: 'L’année à ouvrir est 2027-2028 : saisissez exactement ce libellé pour confirmer.',
    })
    const years = await db.selectFrom('schoolYears').select(['label', 'isCurrent']).execute()
    expect(years).toEqual([{ label: '2026-2027', isCurrent: true }])
  })

  it('opens 2027-2028: old classes archived, pupils keep their school without a class, teachers kept, deletions scheduled', async () => {
    const opened = await openNextSchoolYear(db, JULY_15, '2027-2028', systemAudit)
    expect(opened).toMatchObject({
      schoolYear: { label: '2027-2028', startsOn: '2027-09-01', endsOn: '2028-08-31', isCurrent: true },
      archivedClasses: 3,
      pupilsUnassigned: 4,
      scheduledDeletions: 4,
    })
    const years = await db.selectFrom('schoolYears').select(['label', 'isCurrent']).orderBy('label').execute()
    expect(years).toEqual([
      { label: '2026-2027', isCurrent: false },
      { label: '2027-2028', isCurrent: true },
    ])
    const classes = await db.selectFrom('classes').select(['archivedAt', 'schoolYearId']).execute()
    expect(
      classes.every((c) => c.schoolYearId === oldYearId && c.archivedAt?.getTime() === JULY_15.getTime()),
    ).toBe(true)

    // Pupils leave their class, not their school; the teacher keeps her account and her past class.
    expect(await countRows('classMembers', people.lina!)).toBe(0)
    expect(await countRows('memberships', people.lina!)).toBe(1)
    expect(await countRows('classMembers', people.teacher!)).toBe(1)
    expect((await userRow(people.teacher!))?.disabledAt).toBeNull()

    const parent = await deletionOf(people.parent!)
    expect(parent).toMatchObject([
      { dueOn: '2027-09-20', status: 'scheduled', schoolYearId: opened.schoolYear.id },
    ])
    expect(parent[0]?.scheduledAt.getTime()).toBe(JULY_15.getTime())
    expect((await deletionOf(people.objector!))[0]?.dueOn).toBe('2027-10-05')
    expect(await deletionOf(people.moved!)).toEqual([])
    expect(await deletionOf(people.admin!)).toEqual([])

    const [entry, ...others] = await auditEntries('schoolYears.open')
    expect(others).toEqual([])
    expect(entry).toMatchObject({
      actorId: null,
      targetId: opened.schoolYear.id,
      details: { label: '2027-2028', previous: '2026-2027', archivedClasses: 3, scheduledDeletions: 4 },
    })
  })

  it('refuses to open the same year twice, in French, and changes nothing', async () => {
    const attempt = openNextSchoolYear(db, JULY_15, '2027-2028', systemAudit)
    await expect(attempt).rejects.toBeInstanceOf(HttpProblem)
    await expect(attempt).rejects.toMatchObject({
      status: 409,
      message: 'L’année scolaire 2027-2028 est déjà ouverte : rien n’a été modifié.',
    })
    expect(await auditEntries('schoolYears.open')).toHaveLength(1)
    expect(await db.selectFrom('personalDataDeletions').selectAll().execute()).toHaveLength(4)
  })

  it('purges nothing before the due date', async () => {
    const report = await purgeDueDeletions(db, new Date('2027-09-19T21:59:00Z')) // 23:59 in Paris
    expect(report).toMatchObject({ anonymised: 0, deleted: 0, cancelled: 0, postponed: 0 })
    expect((await userRow(people.parent!))?.displayName).toBe('Sophie MARTIN')
    expect(await auditEntries('schoolYears.purgePersonalData')).toEqual([])
  })

  it('on the due date, anonymises the account: contributions keep an anonymous author, the rest goes', async () => {
    // Nora comes back to school A before her deletion falls due.
    await db
      .updateTable('memberships')
      .set({ leftAt: null })
      .where('userId', '=', people.returning!)
      .execute()

    const report = await purgeDueDeletions(db, new Date('2027-09-19T22:00:00Z')) // 20 September, 00:00 in Paris
    expect(report).toMatchObject({ anonymised: 2, deleted: 0, cancelled: 0, postponed: 0, failed: 0 })
    const parent = await userRow(people.parent!)
    expect(parent).toMatchObject({
      firstName: 'Ancien',
      lastName: 'compte',
      displayName: 'Ancien compte',
      alias: null,
      email: null,
      phone: null,
      birthDate: null,
      passwordHash: null,
    })
    expect(parent?.login).toMatch(/^ancien-compte\.[0-9a-f]{32}$/)
    expect(parent?.disabledAt).not.toBeNull()
    expect((await userRow(people.leo!))?.login).not.toBe(parent?.login)
    expect((await userRow(people.leo!))?.birthDate).toBeNull()
    for (const table of ['memberships', 'familyLinks', 'sessions', 'classMembers'] as const) {
      expect(await countRows(table, people.parent!), table).toBe(0)
    }
    expect(
      await db.selectFrom('activationCodes').where('userId', '=', people.parent!).selectAll().execute(),
    ).toEqual([])
    expect(
      await db.selectFrom('imageConsents').where('pupilId', '=', people.leo!).selectAll().execute(),
    ).toEqual([])
    const group = await db
      .selectFrom('groups')
      .select('createdBy')
      .where('name', '=', 'Parents correspondants')
      .executeTakeFirst()
    expect(group?.createdBy).toBe(people.parent)
    expect(await deletionOf(people.parent!)).toMatchObject([{ status: 'done', outcome: 'anonymised' }])

    const [entry] = await auditEntries('schoolYears.purgePersonalData')
    expect(entry?.details).toEqual({
      day: '2027-09-20',
      anonymised: 2,
      deleted: 0,
      cancelled: 0,
      postponed: 0,
      failed: 0,
    })
    expect(JSON.stringify(entry)).not.toMatch(/MARTIN|Martin|Sophie/)
    expect(entry?.actorId).toBeNull()
  })

  it('does not purge a person who came back, and cancels their deletion', async () => {
    const report = await purgeDueDeletions(db, new Date('2027-10-02T08:00:00Z'))
    expect(report).toMatchObject({ anonymised: 0, deleted: 0, cancelled: 1 })
    expect((await userRow(people.returning!))?.displayName).toBe('Nora BLANC')
    expect(await countRows('memberships', people.returning!)).toBe(1)
    expect(await deletionOf(people.returning!)).toMatchObject([{ status: 'cancelled' }])
  })

  it('deletes the account of a person who objected to keeping their contributions', async () => {
    const report = await purgeDueDeletions(db, new Date('2027-10-05T08:00:00Z'))
    expect(report).toMatchObject({ anonymised: 0, deleted: 1, cancelled: 0 })
    expect(await userRow(people.objector!)).toBeUndefined()
    expect(await countRows('memberships', people.objector!)).toBe(0)
    // The trace stays, with nothing personal in it.
    expect(await deletionOf(people.objector!)).toMatchObject([{ status: 'done', outcome: 'deleted' }])
  })

  it('schedules people who leave during the year, and postpones a deletion when they left again later', async () => {
    // Nora leaves again in November: the daily job schedules her, due in February.
    await leave(people.returning!, '2027-11-10T09:00:00Z')
    expect(await scheduleDepartedDeletions(db, new Date('2027-11-11T02:15:00Z'))).toBe(1)
    expect((await deletionOf(people.returning!)).at(-1)).toMatchObject({
      status: 'scheduled',
      dueOn: '2028-02-10',
      schoolYearId: null,
    })
    expect(await scheduleDepartedDeletions(db, new Date('2027-11-12T02:15:00Z'))).toBe(0)

    // She comes back and leaves once more before February: the purge waits 3 months from then.
    await db
      .updateTable('memberships')
      .set({ leftAt: new Date('2028-01-20T09:00:00Z') })
      .where('userId', '=', people.returning!)
      .execute()
    const report = await purgeDueDeletions(db, new Date('2028-02-10T08:00:00Z'))
    expect(report).toMatchObject({ anonymised: 0, postponed: 1 })
    expect((await deletionOf(people.returning!)).at(-1)).toMatchObject({
      status: 'scheduled',
      dueOn: '2028-04-20',
    })
    expect((await purgeDueDeletions(db, new Date('2028-04-20T08:00:00Z'))).anonymised).toBe(1)
    expect((await userRow(people.returning!))?.displayName).toBe('Ancien compte')
  })
})
