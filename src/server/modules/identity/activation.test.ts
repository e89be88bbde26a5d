import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addMember,
  buildClass,
  buildCollectivity,
  buildSchool,
  buildUser,
  issueActivationCode,
} from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'

describe('first sign-in with an activation code', () => {
  let database: TestDatabase
  let test: TestApp
  let schoolId: string

  beforeAll(async () => {
    database = await createTestDatabase()
    test = await createTestApp(database)
    const collectivity = await buildCollectivity(database.db)
    schoolId = (await buildSchool(database.db, { collectivityId: collectivity.id })).id
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  async function newcomer(profile: 'parent' | 'pupil' | 'teacher', director = false) {
    const user = await buildUser(database.db, { activated: false, firstName: 'Nadia', lastName: 'Benali' })
    const klass = profile === 'pupil' ? await buildClass(database.db, { schoolId }) : undefined
    await addMember(database.db, { schoolId, userId: user.id, profile, director, classId: klass?.id })
    const code = await issueActivationCode(database.db, user.id, 'k7mp3xwa')
    return { user, code }
  }

  const activation = (login: string, overrides: Record<string, unknown> = {}) => ({
    login,
    code: 'K7MP-3XWA',
    password: 'un long chemin vers l’école',
    passwordConfirmation: 'un long chemin vers l’école',
    acceptCharter: true,
    ...overrides,
  })

  it('checks the code (typed in capitals, with a dash) and tells the rules of the password', async () => {
    const { user } = await newcomer('parent')
    const response = await new TestClient(test.app).post('/api/auth/activation/check', {
      login: user.login,
      code: 'K7MP-3XWA',
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      displayName: 'Nadia',
      isAdult: true,
      passwordRule: { minLength: 10, label: 'au moins 10 caractères' },
    })
  })

  it('activates a parent: password set, charter accepted, contact kept, signed in, code spent', async () => {
    const { user } = await newcomer('parent')
    const client = new TestClient(test.app)
    const response = await client.post(
      '/api/auth/activation',
      activation(user.login, { email: 'Nadia.Benali@Example.fr', phone: '06 12 34 56 78' }),
    )
    expect(response.statusCode).toBe(204)
    expect((await client.get('/api/me')).json().id).toBe(user.id)
    const row = await database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row.activatedAt).not.toBeNull()
    expect(row.charterAcceptedAt).not.toBeNull()
    expect(row.email).toBe('nadia.benali@example.fr')
    expect(row.phone).toBe('0612345678')
    expect(row.passwordHash).toMatch(/^\$argon2id\$/)
    const again = await new TestClient(test.app).post('/api/auth/activation', activation(user.login))
    expect(again.statusCode).toBe(400)
    expect(again.json().code).toBe('invalid-activation')
    expect(
      (await new TestClient(test.app).signIn(user.login, 'un long chemin vers l’école')).statusCode,
    ).toBe(204)
  })

  it('lets a pupil choose a short password but keeps no contact for a child', async () => {
    const { user } = await newcomer('pupil')
    const response = await new TestClient(test.app).post(
      '/api/auth/activation',
      activation(user.login, {
        password: 'tigre7',
        passwordConfirmation: 'tigre7',
        email: 'enfant@example.fr',
      }),
    )
    expect(response.statusCode).toBe(204)
    const row = await database.db
      .selectFrom('users')
      .select(['email'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row.email).toBeNull()
  })

  it.each([
    [
      { code: 'wrongcod' },
      'invalid-activation',
      'Identifiant ou code d’activation incorrect, ou code expiré.',
    ],
    [
      { passwordConfirmation: 'autre chose encore' },
      'validation',
      'Les deux mots de passe ne sont pas identiques.',
    ],
    [
      { password: 'court', passwordConfirmation: 'court' },
      'validation',
      'Le mot de passe doit contenir au moins 10 caractères.',
    ],
    [
      { password: 'azerty123456', passwordConfirmation: 'azerty123456' },
      'validation',
      'Ce mot de passe est trop courant : choisissez-en un autre.',
    ],
    [
      { password: 'nadia-2026-ecole', passwordConfirmation: 'nadia-2026-ecole' },
      'validation',
      'Le mot de passe ne doit pas contenir votre nom ou votre identifiant.',
    ],
    [
      { acceptCharter: false },
      'validation',
      'body.acceptCharter : Acceptez la charte d’utilisation pour continuer.',
    ],
  ])('refuses %o with a French reason and changes nothing', async (overrides, code, detail) => {
    const { user } = await newcomer('parent')
    const response = await new TestClient(test.app).post(
      '/api/auth/activation',
      activation(user.login, overrides),
    )
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code, detail })
    const row = await database.db
      .selectFrom('users')
      .select(['passwordHash', 'activatedAt'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ passwordHash: null, activatedAt: null })
    expect(
      await database.db
        .selectFrom('activationCodes')
        .select('code')
        .where('userId', '=', user.id)
        .executeTakeFirst(),
    ).toBeDefined()
  })

  it('refuses an expired code the same way as a wrong one', async () => {
    const { user } = await newcomer('parent')
    await issueActivationCode(database.db, user.id, 'k7mp3xwa', -1)
    const response = await new TestClient(test.app).post('/api/auth/activation/check', {
      login: user.login,
      code: 'k7mp3xwa',
    })
    expect(response.json()).toMatchObject({ status: 400, code: 'invalid-activation' })
  })

  it('accepts a code once even when two activations race', async () => {
    const { user } = await newcomer('parent')
    const [a, b] = await Promise.all([
      new TestClient(test.app).post('/api/auth/activation', activation(user.login)),
      new TestClient(test.app).post('/api/auth/activation', activation(user.login)),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([204, 400])
  })

  it('sends a director on to enrol an authenticator before any session opens', async () => {
    const { user } = await newcomer('teacher', true)
    const client = new TestClient(test.app)
    const strong = 'directrice de l’école du centre'
    const response = await client.post(
      '/api/auth/activation',
      activation(user.login, { password: strong, passwordConfirmation: strong }),
    )
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ next: 'totp-enrolment' })
    expect(client.cookie('preau_session')).toBeUndefined()
    expect((await client.get('/api/me')).statusCode).toBe(401)
  })

  it('blocks guessing: after five wrong codes even the right one waits', async () => {
    const { user } = await newcomer('parent')
    const client = new TestClient(test.app)
    for (let i = 0; i < 5; i++)
      await client.post('/api/auth/activation/check', { login: user.login, code: `wrong${i}xyz` })
    const right = await client.post('/api/auth/activation/check', { login: user.login, code: 'k7mp3xwa' })
    expect(right.statusCode).toBe(429)
    expect(right.json().detail).toMatch(/^Trop de tentatives : réessayez dans \d+ minute\(s\)\.$/)
  })
})
