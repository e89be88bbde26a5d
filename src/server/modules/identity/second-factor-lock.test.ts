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

describe('wrong second-factor codes: counted per account, delayed, locked, reset from above', () => {
  let database: TestDatabase
  let test: TestApp
  let mailbox: Mailbox
  let collectivityId: string
  let schoolId: string

  beforeAll(async () => {
    database = await createTestDatabase()
    mailbox = await startMailbox()
    // The per-address request limit is not what these tests are about.
    test = await createTestApp(database, { SMTP_URL: mailbox.url, LOGIN_RATE_LIMIT_PER_MINUTE: '10000' })
    collectivityId = (await buildCollectivity(database.db)).id
    schoolId = (await buildSchool(database.db, { collectivityId })).id
  })
  afterAll(async () => {
    await test.app.close()
    await mailbox.close()
    await database.drop()
  })

  async function withEmail(user: { id: string; login: string }) {
    const email = `${user.login}@example.fr`
    await database.db.updateTable('users').set({ email }).where('id', '=', user.id).execute()
    return email
  }

  /** A director with an enrolled app; returns the secret, the recovery codes and the e-mail address. */
  async function enrolledDirector() {
    const user = await buildUser(database.db, { firstName: 'Claire', lastName: 'Martin' })
    const email = await withEmail(user)
    await addMember(database.db, { schoolId, userId: user.id, profile: 'teacher', director: true })
    const client = new TestClient(test.app)
    expect((await client.signIn(user.login, TEST_PASSWORD)).json()).toEqual({ next: 'totp-enrolment' })
    const { secret } = (await client.post('/api/auth/totp/enrolment')).json()
    const confirm = await client.post('/api/auth/totp/enrolment/confirm', { code: currentTotp(secret) })
    return { user, email, secret: secret as string, recoveryCodes: confirm.json().recoveryCodes as string[] }
  }

  /** Time passes: the delays between attempts and the sign-in throttle run out (the lock does not). */
  async function letTimePass(userId: string) {
    await database.db.updateTable('userTotp').set({ retryAfter: null }).where('userId', '=', userId).execute()
    await database.db.deleteFrom('signInThrottles').execute()
  }

  async function auditActions(userId: string) {
    const rows = await database.db
      .selectFrom('auditLog')
      .select('action')
      .where('targetId', '=', userId)
      .orderBy('id')
      .execute()
    return rows.map((row) => row.action)
  }

  it('locks the app’s codes after ten wrong ones, however many sign-ins they are spread over', async () => {
    const { user, email, secret, recoveryCodes } = await enrolledDirector()
    let wrongCodes = 0
    let answer: unknown
    // Five wrong codes per sign-in, sign in again, and so on: an attacker who knows the password.
    while (wrongCodes < 120) {
      const attacker = new TestClient(test.app)
      answer = (await attacker.signIn(user.login, TEST_PASSWORD)).json()
      if ((answer as { next?: string }).next !== 'totp') break
      for (let i = 0; i < 5; i++) {
        await letTimePass(user.id)
        const response = await attacker.post('/api/auth/totp', { code: '000000' })
        if (response.statusCode !== 401) break
        wrongCodes++
      }
    }
    expect(answer).toEqual({ next: 'recovery-code' })
    expect(wrongCodes).toBe(10)

    // Waiting changes nothing: the right code of the app is refused too.
    await letTimePass(user.id)
    const owner = new TestClient(test.app)
    expect((await owner.signIn(user.login, TEST_PASSWORD)).json()).toEqual({ next: 'recovery-code' })
    const rightCode = await owner.post('/api/auth/totp', { code: currentTotp(secret, Date.now() + 30_000) })
    expect(rightCode.statusCode).toBe(403)
    expect(rightCode.json()).toMatchObject({ code: 'second-factor-locked' })
    expect(rightCode.json().detail).toMatch(/code de secours/)

    const warned = await mailbox.waitFor(
      (m) =>
        recipients(m).includes(email) && m.subject === 'Préau : codes de double authentification erronés',
    )
    expect(warned.text).toContain('mot de passe est sans doute connu')
    const locked = await mailbox.waitFor(
      (m) => recipients(m).includes(email) && m.subject === 'Préau : double authentification bloquée',
    )
    expect(locked.text).toContain('codes de secours')

    // The person's own recovery: a recovery code opens the session and lifts the lock.
    expect((await owner.post('/api/auth/totp', { recoveryCode: recoveryCodes[0] })).statusCode).toBe(204)
    expect((await owner.get('/api/me')).json().id).toBe(user.id)
    expect((await new TestClient(test.app).signIn(user.login, TEST_PASSWORD)).json()).toEqual({
      next: 'totp',
    })
    expect(await auditActions(user.id)).toEqual(['identity.lockSecondFactor', 'identity.unlockSecondFactor'])
  })

  it('makes each attempt wait once three wrong codes were typed, across challenges', async () => {
    const { user, secret } = await enrolledDirector()
    const first = new TestClient(test.app)
    await first.signIn(user.login, TEST_PASSWORD)
    expect((await first.post('/api/auth/totp', { code: '000000' })).statusCode).toBe(401)
    expect((await first.post('/api/auth/totp', { code: '000000' })).statusCode).toBe(401)
    // Wrong codes count against the login like wrong passwords do.
    const throttle = await database.db
      .selectFrom('signInThrottles')
      .select('failures')
      .where('key', '=', `login:${user.login}`)
      .executeTakeFirst()
    expect(throttle?.failures).toBe(2)
    const second = new TestClient(test.app)
    await second.signIn(user.login, TEST_PASSWORD)
    expect((await second.post('/api/auth/totp', { code: '000000' })).statusCode).toBe(401)
    const early = await second.post('/api/auth/totp', { code: currentTotp(secret, Date.now() + 30_000) })
    expect(early.statusCode).toBe(429)
    expect(early.json()).toMatchObject({ code: 'second-factor-delayed', retryAfterSeconds: 15 })
    await letTimePass(user.id)
    const third = new TestClient(test.app)
    await third.signIn(user.login, TEST_PASSWORD)
    const late = await third.post('/api/auth/totp', { code: currentTotp(secret, Date.now() + 30_000) })
    expect(late.statusCode).toBe(204)
    const row = await database.db
      .selectFrom('userTotp')
      .select(['failedCodes', 'retryAfter'])
      .where('userId', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ failedCodes: 0, retryAfter: null })
  })

  it('lets an administrator above the person reset their second factor, never their own', async () => {
    const { user, email, recoveryCodes } = await enrolledDirector()
    await database.db.updateTable('userTotp').set({ lockedAt: new Date(), failedCodes: 10 }).execute()
    const directorSession = new TestClient(test.app)
    await directorSession.signIn(user.login, TEST_PASSWORD)
    await directorSession.post('/api/auth/totp', { recoveryCode: recoveryCodes[1] })
    expect((await directorSession.get('/api/me')).statusCode).toBe(200)

    const admin = await buildUser(database.db)
    await grantAdmin(database.db, { userId: admin.id, role: 'collectivity_admin', collectivityId })
    const adminClient = await TestClient.signedInAs(test.app, admin.id)
    const reset = await adminClient.post(`/api/schools/${schoolId}/users/${user.id}/second-factor/reset`)
    expect(reset.statusCode).toBe(204)
    expect((await directorSession.get('/api/me')).statusCode).toBe(401)
    const mail = await mailbox.waitFor(
      (m) => recipients(m).includes(email) && m.subject === 'Préau : double authentification réinitialisée',
    )
    expect(mail.text).toContain('prochaine connexion')
    expect((await new TestClient(test.app).signIn(user.login, TEST_PASSWORD)).json()).toEqual({
      next: 'totp-enrolment',
    })
    const entry = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'identity.resetSecondFactor')
      .where('targetId', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ actorId: admin.id, schoolId })

    // An administrator with their own app cannot reset it: nothing changes.
    const syndicateAdmin = await buildUser(database.db)
    await grantAdmin(database.db, { userId: syndicateAdmin.id, role: 'syndicate_admin' })
    await database.db
      .insertInto('userTotp')
      .values({
        userId: syndicateAdmin.id,
        secretEncrypted: 'x',
        confirmedAt: new Date(),
        lastUsedStep: null,
      })
      .execute()
    const self = await TestClient.signedInAs(test.app, syndicateAdmin.id)
    const refused = await self.post(`/api/admin/users/${syndicateAdmin.id}/second-factor/reset`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().detail).toBe(
      'Vous ne pouvez pas réinitialiser votre propre double authentification : utilisez un code de ' +
        'secours, ou demandez-le à un autre administrateur.',
    )
    expect(
      await database.db
        .selectFrom('userTotp')
        .select('userId')
        .where('userId', '=', syndicateAdmin.id)
        .execute(),
    ).toHaveLength(1)
    expect((await self.get('/api/me')).statusCode).toBe(200)
  })
})
