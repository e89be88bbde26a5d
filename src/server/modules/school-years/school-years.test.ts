import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RolloverPreview } from '../../../contract/school-years.ts'
import { addMember, buildUser } from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'
import { RETENTION_JOB } from './index.ts'

/**
 * The rollover through the API. Routes read the real clock: the current year is set far ahead
 * (2040-2041) so that the next one is 2041-2042 whatever the day of the run.
 */
describe('the rollover in the syndicate console', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  let syndicate: TestClient
  let departedId: string

  beforeAll(async () => {
    database = await createTestDatabase()
    await database.db
      .insertInto('schoolYears')
      .values({ label: '2040-2041', startsOn: '2040-09-01', endsOn: '2041-08-31', isCurrent: true })
      .execute()
    world = await buildWorld(database.db)
    const departed = await buildUser(database.db, { firstName: 'Maëlle', lastName: 'Dupont' })
    departedId = departed.id
    await addMember(database.db, { schoolId: world.own.id, userId: departedId, profile: 'parent' })
    await database.db
      .updateTable('memberships')
      .set({ leftAt: new Date('2041-05-31T12:00:00Z') })
      .where('userId', '=', departedId)
      .execute()
    test = await createTestApp(database)
    syndicate = await TestClient.signedInAs(test.app, world.users.syndicateAdmin)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  const preview = async () => {
    const response = await syndicate.get('/api/admin/school-years/rollover')
    expect(response.statusCode).toBe(200)
    return response.json() as RolloverPreview
  }

  it('previews the opening of 2041-2042 for the syndicate, and audits the read of the names', async () => {
    const body = await preview()
    expect(body.nextYear).toEqual({
      label: '2041-2042',
      startsOn: '2041-09-01',
      endsOn: '2042-08-31',
      isPrepared: false,
    })
    expect(body.allowedActions).toEqual(['schoolYears.openNextYear'])
    const own = body.schools.find((school) => school.id === world.own.id)
    expect(own?.classes.map((c) => [c.name, c.pupilCount])).toEqual([
      ['CE1 A', 1],
      ['CM2 A', 1],
    ])
    expect(own?.pupilsWaiting).toBe(2)
    expect(body.deletions).toEqual([
      expect.objectContaining({
        userId: departedId,
        displayName: 'Maëlle DUPONT',
        leftOn: '2041-05-31',
        dueOn: '2041-08-31',
        account: 'anonymised',
        contributions: 'kept',
      }),
    ])
    const read = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'read:rollover-deletions')
      .executeTakeFirst()
    expect(read).toMatchObject({ actorId: world.users.syndicateAdmin, details: { people: 1 } })
  })

  it('refuses a bad page size with a French message', async () => {
    const response = await syndicate.get('/api/admin/school-years/rollover?limit=0')
    expect(response.statusCode).toBe(400)
    expect(response.json().detail).toMatch(/^querystring\.limit : /)
  })

  it('lets a person object to keeping their contributions, then withdraw, on their own account', async () => {
    const parent = await TestClient.signedInAs(test.app, world.users.parent)
    expect((await parent.get('/api/me/contributions-objection')).json()).toEqual({ objectedAt: null })
    const objected = await parent.put('/api/me/contributions-objection')
    expect(objected.statusCode).toBe(200)
    const objectedAt = objected.json().objectedAt as string
    expect(Date.parse(objectedAt)).toBeGreaterThan(Date.now() - 60_000)
    // Objecting again keeps the first date.
    expect((await parent.put('/api/me/contributions-objection')).json().objectedAt).toBe(objectedAt)
    expect((await parent.get('/api/me/contributions-objection')).json()).toEqual({ objectedAt })

    const withdrawn = await parent.delete('/api/me/contributions-objection')
    expect(withdrawn.json()).toEqual({ objectedAt: null })
    const trail = await database.db
      .selectFrom('auditLog')
      .select(['action', 'targetId'])
      .where('actorId', '=', world.users.parent)
      .orderBy('id')
      .execute()
    expect(trail).toEqual([
      { action: 'schoolYears.objectToKeepingContributions', targetId: world.users.parent },
      { action: 'schoolYears.withdrawObjection', targetId: world.users.parent },
    ])
  })

  it('shows in the preview that an objecting person’s account and contributions will be deleted', async () => {
    await database.db
      .updateTable('users')
      .set({ contributionsObjectionAt: new Date() })
      .where('id', '=', departedId)
      .execute()
    const [deletion] = (await preview()).deletions
    expect(deletion).toMatchObject({ account: 'deleted', contributions: 'deleted' })
  })

  it('refuses a label other than the next year: nothing changes', async () => {
    const response = await syndicate.post('/api/admin/school-years/rollover', { label: '2042-2043' })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      errors: [
        {
          path: 'body.label',
          message: 'L’année à ouvrir est 2041-2042 : saisissez exactement ce libellé pour confirmer.',
        },
      ],
    })
    const malformed = await syndicate.post('/api/admin/school-years/rollover', { label: '2041' })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().errors[0].message).toBe('Une année scolaire s’écrit 2026-2027.')
    const current = await database.db
      .selectFrom('schoolYears')
      .select('label')
      .where('isCurrent', '=', true)
      .execute()
    expect(current).toEqual([{ label: '2040-2041' }])
  })

  it('opens 2041-2042 once; the second click is refused in French', async () => {
    const response = await syndicate.post('/api/admin/school-years/rollover', { label: '2041-2042' })
    expect(response.statusCode).toBe(201)
    expect(response.json()).toMatchObject({
      schoolYear: { label: '2041-2042', isCurrent: true },
      archivedClasses: 4,
      pupilsUnassigned: 4,
      scheduledDeletions: 1,
    })
    // The director's class list is now empty: last year's classes are archived.
    const director = await TestClient.signedInAs(test.app, world.users.director)
    const classes = await director.get(`/api/schools/${world.own.id}/classes`)
    expect(classes.json().classes).toEqual([])

    const again = await syndicate.post('/api/admin/school-years/rollover', { label: '2041-2042' })
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toBe('L’année scolaire 2041-2042 est déjà ouverte : rien n’a été modifié.')
    const entries = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'schoolYears.open')
      .execute()
    expect(entries).toMatchObject([{ actorId: world.users.syndicateAdmin, details: { label: '2041-2042' } }])

    // The preview now announces the year after, with no class left to archive.
    const next = await preview()
    expect(next.nextYear.label).toBe('2042-2043')
    expect(next.totals.classes).toBe(0)
    expect(next.deletions[0]).toMatchObject({ userId: departedId, isScheduled: true })
  })

  it('runs the retention job every night, Paris time', async () => {
    const { rows } = await sql<{ cron: string; timezone: string }>`
      select cron, timezone from pgboss.schedule where name = ${RETENTION_JOB}`.execute(database.db)
    expect(rows).toEqual([{ cron: '15 3 * * *', timezone: 'Europe/Paris' }])
  })
})
