import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, buildSchool, buildUser, TEST_PASSWORD } from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'
import { deleteExpiredUsageEvents } from './aggregation.ts'
import { aggregateDay, usageDayOf, usageRetentionLimit } from './index.ts'
import { writeOpenings } from './recorder.ts'

describe('usage statistics', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  const today = usageDayOf(new Date())

  const events = () =>
    database.db
      .selectFrom('usageEvents')
      .selectAll()
      .orderBy('kind')
      .orderBy('profile')
      .orderBy('service')
      .execute()
  const as = (persona: keyof World['users']) => TestClient.signedInAs(test.app, world.users[persona])

  beforeAll(async () => {
    database = await createTestDatabase()
    test = await createTestApp(database)
    world = await buildWorld(database.db)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  it('records each sign-in as a pseudonymous connection in every school of the person', async () => {
    await database.db.deleteFrom('usageEvents').execute()
    const user = await buildUser(database.db)
    await addMember(database.db, { schoolId: world.own.id, userId: user.id, profile: 'parent' })
    await addMember(database.db, { schoolId: world.other.id, userId: user.id, profile: 'parent' })
    for (let i = 0; i < 2; i++) {
      expect((await new TestClient(test.app).signIn(user.login, TEST_PASSWORD)).statusCode).toBe(204)
    }
    await test.app.usage.flush()
    const rows = await events()
    expect(rows).toHaveLength(4)
    expect(new Set(rows.map((r) => r.schoolId))).toEqual(new Set([world.own.id, world.other.id]))
    expect(rows.every((r) => r.kind === 'connexion' && r.profile === 'parent' && r.day === today)).toBe(true)
    expect(rows.find((r) => r.schoolId === world.own.id)?.collectivityId).toBe(world.own.collectivityId)
    // The same person is the same 16-byte pseudonym on a day, and it says nothing of their id.
    expect(new Set(rows.map((r) => r.userHash.toString('hex'))).size).toBe(1)
    const hash = rows[0]!.userHash
    expect(hash).toHaveLength(16)
    expect(hash.toString('hex')).not.toContain(user.id.replaceAll('-', '').slice(0, 8))
    // Nothing in the table names the person or the instant (an instant would match their session).
    const columns = await sql<{ columnName: string }>`
      select column_name from information_schema.columns where table_name = 'usage_events'`.execute(
      database.db,
    )
    expect(columns.rows.map((c) => c.columnName).sort()).toEqual(
      ['collectivity_id', 'day', 'kind', 'profile', 'school_id', 'service', 'user_hash'].sort(),
    )
  })

  it('gives the same person another pseudonym on another day', async () => {
    await database.db.deleteFrom('usageEvents').execute()
    test.app.usage.signedIn(world.users.teacher, new Date('2026-11-02T10:00:00Z'))
    test.app.usage.signedIn(world.users.teacher, new Date('2026-11-03T10:00:00Z'))
    await test.app.usage.flush()
    const rows = await events()
    expect(rows.map((r) => r.day).sort()).toEqual(['2026-11-02', '2026-11-03'])
    expect(rows[0]!.userHash.equals(rows[1]!.userHash)).toBe(false)
  })

  it('counts an application once per person, school and day, under its national service', async () => {
    await database.db.deleteFrom('usageEvents').execute()
    const parent = await as('parent')
    for (let i = 0; i < 3; i++) {
      expect((await parent.post('/api/usage/openings', { app: 'directory' })).statusCode).toBe(204)
    }
    expect((await parent.post('/api/usage/openings', { app: 'messaging' })).statusCode).toBe(204)
    await test.app.usage.flush()
    // After a restart (an empty memory of the day), the database still refuses the duplicate.
    const [first] = await events()
    await writeOpenings(database.db, [
      { schoolId: world.own.id, profile: 'parent', service: 'Annuaire', day: today, hash: first!.userHash },
    ])
    const rows = await events()
    expect(rows.map((r) => [r.kind, r.service, r.profile])).toEqual([
      ['application', 'Annuaire', 'parent'],
      ['application', 'Courrier_Electronique', 'parent'],
    ])
  })

  it('refuses an unknown application with a French message, recording nothing', async () => {
    await database.db.deleteFrom('usageEvents').execute()
    const response = await (await as('parent')).post('/api/usage/openings', { app: 'toString' })
    expect(response.statusCode).toBe(400)
    expect(response.json().detail).toContain('Application inconnue.')
    await test.app.usage.flush()
    expect(await events()).toEqual([])
  })

  describe('dashboards', () => {
    const day = '2026-11-16'
    let circonscriptionSchoolId: string

    beforeAll(async () => {
      await database.db.deleteFrom('usageEvents').execute()
      await database.db
        .updateTable('schools')
        .set({ circonscription: 'Lille 1' })
        .where('id', '=', world.own.id)
        .execute()
      const sameCirconscription = await buildSchool(database.db, { collectivityId: world.own.collectivityId })
      circonscriptionSchoolId = sameCirconscription.id
      await database.db
        .updateTable('schools')
        .set({ circonscription: 'Lille 1' })
        .where('id', '=', circonscriptionSchoolId)
        .execute()
      // Own school: 7 parents sign in (one twice), 3 teachers; 6 parents open the notebook.
      const at = new Date(`${day}T18:00:00Z`)
      const parents = await Promise.all(Array.from({ length: 7 }, () => buildUser(database.db)))
      const teachers = await Promise.all(Array.from({ length: 3 }, () => buildUser(database.db)))
      for (const p of parents)
        await addMember(database.db, { schoolId: world.own.id, userId: p.id, profile: 'parent' })
      for (const t of teachers)
        await addMember(database.db, { schoolId: world.own.id, userId: t.id, profile: 'teacher' })
      for (const p of parents) test.app.usage.signedIn(p.id, at)
      test.app.usage.signedIn(parents[0]!.id, at)
      for (const t of teachers) test.app.usage.signedIn(t.id, at)
      for (const p of parents.slice(0, 6))
        test.app.usage.opened(p.id, [{ schoolId: world.own.id, profile: 'parent' }], 'Vie_Scolaire', at)
      await test.app.usage.flush()
      await aggregateDay(database.db, day, new Date())
    })

    const period = `?from=${day}&to=${day}`

    it('computes the aggregates per school and per area, and again gives the same rows', async () => {
      await aggregateDay(database.db, day, new Date())
      const school = await database.db
        .selectFrom('usageDaily')
        .select(['kind', 'service', 'profile', 'events', 'uniqueUsers'])
        .where('schoolId', '=', world.own.id)
        .where('day', '=', day)
        .orderBy('kind')
        .orderBy('profile')
        .execute()
      expect(school).toEqual([
        { kind: 'application', service: 'Vie_Scolaire', profile: 'parent', events: 6, uniqueUsers: 6 },
        { kind: 'connexion', service: '', profile: 'parent', events: 8, uniqueUsers: 7 },
        { kind: 'connexion', service: '', profile: 'teacher', events: 3, uniqueUsers: 3 },
      ])
      const areas = await database.db
        .selectFrom('usageDailyByArea')
        .select(['area', 'events'])
        .where('day', '=', day)
        .where('kind', '=', 'connexion')
        .where('profile', '=', 'parent')
        .orderBy('area')
        .execute()
      expect(areas).toEqual([
        { area: 'circonscription:Lille 1', events: 8 },
        { area: `collectivite:${world.own.collectivityId}`, events: 8 },
        { area: 'syndicat', events: 8 },
      ])
    })

    it('shows the syndicate every count, and hides counts under 5 from a director', async () => {
      const syndicate = (await (await as('syndicateAdmin')).get(`/api/statistics/syndicate${period}`)).json()
      expect(syndicate.smallCountsHidden).toBe(false)
      expect(syndicate.connections).toContainEqual({
        day,
        profile: 'teacher',
        connections: 3,
        uniqueUsers: 3,
      })
      expect(syndicate.applications).toEqual([{ service: 'Vie_Scolaire', openings: 6 }])

      const response = await (await as('director')).get(`/api/schools/${world.own.id}/statistics${period}`)
      expect(response.statusCode).toBe(200)
      const school = response.json()
      expect(school.smallCountsHidden).toBe(true)
      expect(school.connections).toEqual([
        { day, profile: 'parent', connections: 8, uniqueUsers: 7 },
        { day, profile: 'teacher', connections: null, uniqueUsers: null },
      ])
      expect(school.activation).toHaveLength(1)
      expect(school.activation[0]).toMatchObject({ schoolId: world.own.id })
    })

    it('exports CSV with small counts hidden, even for the syndicate', async () => {
      const response = await (await as('syndicateAdmin')).get(`/api/statistics/syndicate.csv${period}`)
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
      expect(response.headers['content-disposition']).toContain('attachment')
      const lines = response.body.replace('\uFEFF', '').split('\r\n')
      expect(lines).toContain(`${day};Parents;8;7`)
      expect(lines).toContain(`${day};Enseignants;<5;<5`)
      expect(lines).toContain('Vie_Scolaire;6')
    })

    it('gives an academic their circonscription, its schools only, and nobody else’s', async () => {
      const academic = await as('academic')
      const areas = (await academic.get('/api/statistics/areas')).json().areas
      expect(areas).toContainEqual({ kind: 'circonscription', id: 'Lille 1', name: 'Lille 1' })
      expect(areas.some((a: { kind: string }) => a.kind === 'syndicat')).toBe(false)
      const own = await academic.get(`/api/statistics/circonscriptions/Lille%201${period}`)
      expect(own.statusCode).toBe(200)
      expect(
        own
          .json()
          .activation.map((s: { schoolId: string }) => s.schoolId)
          .sort(),
      ).toEqual([world.own.id, circonscriptionSchoolId].sort())
      expect((await academic.get(`/api/statistics/circonscriptions/Douai${period}`)).statusCode).toBe(404)
    })

    it('gives a collectivity its own dashboard and 404 for another', async () => {
      const admin = await as('collectivityAdmin')
      const own = await admin.get(`/api/collectivities/${world.own.collectivityId}/statistics${period}`)
      expect(own.statusCode).toBe(200)
      expect(own.json().connections).toContainEqual({
        day,
        profile: 'parent',
        connections: 8,
        uniqueUsers: 7,
      })
      const other = await admin.get(`/api/collectivities/${world.other.collectivityId}/statistics${period}`)
      expect(other.statusCode).toBe(404)
      expect((await admin.get(`/api/schools/${world.other.id}/statistics`)).statusCode).toBe(404)
    })

    it('refuses a period upside down or longer than a year, in French', async () => {
      const admin = await as('syndicateAdmin')
      const upside = await admin.get('/api/statistics/syndicate?from=2026-11-20&to=2026-11-01')
      expect(upside.statusCode).toBe(400)
      expect(upside.json().detail).toContain('La date de début doit précéder la date de fin.')
      const long = await admin.get('/api/statistics/syndicate?from=2025-01-01&to=2026-11-01')
      expect(long.json().detail).toContain('La période ne peut dépasser un an.')
      const malformed = await admin.get('/api/statistics/syndicate?from=16/11/2026')
      expect(malformed.json().detail).toContain('AAAA-MM-JJ')
    })
  })

  it('deletes raw events older than a year and keeps the aggregates', async () => {
    await database.db.deleteFrom('usageEvents').execute()
    test.app.usage.signedIn(world.users.teacher, new Date('2025-06-01T10:00:00Z'))
    test.app.usage.signedIn(world.users.teacher, new Date('2026-06-02T10:00:00Z'))
    await test.app.usage.flush()
    await aggregateDay(database.db, '2025-06-01', new Date())
    const limit = usageRetentionLimit(new Date('2026-06-02T10:00:00Z'))
    expect(limit).toBe('2025-06-02')
    expect(await deleteExpiredUsageEvents(database.db, limit)).toBe(1)
    expect((await events()).map((r) => r.day)).toEqual(['2026-06-02'])
    const kept = await database.db
      .selectFrom('usageDaily')
      .select('events')
      .where('day', '=', '2025-06-01')
      .execute()
    expect(kept).toEqual([{ events: 1 }])
  })
})
