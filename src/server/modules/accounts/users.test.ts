import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SchoolUserDetail, UsersPage } from '../../../contract/accounts.ts'
import { addMember, buildClass, buildUser, issueActivationCode } from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'

describe('users of a school', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  let director: TestClient
  let classId: string
  const CODE = /^[a-hj-km-npr-tv-z3-9]{4}-[a-hj-km-npr-tv-z3-9]{4}$/

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    test = await createTestApp(database)
    director = await TestClient.signedInAs(test.app, world.users.director)
    classId = (
      await buildClass(database.db, { schoolId: world.own.id, name: 'CP Les Écureuils', levels: ['CP'] })
    ).id
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  const users = (query = '') => `/api/schools/${world.own.id}/users${query}`
  const list = async (query = '') => {
    const response = await director.get(users(query))
    expect(response.statusCode).toBe(200)
    return response.json() as UsersPage
  }
  const countUsers = async () =>
    Number(
      (
        await database.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('creates a pupil in a class with a parent: login, display name, activation code, links, audit', async () => {
    const response = await director.post(users(), {
      firstName: ' Zoé ',
      lastName: 'Lefèvre-Dubois',
      profile: 'pupil',
      classId,
      birthDate: '2019-04-12',
      parentIds: [world.own.parentId],
    })
    expect(response.statusCode).toBe(201)
    const created = response.json()
    expect(created).toMatchObject({ login: 'zoe.lefevredubois', displayName: 'Zoé LEFÈVRE-DUBOIS' })
    expect(created.code).toMatch(CODE)
    const days = (new Date(created.expiresAt).getTime() - Date.now()) / 86_400_000
    expect(days).toBeCloseTo(test.config.activationCodeDays, 1)
    const stored = await database.db
      .selectFrom('activationCodes')
      .select('code')
      .where('userId', '=', created.userId)
      .executeTakeFirstOrThrow()
    expect(stored.code).toBe(created.code.replace('-', ''))

    const detail = (await director.get(users(`/${created.userId}`))).json() as SchoolUserDetail
    expect(detail).toMatchObject({
      firstName: 'Zoé',
      lastName: 'Lefèvre-Dubois',
      birthDate: '2019-04-12',
      profiles: ['pupil'],
      classes: [{ id: classId, name: 'CP Les Écureuils' }],
      parents: [{ id: world.own.parentId }],
      activation: { state: 'pending' },
      removedAt: null,
    })
    expect(detail.allowedActions).toContain('accounts.resetPupilPassword')
    const trail = (await director.get(`/api/schools/${world.own.id}/audit?limit=2`)).json().entries
    expect(trail.map((entry: { action: string }) => entry.action)).toEqual([
      'read:user',
      'accounts.createUser',
    ])
    expect(trail[0].target).toMatchObject({ type: 'user', id: created.userId, name: expect.any(String) })
  })

  it('gives homonyms 2, 3… even when they are created at the same moment', async () => {
    const create = () => director.post(users(), { firstName: 'Léa', lastName: 'Martin', profile: 'parent' })
    const concurrent = await Promise.all([create(), create(), create()])
    expect(concurrent.map((r) => r.statusCode)).toEqual([201, 201, 201])
    expect(concurrent.map((r) => r.json().login).sort()).toEqual(['lea.martin', 'lea.martin2', 'lea.martin3'])
    expect((await create()).json().login).toBe('lea.martin4')
  })

  it.each([
    [{ profile: 'pupil' }, 'body.birthDate', 'La date de naissance est obligatoire pour un élève.'],
    [
      { profile: 'pupil', birthDate: '2999-01-01' },
      'body.birthDate',
      'La date de naissance ne peut pas être dans le futur.',
    ],
    [{ profile: 'pupil', birthDate: '12/04/2019' }, 'body.birthDate', 'Date attendue au format AAAA-MM-JJ.'],
    [
      { profile: 'pupil', birthDate: '2019-01-01', email: 'enfant@example.fr' },
      'body.email',
      'Un élève n’a pas d’adresse e-mail dans Préau.',
    ],
    [
      { profile: 'parent', classId: '00000000-0000-4000-8000-000000000000' },
      'body.classId',
      'Un parent est rattaché aux classes de ses enfants, pas à une classe.',
    ],
    [{ profile: 'wizard' }, 'body.profile', undefined],
    [{ profile: 'teacher', firstName: '' }, 'body.firstName', 'Saisissez le prénom.'],
  ])(
    'refuses %o with a French message on the field, and creates nobody',
    async (overrides, path, message) => {
      const before = await countUsers()
      const response = await director.post(users(), { firstName: 'Hugo', lastName: 'Petit', ...overrides })
      expect(response.statusCode).toBe(400)
      const errors = response.json().errors as { path: string; message: string }[]
      expect(errors.map((e) => e.path)).toEqual([path])
      if (message) expect(errors[0]!.message).toBe(message)
      else expect(errors[0]!.message).toMatch(/^Option invalide/)
      expect(await countUsers()).toBe(before)
    },
  )

  it('refuses a class or a parent of another school, saying which field', async () => {
    const before = await countUsers()
    const foreignClass = await director.post(users(), {
      firstName: 'Hugo',
      lastName: 'Petit',
      profile: 'pupil',
      birthDate: '2018-02-02',
      classId: world.other.classId,
    })
    expect(foreignClass.statusCode).toBe(400)
    expect(foreignClass.json()).toMatchObject({
      detail: 'Cette classe n’existe pas dans l’école.',
      errors: [{ path: 'body.classId' }],
    })
    const foreignParent = await director.post(users(), {
      firstName: 'Hugo',
      lastName: 'Petit',
      profile: 'pupil',
      birthDate: '2018-02-02',
      parentIds: [world.other.parentId],
    })
    expect(foreignParent.json()).toMatchObject({ status: 400, detail: 'Ce parent n’est pas dans l’école.' })
    expect(await countUsers()).toBe(before)
  })

  it('leaves agents to their collectivity and academic staff to the syndicate', async () => {
    const agent = { firstName: 'Paul', lastName: 'Agent', profile: 'collectivity_agent' }
    const refused = await director.post(users(), agent)
    expect(refused.json()).toMatchObject({
      status: 403,
      detail: 'Les comptes des agents sont créés par l’administrateur de la collectivité.',
    })
    const collectivityAdmin = await TestClient.signedInAs(test.app, world.users.collectivityAdmin)
    expect((await collectivityAdmin.post(users(), agent)).statusCode).toBe(201)
  })

  it('lists the users by name, a page at a time, without repeating or skipping anyone', async () => {
    const all = await list('?limit=200')
    const seen: string[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const page: UsersPage = await list(`?limit=4${cursor ? `&after=${cursor}` : ''}`)
      // The total comes with the first page, counted with the same filter as the pages.
      expect(page.total).toEqual(cursor ? null : { count: all.users.length, atLeast: false })
      seen.push(...page.users.map((u) => u.id))
      cursor = page.nextAfter
    }
    expect(seen).toEqual(all.users.map((u) => u.id))
    expect(new Set(seen).size).toBe(seen.length)
    expect(all.allowedActions).toContain('accounts.createUser')
  })

  it('filters by profile, class (with the parents of its pupils), name prefix and activation state', async () => {
    const pending = await buildUser(database.db, {
      firstName: 'Émile',
      lastName: 'Attente',
      activated: false,
    })
    await addMember(database.db, { schoolId: world.own.id, userId: pending.id, profile: 'staff' })
    await issueActivationCode(database.db, pending.id)
    const expired = await buildUser(database.db, { firstName: 'Éva', lastName: 'Expirée', activated: false })
    await addMember(database.db, { schoolId: world.own.id, userId: expired.id, profile: 'staff' })
    await issueActivationCode(database.db, expired.id, 'abcd3456', -1)
    const codeless = await buildUser(database.db, {
      firstName: 'Noé',
      lastName: 'Sanscode',
      activated: false,
    })
    await addMember(database.db, { schoolId: world.own.id, userId: codeless.id, profile: 'staff' })

    const ids = async (query: string) => (await list(query)).users.map((u) => u.id)
    expect(await ids('?profile=staff&activation=pending')).toEqual([pending.id])
    expect(await ids('?profile=staff&activation=expired')).toEqual([expired.id])
    expect(await ids('?profile=staff&activation=no-code')).toEqual([codeless.id])
    expect(await ids('?profile=staff&activation=activated')).toEqual([world.users.staff])
    expect(await ids('?q=EXPIR')).toEqual([expired.id])
    expect(await ids('?q=eva')).toEqual([expired.id])
    const byClass = await list(`?classId=${world.own.classId}&limit=200`)
    expect(byClass.users.map((u) => u.id).sort()).toEqual(
      [world.own.pupilId, world.own.parentId, world.own.teacherId, world.users.staff].sort(),
    )
    const parent = byClass.users.find((u) => u.id === world.own.parentId)!
    expect(parent.classes.map((c) => c.id)).toContain(world.own.classId)
  })

  it('searches a % or a _ as the character it is, not as a wildcard', async () => {
    const people = []
    for (const lastName of ['Ab_c', 'Abxc', 'Cent%', 'Centre']) {
      const user = await buildUser(database.db, { firstName: 'Jo', lastName })
      await addMember(database.db, { schoolId: world.own.id, userId: user.id, profile: 'staff' })
      people.push(user.id)
    }
    const [underscore, , percent] = people
    const ids = async (q: string) => (await list(`?q=${encodeURIComponent(q)}`)).users.map((u) => u.id)
    expect(await ids('ab_')).toEqual([underscore])
    expect(await ids('cent%')).toEqual([percent])
    expect(await ids('%')).toEqual([])
    expect(await ids('_')).toEqual([])
  })

  it('answers 404 for another school, its class, its users, and malformed ids', async () => {
    expect((await director.get(`/api/schools/${world.other.id}/users`)).statusCode).toBe(404)
    const foreignClass = await director.get(users(`?classId=${world.other.classId}`))
    expect(foreignClass.json()).toMatchObject({ status: 404, detail: 'Classe introuvable.' })
    const foreignUser = await director.get(users(`/${world.other.pupilId}`))
    expect(foreignUser.json()).toMatchObject({
      status: 404,
      detail: 'Cette personne n’existe pas dans l’école.',
    })
    expect((await director.get(users('/not-a-uuid'))).statusCode).toBe(404)
    expect((await director.post(users(`/${world.other.pupilId}/remove`))).statusCode).toBe(404)
    expect((await director.get('/api/schools/not-a-uuid/users')).statusCode).toBe(404)
  })
})
