import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addMember,
  buildUser,
  issueActivationCode,
  linkFamily,
  TEST_PASSWORD,
} from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'

describe('activation codes and the teacher’s reset of a pupil’s password', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  let director: TestClient
  let teacher: TestClient

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    test = await createTestApp(database)
    director = await TestClient.signedInAs(test.app, world.users.director)
    teacher = await TestClient.signedInAs(test.app, world.users.teacher)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  const school = (rest: string) => `/api/schools/${world.own.id}${rest}`
  const storedCode = (userId: string) =>
    database.db.selectFrom('activationCodes').selectAll().where('userId', '=', userId).execute()

  /** A person of the school who has not activated their account yet (in `classId` for a pupil). */
  async function newcomer(profile: 'pupil' | 'parent', classId?: string, code?: string) {
    const user = await buildUser(database.db, { activated: false, firstName: 'Sacha', lastName: 'Nouveau' })
    await addMember(database.db, { schoolId: world.own.id, userId: user.id, profile, classId })
    if (code) await issueActivationCode(database.db, user.id, code)
    return user
  }

  it('gives a code to one account, and replaces it on request: the old code then stops working', async () => {
    const parent = await newcomer('parent')
    const first = await director.post(school(`/users/${parent.id}/activation-code`))
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ userId: parent.id, login: parent.login })
    const second = (await director.post(school(`/users/${parent.id}/activation-code`))).json()
    expect(second.code).not.toBe(first.json().code)
    const rows = await storedCode(parent.id)
    expect(rows.map((row) => row.code)).toEqual([second.code.replace('-', '')])
    const check = (code: string) =>
      new TestClient(test.app).post('/api/auth/activation/check', { login: parent.login, code })
    expect((await check(first.json().code)).statusCode).toBe(400)
    expect((await check(second.code)).statusCode).toBe(200)
    const trail = (await director.get(school('/audit?action=accounts.issueActivationCode'))).json().entries
    expect(trail).toHaveLength(2)
  })

  it('refuses a new code for an activated account, which only a reset may reopen', async () => {
    const response = await director.post(school(`/users/${world.own.parentId}/activation-code`))
    expect(response.json()).toMatchObject({ status: 409, code: 'account-activated' })
    expect(response.json().detail).toMatch(/^Ce compte est déjà activé/)
    expect(await storedCode(world.own.parentId)).toEqual([])
  })

  it('gives codes to a class: to those without a valid one, or new ones to every account not activated', async () => {
    const codeless = await newcomer('pupil', world.own.classId)
    const waiting = await newcomer('pupil', world.own.classId, 'kkkk3333')
    const parent = await newcomer('parent')
    await linkFamily(database.db, { schoolId: world.own.id, pupilId: codeless.id, parentId: parent.id })
    const url = school(`/classes/${world.own.classId}/activation-codes`)

    const missing = await teacher.post(url, { for: 'pupils', mode: 'missing' })
    expect(missing.statusCode).toBe(200)
    expect(missing.json().issued.map((i: { userId: string }) => i.userId)).toEqual([codeless.id])
    expect((await storedCode(waiting.id))[0]!.code).toBe('kkkk3333')

    const all = (await teacher.post(url, { for: 'all', mode: 'all' })).json()
    expect(all.issued.map((i: { userId: string }) => i.userId).sort()).toEqual(
      [codeless.id, waiting.id, parent.id].sort(),
    )
    expect(all.issued.find((i: { userId: string }) => i.userId === parent.id).profile).toBe('parent')
    expect((await storedCode(waiting.id))[0]!.code).not.toBe('kkkk3333')
    // The world's pupil and parent are activated: never given a code.
    expect(await storedCode(world.own.pupilId)).toEqual([])

    const otherClass = await teacher.post(school(`/classes/${world.own.otherClassId}/activation-codes`), {})
    expect(otherClass.json()).toMatchObject({ status: 404, detail: 'Classe introuvable.' })
    const badBody = await teacher.post(url, { for: 'everyone' })
    expect(badBody.json().errors[0].path).toBe('body.for')
  })

  it('lets the class’s teacher reset a pupil: sessions closed, a new code, then activation again', async () => {
    const pupil = await buildUser(database.db, { firstName: 'Timéo', lastName: 'Oubli' })
    await addMember(database.db, {
      schoolId: world.own.id,
      userId: pupil.id,
      profile: 'pupil',
      classId: world.own.classId,
    })
    const device = new TestClient(test.app)
    expect((await device.signIn(pupil.login, TEST_PASSWORD)).statusCode).toBe(204)

    const response = await teacher.post(school(`/users/${pupil.id}/password-reset`))
    expect(response.statusCode).toBe(200)
    const { code, login } = response.json()
    expect(login).toBe(pupil.login)
    expect((await device.get('/api/me')).statusCode).toBe(401)
    expect((await new TestClient(test.app).signIn(pupil.login, TEST_PASSWORD)).statusCode).toBe(401)
    const row = await database.db
      .selectFrom('users')
      .select(['passwordHash', 'activatedAt'])
      .where('id', '=', pupil.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ passwordHash: null, activatedAt: null })

    const activation = await new TestClient(test.app).post('/api/auth/activation', {
      login: pupil.login,
      code,
      password: 'girafe42',
      passwordConfirmation: 'girafe42',
      acceptCharter: true,
    })
    expect(activation.statusCode).toBe(204)
    expect((await new TestClient(test.app).signIn(pupil.login, 'girafe42')).statusCode).toBe(204)
    const trail = (await director.get(school('/audit?action=accounts.resetPupilPassword'))).json().entries
    expect(trail[0]).toMatchObject({
      actor: { id: world.users.teacher },
      target: { type: 'user', id: pupil.id },
    })
  })

  it('lets the director reset any pupil, hides other classes’ pupils from a teacher, and refuses adults', async () => {
    const otherClassPupil = school(`/users/${world.own.otherClassPupilId}/password-reset`)
    expect((await teacher.post(otherClassPupil)).json()).toMatchObject({
      status: 404,
      detail: 'Cette personne n’existe pas dans l’école.',
    })
    expect((await director.post(otherClassPupil)).statusCode).toBe(200)
    const adult = await teacher.post(school(`/users/${world.own.parentId}/password-reset`))
    expect(adult.json()).toMatchObject({ status: 409, code: 'adult-account' })
    expect(adult.json().detail).toMatch(/« Mot de passe oublié »/)
    const foreign = await teacher.post(
      `/api/schools/${world.other.id}/users/${world.other.pupilId}/password-reset`,
    )
    expect(foreign.statusCode).toBe(404)
    const collectivityAdmin = await TestClient.signedInAs(test.app, world.users.collectivityAdmin)
    expect(
      (await collectivityAdmin.post(school(`/users/${world.own.pupilId}/password-reset`))).statusCode,
    ).toBe(403)
  })
})
