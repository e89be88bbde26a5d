import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addMember,
  buildCollectivity,
  buildSchool,
  buildUser,
  grantAdmin,
  TEST_PASSWORD,
} from '../../testing/factories.ts'
import { type Mailbox, recipients, startMailbox } from '../../testing/mailbox.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { currentTotp } from './second-factor.ts'

describe('second factor (TOTP) and new-device alerts', () => {
  let database: TestDatabase
  let test: TestApp
  let mailbox: Mailbox
  let schoolId: string

  beforeAll(async () => {
    database = await createTestDatabase()
    mailbox = await startMailbox()
    test = await createTestApp(database, { SMTP_URL: mailbox.url })
    const collectivity = await buildCollectivity(database.db)
    schoolId = (await buildSchool(database.db, { collectivityId: collectivity.id })).id
  })
  afterAll(async () => {
    await test.app.close()
    await mailbox.close()
    await database.drop()
  })

  async function director() {
    const user = await buildUser(database.db, { firstName: 'Claire', lastName: 'Martin' })
    await database.db
      .updateTable('users')
      .set({ email: `${user.login}@example.fr` })
      .where('id', '=', user.id)
      .execute()
    await addMember(database.db, { schoolId, userId: user.id, profile: 'teacher', director: true })
    return user
  }

  /** Signs in with the password and enrols an authenticator; returns the secret and recovery codes. */
  async function enrol(client: TestClient, login: string) {
    const login1 = await client.signIn(login, TEST_PASSWORD)
    expect(login1.json()).toEqual({ next: 'totp-enrolment' })
    const start = await client.post('/api/auth/totp/enrolment')
    expect(start.statusCode).toBe(200)
    const { secret, uri, qrCodeSvg } = start.json()
    expect(uri).toMatch(
      /^otpauth:\/\/totp\/Pr%C3%A9au:.+\?issuer=Pr%C3%A9au&secret=[A-Z2-7]+&algorithm=SHA1&digits=6&period=30$/,
    )
    expect(qrCodeSvg).toMatch(/^<svg/)
    const confirm = await client.post('/api/auth/totp/enrolment/confirm', { code: currentTotp(secret) })
    expect(confirm.statusCode).toBe(200)
    return { secret: secret as string, recoveryCodes: confirm.json().recoveryCodes as string[] }
  }

  it('makes a director enrol at first sign-in, then signs them in with the app’s code', async () => {
    const user = await director()
    const client = new TestClient(test.app)
    const { recoveryCodes } = await enrol(client, user.login)
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    expect((await client.get('/api/me')).json().id).toBe(user.id)
    expect((await client.get('/api/me/security')).json()).toEqual({
      totpEnabled: true,
      totpRequired: true,
      recoveryCodesLeft: 10,
    })
  })

  it('asks for the code at the next sign-in, refuses a wrong or replayed one, accepts a fresh one', async () => {
    const user = await director()
    const { secret } = await enrol(new TestClient(test.app), user.login)
    const client = new TestClient(test.app)
    expect((await client.signIn(user.login, TEST_PASSWORD)).json()).toEqual({ next: 'totp' })
    expect((await client.get('/api/me')).statusCode).toBe(401)
    expect((await client.post('/api/auth/totp', { code: '000000' })).json().code).toBe('invalid-code')
    // The code used for the enrolment a moment ago cannot be replayed.
    const replay = await client.post('/api/auth/totp', { code: currentTotp(secret) })
    expect(replay.statusCode).toBe(401)
    const next = currentTotp(secret, Date.now() + 30_000)
    expect((await client.post('/api/auth/totp', { code: next })).statusCode).toBe(204)
    expect((await client.get('/api/me')).json().id).toBe(user.id)
  })

  it('accepts each recovery code once', async () => {
    const user = await director()
    const { recoveryCodes } = await enrol(new TestClient(test.app), user.login)
    const first = new TestClient(test.app)
    await first.signIn(user.login, TEST_PASSWORD)
    expect((await first.post('/api/auth/totp', { recoveryCode: recoveryCodes[0] })).statusCode).toBe(204)
    const second = new TestClient(test.app)
    await second.signIn(user.login, TEST_PASSWORD)
    expect((await second.post('/api/auth/totp', { recoveryCode: recoveryCodes[0] })).statusCode).toBe(401)
    expect((await first.get('/api/me/security')).json().recoveryCodesLeft).toBe(9)
  })

  it('never lets a password alone replace an enrolled authenticator', async () => {
    const user = await director()
    await enrol(new TestClient(test.app), user.login)
    const attacker = new TestClient(test.app)
    expect((await attacker.signIn(user.login, TEST_PASSWORD)).json()).toEqual({ next: 'totp' })
    const hijack = await attacker.post('/api/auth/totp/enrolment')
    expect(hijack.statusCode).toBe(409)
  })

  it('gives up a paused sign-in after five wrong codes', async () => {
    const user = await director()
    const { secret } = await enrol(new TestClient(test.app), user.login)
    const client = new TestClient(test.app)
    await client.signIn(user.login, TEST_PASSWORD)
    for (let i = 0; i < 5; i++) await client.post('/api/auth/totp', { code: '111111' })
    const late = await client.post('/api/auth/totp', { code: currentTotp(secret, Date.now() + 60_000) })
    expect(late.json().code).toBe('challenge-expired')
  })

  it('requires the second factor of collectivity and syndicate administrators too', async () => {
    const collectivity = await buildCollectivity(database.db)
    const admin = await buildUser(database.db)
    await grantAdmin(database.db, {
      userId: admin.id,
      role: 'collectivity_admin',
      collectivityId: collectivity.id,
    })
    expect((await new TestClient(test.app).signIn(admin.login, TEST_PASSWORD)).json()).toEqual({
      next: 'totp-enrolment',
    })
  })

  it('e-mails a teacher who signs in from a new device, not at the very first sign-in', async () => {
    const teacher = await buildUser(database.db, { firstName: 'Julien', lastName: 'Caron' })
    const email = `${teacher.login}@example.fr`
    await database.db.updateTable('users').set({ email }).where('id', '=', teacher.id).execute()
    await addMember(database.db, { schoolId, userId: teacher.id, profile: 'teacher' })
    const laptop = new TestClient(test.app)
    await laptop.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: teacher.login, password: TEST_PASSWORD },
      headers: { 'user-agent': 'Firefox sur Linux' },
    })
    await laptop.signIn(teacher.login, TEST_PASSWORD) // same device again: nothing new
    const phone = new TestClient(test.app)
    await phone.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: teacher.login, password: TEST_PASSWORD },
      headers: { 'user-agent': 'Téléphone inconnu' },
    })
    const mail = await mailbox.waitFor((m) => recipients(m).includes(email))
    expect(mail.subject).toBe('Préau : connexion depuis un nouvel appareil')
    expect(mail.text).toContain('Téléphone inconnu')
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(mailbox.messages.filter((m) => recipients(m).includes(email))).toHaveLength(1)
  })
})
