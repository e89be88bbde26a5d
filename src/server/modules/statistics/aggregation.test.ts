import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCollectivity, buildSchool } from '../../testing/factories.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { aggregateDay } from './aggregation.ts'

/**
 * The daily aggregation against numbers counted by hand on a small day of events: schools A and B of
 * one collectivity and circonscription, school X of another collectivity outside any circonscription.
 * A parent of both A and B counts once in every area above them.
 */
describe('daily aggregation', () => {
  let database: TestDatabase
  const day = '2026-11-16'
  const ids = { a: '', b: '', x: '', c1: '', c2: '' }
  const person = (n: number) => Buffer.alloc(16, n)

  beforeAll(async () => {
    database = await createTestDatabase()
    const c1 = await buildCollectivity(database.db)
    const c2 = await buildCollectivity(database.db)
    const a = await buildSchool(database.db, { collectivityId: c1.id })
    const b = await buildSchool(database.db, { collectivityId: c1.id })
    const x = await buildSchool(database.db, { collectivityId: c2.id })
    Object.assign(ids, { a: a.id, b: b.id, x: x.id, c1: c1.id, c2: c2.id })
    await database.db
      .updateTable('schools')
      .set({ circonscription: 'Nord 1' })
      .where('id', 'in', [a.id, b.id])
      .execute()
    const connexion = (
      schoolId: string,
      collectivityId: string,
      profile: 'parent' | 'teacher',
      who: number,
    ) => ({
      schoolId,
      collectivityId,
      day,
      kind: 'connexion' as const,
      service: '',
      profile,
      userHash: person(who),
    })
    const opening = (
      schoolId: string,
      collectivityId: string,
      profile: 'parent' | 'teacher',
      who: number,
    ) => ({
      ...connexion(schoolId, collectivityId, profile, who),
      kind: 'application' as const,
      service: 'Vie_Scolaire',
    })
    await database.db
      .insertInto('usageEvents')
      .values([
        // Parent 1, of A and B, signs in twice: two connections in each school.
        connexion(a.id, c1.id, 'parent', 1),
        connexion(a.id, c1.id, 'parent', 1),
        connexion(b.id, c1.id, 'parent', 1),
        connexion(b.id, c1.id, 'parent', 1),
        // Parent 2, of A, once; and opens the notebook in B where he is a parent too.
        connexion(a.id, c1.id, 'parent', 2),
        opening(b.id, c1.id, 'parent', 2),
        // Teacher 3, of X: one connection, one opening.
        connexion(x.id, c2.id, 'teacher', 3),
        opening(x.id, c2.id, 'teacher', 3),
        // Another day, not counted.
        { ...connexion(a.id, c1.id, 'parent', 4), day: '2026-11-15' },
      ])
      .execute()
  })
  afterAll(async () => {
    await database.drop()
  })

  const schoolRows = () =>
    database.db
      .selectFrom('usageDaily')
      .select(['schoolId', 'kind', 'service', 'profile', 'events', 'uniqueUsers'])
      .where('day', '=', day)
      .orderBy('schoolId')
      .orderBy('kind')
      .orderBy('profile')
      .execute()
  const areaRows = () =>
    database.db
      .selectFrom('usageDailyByArea')
      .select(['area', 'kind', 'service', 'profile', 'events', 'uniqueUsers'])
      .where('day', '=', day)
      .orderBy('area')
      .orderBy('kind')
      .orderBy('profile')
      .execute()

  it('counts events and unique users per school and per area as counted by hand, the same when run again', async () => {
    await aggregateDay(database.db, day, new Date())
    const row = (kind: string, profile: string, events: number, uniqueUsers: number) => ({
      kind,
      service: kind === 'application' ? 'Vie_Scolaire' : '',
      profile,
      events,
      uniqueUsers,
    })
    const expectedSchools = [
      { schoolId: ids.a, ...row('connexion', 'parent', 3, 2) },
      { schoolId: ids.b, ...row('application', 'parent', 1, 1) },
      { schoolId: ids.b, ...row('connexion', 'parent', 2, 1) },
      { schoolId: ids.x, ...row('application', 'teacher', 1, 1) },
      { schoolId: ids.x, ...row('connexion', 'teacher', 1, 1) },
    ]
    const expectedAreas = [
      // Parent 1 in A and B counts once above them: 5 connections by 2 people.
      { area: 'circonscription:Nord 1', ...row('application', 'parent', 1, 1) },
      { area: 'circonscription:Nord 1', ...row('connexion', 'parent', 5, 2) },
      { area: `collectivite:${ids.c1}`, ...row('application', 'parent', 1, 1) },
      { area: `collectivite:${ids.c1}`, ...row('connexion', 'parent', 5, 2) },
      { area: `collectivite:${ids.c2}`, ...row('application', 'teacher', 1, 1) },
      { area: `collectivite:${ids.c2}`, ...row('connexion', 'teacher', 1, 1) },
      { area: 'syndicat', ...row('application', 'parent', 1, 1) },
      { area: 'syndicat', ...row('application', 'teacher', 1, 1) },
      { area: 'syndicat', ...row('connexion', 'parent', 5, 2) },
      { area: 'syndicat', ...row('connexion', 'teacher', 1, 1) },
    ]
    // Compare as sets of rows: the database's text order may differ from JavaScript's.
    expect(await schoolRows()).toEqual(expect.arrayContaining(expectedSchools))
    expect(await schoolRows()).toHaveLength(expectedSchools.length)
    expect(await areaRows()).toEqual(expect.arrayContaining(expectedAreas))
    expect(await areaRows()).toHaveLength(expectedAreas.length)

    await aggregateDay(database.db, day, new Date())
    expect(await schoolRows()).toHaveLength(expectedSchools.length)
    expect(await areaRows()).toEqual(expect.arrayContaining(expectedAreas))
    expect(await areaRows()).toHaveLength(expectedAreas.length)
  })

  it('updates a day run again after more events came in', async () => {
    await database.db
      .insertInto('usageEvents')
      .values({
        schoolId: ids.x,
        collectivityId: ids.c2,
        day,
        kind: 'connexion',
        service: '',
        profile: 'teacher',
        userHash: person(5),
      })
      .execute()
    await aggregateDay(database.db, day, new Date())
    const syndicate = await database.db
      .selectFrom('usageDailyByArea')
      .select(['events', 'uniqueUsers'])
      .where('area', '=', 'syndicat')
      .where('day', '=', day)
      .where('kind', '=', 'connexion')
      .where('profile', '=', 'teacher')
      .executeTakeFirstOrThrow()
    expect(syndicate).toEqual({ events: 2, uniqueUsers: 2 })
  })
})
