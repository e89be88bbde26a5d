import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FlashMessage, FlashMessagesList, MyFlashMessages } from '../../../contract/flash-messages.ts'
import { addMember, buildSchool, buildUser } from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'

/** A Paris day `offset` days from today (the tests run far from midnight in Paris or not: one day of margin). */
function day(offset: number): string {
  const paris = new Date(new Date().toLocaleString('en-US', { timeZone: 'Europe/Paris' }))
  paris.setDate(paris.getDate() + offset)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${paris.getFullYear()}-${pad(paris.getMonth() + 1)}-${pad(paris.getDate())}`
}

describe('flash messages', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  /** A second school of the own school's collectivity, with a parent. */
  let sibling: { id: string; parentId: string }

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    test = await createTestApp(database)
    const school = await buildSchool(database.db, {
      collectivityId: world.own.collectivityId,
      name: 'École voisine',
    })
    const parent = await buildUser(database.db, { firstName: 'Parent', lastName: 'Voisin' })
    await addMember(database.db, { schoolId: school.id, userId: parent.id, profile: 'parent' })
    sibling = { id: school.id, parentId: parent.id }
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  const as = (userId: string) => TestClient.signedInAs(test.app, userId)
  const bannersOf = async (userId: string) => {
    const response = await (await as(userId)).get('/api/me/flash-messages')
    expect(response.statusCode).toBe(200)
    return (response.json() as MyFlashMessages).banners
  }
  const countMessages = async () =>
    Number(
      (
        await database.db
          .selectFrom('flashMessages')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('lets a director post a banner for the parents of her school, which they see and dismiss, once for all their devices', async () => {
    const director = await as(world.users.director)
    const posted = await director.post(`/api/schools/${world.own.id}/flash-messages`, {
      text: '  Fermeture exceptionnelle lundi.  ',
      profiles: ['parent'],
      startsOn: day(-1),
      endsOn: day(1),
    })
    expect(posted.statusCode).toBe(201)
    const message = posted.json() as FlashMessage
    expect(message).toMatchObject({
      text: 'Fermeture exceptionnelle lundi.',
      profiles: ['parent'],
      allSchools: false,
      schools: [{ id: world.own.id }],
    })

    expect((await bannersOf(world.users.parent)).map((b) => b.text)).toEqual([
      'Fermeture exceptionnelle lundi.',
    ])
    // Not to the teacher of the same school, nor to a parent of another school.
    expect(await bannersOf(world.users.teacher)).toEqual([])
    expect(await bannersOf(sibling.parentId)).toEqual([])

    const list = await director.get(`/api/schools/${world.own.id}/flash-messages`)
    expect((list.json() as FlashMessagesList).messages.map((m) => m.id)).toContain(message.id)

    const audit = await database.db
      .selectFrom('auditLog')
      .select(['action', 'schoolId', 'targetId'])
      .where('action', '=', 'flashMessages.post')
      .execute()
    expect(audit).toEqual([{ action: 'flashMessages.post', schoolId: world.own.id, targetId: message.id }])

    const parent = await as(world.users.parent)
    expect((await parent.post(`/api/me/flash-messages/${message.id}/dismiss`)).statusCode).toBe(204)
    expect(await bannersOf(world.users.parent)).toEqual([])
    // Dismissing again changes nothing; another session of the same parent does not see it either.
    expect((await parent.post(`/api/me/flash-messages/${message.id}/dismiss`)).statusCode).toBe(204)
    expect(await bannersOf(world.users.parent)).toEqual([])
    // Someone it was not addressed to cannot dismiss it: it does not exist for them.
    const teacher = await as(world.users.teacher)
    expect((await teacher.post(`/api/me/flash-messages/${message.id}/dismiss`)).statusCode).toBe(404)
  })

  it('answers 404 when a director names another school, and writes nothing', async () => {
    const before = await countMessages()
    const response = await (await as(world.users.director)).post(
      `/api/schools/${world.own.id}/flash-messages`,
      {
        text: 'Pour l’autre école',
        profiles: ['parent'],
        schoolIds: [world.other.id],
        startsOn: day(0),
        endsOn: day(0),
      },
    )
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ detail: 'École introuvable.' })
    expect(await countMessages()).toBe(before)
  })

  it('keeps a collectivity to its schools: all of them when none is named, 404 for a school of another', async () => {
    const admin = await as(world.users.collectivityAdmin)
    const base = `/api/collectivities/${world.own.collectivityId}/flash-messages`
    const foreign = await admin.post(base, {
      text: 'Travaux',
      profiles: ['parent'],
      schoolIds: [world.own.id, world.other.id],
      startsOn: day(0),
      endsOn: day(0),
    })
    expect(foreign.statusCode).toBe(404)

    const all = await admin.post(base, {
      text: 'Cantine fermée',
      profiles: ['parent'],
      startsOn: day(0),
      endsOn: day(0),
    })
    expect(all.statusCode).toBe(201)
    expect(all.json()).toMatchObject({ allSchools: true, schools: [] })
    expect((await bannersOf(sibling.parentId)).map((b) => b.text)).toEqual(['Cantine fermée'])
    const otherParent = await buildUser(database.db, { firstName: 'Parent', lastName: 'Lointain' })
    await addMember(database.db, { schoolId: world.other.id, userId: otherParent.id, profile: 'parent' })
    expect(await bannersOf(otherParent.id)).toEqual([])
  })

  it('shows a banner only between its Paris days, both included', async () => {
    const admin = await as(world.users.syndicateAdmin)
    for (const [text, startsOn, endsOn] of [
      ['Hier', day(-2), day(-1)],
      ['Demain', day(1), day(2)],
      ['Aujourd’hui', day(0), day(0)],
    ] as const) {
      const response = await admin.post('/api/admin/flash-messages', {
        text,
        profiles: ['teacher'],
        schoolIds: [world.other.id],
        startsOn,
        endsOn,
      })
      expect(response.statusCode).toBe(201)
    }
    const teacher = await buildUser(database.db, { firstName: 'Enseignant', lastName: 'Autre' })
    await addMember(database.db, { schoolId: world.other.id, userId: teacher.id, profile: 'teacher' })
    expect((await bannersOf(teacher.id)).map((b) => b.text)).toEqual(['Aujourd’hui'])
  })

  it('refuses an empty text, no profile, or an end before the start, in French, writing nothing', async () => {
    const before = await countMessages()
    const director = await as(world.users.director)
    const url = `/api/schools/${world.own.id}/flash-messages`
    const valid = { text: 'Bonjour', profiles: ['parent'], startsOn: day(0), endsOn: day(0) }
    for (const [body, detail] of [
      [{ ...valid, text: '   ' }, /Écrivez le message/],
      [{ ...valid, profiles: [] }, /au moins un profil/],
      [{ ...valid, startsOn: day(2), endsOn: day(1) }, /après son début/],
      [{ ...valid, endsOn: '12/12/2026' }, /AAAA-MM-JJ/],
    ] as const) {
      const response = await director.post(url, body)
      expect(response.statusCode).toBe(400)
      expect(JSON.stringify(response.json())).toMatch(detail)
    }
    expect(await countMessages()).toBe(before)
  })
})
