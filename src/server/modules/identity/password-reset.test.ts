import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addMember,
  buildCollectivity,
  buildSchool,
  buildUser,
  TEST_PASSWORD,
} from '../../testing/factories.ts'
import { type Mailbox, recipients, startMailbox } from '../../testing/mailbox.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'

describe('password reset by e-mail', () => {
  let database: TestDatabase
  let test: TestApp
  let mailbox: Mailbox
  let schoolId: string

  beforeAll(async () => {
    database = await createTestDatabase()
    mailbox = await startMailbox()
    test = await createTestApp(database, { SMTP_URL: mailbox.url, PUBLIC_URL: 'https://ent.example.fr' })
    const collectivity = await buildCollectivity(database.db)
    schoolId = (await buildSchool(database.db, { collectivityId: collectivity.id })).id
  })
  afterAll(async () => {
    await test.app.close()
    await mailbox.close()
    await database.drop()
  })

  async function parentWithEmail() {
    const user = await buildUser(database.db, { firstName: 'Sophie', lastName: 'Lemaire' })
    const email = `${user.login}@example.fr`
    await database.db.updateTable('users').set({ email }).where('id', '=', user.id).execute()
    await addMember(database.db, { schoolId, userId: user.id, profile: 'parent' })
    return { user, email }
  }

  const linkTokenOf = (text: string) => /mot-de-passe\/nouveau#jeton=([A-Za-z0-9_-]+)/.exec(text)?.[1]

  it('sends a single-use link through SMTP that sets a new password and closes every session', async () => {
    const { user, email } = await parentWithEmail()
    const elsewhere = new TestClient(test.app)
    await elsewhere.signIn(user.login, TEST_PASSWORD)
    const request = await new TestClient(test.app).post('/api/auth/password-reset/request', {
      loginOrEmail: email.toUpperCase(),
    })
    expect(request.statusCode).toBe(202)
    const mail = await mailbox.waitFor((m) => recipients(m).includes(email))
    expect(mail.subject).toBe('Préau : choisir un nouveau mot de passe')
    expect(mail.text).toContain('https://ent.example.fr/mot-de-passe/nouveau#jeton=')
    const token = linkTokenOf(mail.text ?? '')!
    const newPassword = 'le cartable est dans l’entrée'
    const reset = await new TestClient(test.app).post('/api/auth/password-reset', {
      token,
      password: newPassword,
      passwordConfirmation: newPassword,
    })
    expect(reset.statusCode).toBe(204)
    expect((await elsewhere.get('/api/me')).statusCode).toBe(401)
    expect((await new TestClient(test.app).signIn(user.login, TEST_PASSWORD)).statusCode).toBe(401)
    expect((await new TestClient(test.app).signIn(user.login, newPassword)).statusCode).toBe(204)
    const replay = await new TestClient(test.app).post('/api/auth/password-reset', {
      token,
      password: 'encore un autre essai',
      passwordConfirmation: 'encore un autre essai',
    })
    expect(replay.json()).toMatchObject({ status: 400, code: 'invalid-reset-link' })
  })

  it('answers the same for an unknown account, and sends nothing', async () => {
    const client = new TestClient(test.app)
    const known = await parentWithEmail()
    const answers = await Promise.all([
      client.post('/api/auth/password-reset/request', { loginOrEmail: 'personne@nulle-part.fr' }),
      client.post('/api/auth/password-reset/request', { loginOrEmail: known.user.login }),
    ])
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202])
    expect(answers[0]!.json()).toEqual(answers[1]!.json())
    await mailbox.waitFor((m) => recipients(m).includes(known.email))
    expect(mailbox.messages.some((m) => recipients(m).includes('personne@nulle-part.fr'))).toBe(false)
  })

  it('refuses an expired link', async () => {
    const { email } = await parentWithEmail()
    await new TestClient(test.app).post('/api/auth/password-reset/request', { loginOrEmail: email })
    const mail = await mailbox.waitFor((m) => recipients(m).includes(email))
    await database.db
      .updateTable('passwordResets')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .execute()
    const token = linkTokenOf(mail.text ?? '')!
    const reset = await new TestClient(test.app).post('/api/auth/password-reset', {
      token,
      password: 'une phrase assez longue',
      passwordConfirmation: 'une phrase assez longue',
    })
    expect(reset.json().detail).toBe(
      'Ce lien n’est plus valable : il a déjà servi ou il a expiré. Demandez-en un nouveau.',
    )
  })

  it('never e-mails a pupil (their teacher resets their password)', async () => {
    const pupil = await buildUser(database.db, { firstName: 'Léo', lastName: 'Petit' })
    const email = `${pupil.login}@example.fr`
    await database.db.updateTable('users').set({ email }).where('id', '=', pupil.id).execute()
    await addMember(database.db, { schoolId, userId: pupil.id, profile: 'pupil' })
    const probe = await parentWithEmail()
    await new TestClient(test.app).post('/api/auth/password-reset/request', { loginOrEmail: pupil.login })
    await new TestClient(test.app).post('/api/auth/password-reset/request', { loginOrEmail: probe.email })
    await mailbox.waitFor((m) => recipients(m).includes(probe.email))
    expect(mailbox.messages.some((m) => recipients(m).includes(email))).toBe(false)
  })
})

describe('my sessions', () => {
  let database: TestDatabase
  let test: TestApp

  beforeAll(async () => {
    database = await createTestDatabase()
    test = await createTestApp(database)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  it('lists where I am signed in and closes a session of mine, not someone else’s', async () => {
    const me = await buildUser(database.db)
    const laptop = new TestClient(test.app)
    await laptop.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: me.login, password: TEST_PASSWORD },
      headers: { 'user-agent': 'Portable' },
    })
    const phone = new TestClient(test.app)
    await phone.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: me.login, password: TEST_PASSWORD },
      headers: { 'user-agent': 'Téléphone' },
    })
    const list = (await laptop.get('/api/me/sessions')).json().sessions as {
      id: string
      userAgent: string
      isCurrent: boolean
    }[]
    expect(list.map((s) => [s.userAgent, s.isCurrent]).sort()).toEqual([
      ['Portable', true],
      ['Téléphone', false],
    ])
    const phoneSession = list.find((s) => !s.isCurrent)!

    const stranger = await TestClient.signedInAs(test.app, (await buildUser(database.db)).id)
    expect((await stranger.delete(`/api/me/sessions/${phoneSession.id}`)).statusCode).toBe(404)
    expect((await phone.get('/api/me')).statusCode).toBe(200)

    expect((await laptop.delete(`/api/me/sessions/${phoneSession.id}`)).statusCode).toBe(204)
    expect((await phone.get('/api/me')).statusCode).toBe(401)
    expect((await laptop.get('/api/me')).statusCode).toBe(200)
  })

  it('closes all my other sessions at once', async () => {
    const me = await buildUser(database.db)
    const a = new TestClient(test.app)
    const b = new TestClient(test.app)
    await a.signIn(me.login, TEST_PASSWORD)
    await b.signIn(me.login, TEST_PASSWORD)
    expect((await a.post('/api/me/sessions/close-others')).statusCode).toBe(204)
    expect((await b.get('/api/me')).statusCode).toBe(401)
    expect((await a.get('/api/me')).statusCode).toBe(200)
  })
})
