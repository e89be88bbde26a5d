import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { currentTotp } from '../../modules/identity/second-factor.ts'
import {
  addMember,
  buildCollectivity,
  buildSchool,
  buildUser,
  grantAdmin,
  TEST_PASSWORD,
} from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'

describe('a session’s rights never exceed its authentication', () => {
  let database: TestDatabase
  let test: TestApp
  let collectivityId: string
  let schoolId: string
  let syndicateAdmin: TestClient

  beforeAll(async () => {
    database = await createTestDatabase()
    test = await createTestApp(database)
    collectivityId = (await buildCollectivity(database.db)).id
    schoolId = (await buildSchool(database.db, { collectivityId })).id
    const admin = await buildUser(database.db)
    await grantAdmin(database.db, { userId: admin.id, role: 'syndicate_admin' })
    syndicateAdmin = await TestClient.signedInAs(test.app, admin.id)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  async function teacher() {
    const user = await buildUser(database.db)
    await addMember(database.db, { schoolId, userId: user.id, profile: 'teacher' })
    return user
  }

  async function makeDirectorBehindTheScenes(userId: string) {
    await database.db
      .updateTable('memberships')
      .set({ functions: ['director'] })
      .where('userId', '=', userId)
      .where('schoolId', '=', schoolId)
      .execute()
    test.app.sessions.forgetUser(userId)
  }

  it('ends the sessions of a teacher appointed director: she signs in again with the second factor', async () => {
    const user = await teacher()
    const session = new TestClient(test.app)
    expect((await session.signIn(user.login, TEST_PASSWORD)).statusCode).toBe(204)
    const appoint = await syndicateAdmin.post(`/api/schools/${schoolId}/directors`, { userId: user.id })
    expect(appoint.statusCode).toBe(204)
    expect((await session.get(`/api/schools/${schoolId}/users`)).statusCode).toBe(401)
    expect((await session.get('/api/me')).statusCode).toBe(401)
    expect((await new TestClient(test.app).signIn(user.login, TEST_PASSWORD)).json()).toEqual({
      next: 'totp-enrolment',
    })
  })

  it('ends the sessions of someone granted an administrator role', async () => {
    const user = await teacher()
    const session = new TestClient(test.app)
    await session.signIn(user.login, TEST_PASSWORD)
    const grant = await syndicateAdmin.post('/api/admin/administrators', {
      login: user.login,
      role: 'collectivity_admin',
      collectivityId,
    })
    expect(grant.statusCode).toBe(204)
    expect((await session.get('/api/me')).statusCode).toBe(401)
  })

  it('holds back a director’s rights on a password-only session, whatever made her director', async () => {
    const user = await teacher()
    const session = new TestClient(test.app)
    await session.signIn(user.login, TEST_PASSWORD)
    await makeDirectorBehindTheScenes(user.id)

    const refused = await session.get(`/api/schools/${schoolId}/users`)
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({ code: 'second-factor-required', next: 'totp-enrolment' })
    expect(refused.json().detail).toMatch(/^Cette action demande la double authentification/)
    const me = (await session.get('/api/me')).json()
    expect(me.secondFactorPending).toBe(true)
    expect(me.memberships).toEqual([expect.objectContaining({ schoolId, functions: [] })])
    // Another school's page still answers 404, as for anyone.
    const other = await buildSchool(database.db, { collectivityId })
    expect((await session.get(`/api/schools/${other.id}/users`)).statusCode).toBe(404)

    // Enrolling from the session passes the second factor: the rights open, without signing in again.
    const { secret } = (await session.post('/api/auth/totp/enrolment')).json()
    expect(
      (await session.post('/api/auth/totp/enrolment/confirm', { code: currentTotp(secret) })).statusCode,
    ).toBe(200)
    expect((await session.get(`/api/schools/${schoolId}/users`)).statusCode).toBe(200)
    expect((await session.get('/api/me')).json().secondFactorPending).toBe(false)
  })

  it('holds back an administrator’s rights until a step-up with the code of the app', async () => {
    const user = await teacher()
    await grantAdmin(database.db, { userId: user.id, role: 'collectivity_admin', collectivityId })
    const enrolling = await TestClient.signedInAs(test.app, user.id)
    const { secret } = (await enrolling.post('/api/auth/totp/enrolment')).json()
    await enrolling.post('/api/auth/totp/enrolment/confirm', { code: currentTotp(secret) })

    const session = await TestClient.signedInAs(test.app, user.id, { secondFactor: false })
    const refused = await session.get('/api/admin/collectivities')
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({ code: 'second-factor-required', next: 'totp' })

    const wrong = await session.post('/api/auth/step-up', { code: '000000' })
    expect(wrong.statusCode).toBe(401)
    const counted = await database.db
      .selectFrom('userTotp')
      .select('failedCodes')
      .where('userId', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(counted.failedCodes).toBe(1)
    const stepUp = await session.post('/api/auth/step-up', { code: currentTotp(secret, Date.now() + 30_000) })
    expect(stepUp.statusCode).toBe(204)
    expect((await session.get('/api/admin/collectivities')).statusCode).toBe(200)
    const row = await database.db
      .selectFrom('sessions')
      .select(['firstFactor', 'secondFactor', 'secondFactorAt'])
      .where('userId', '=', user.id)
      .where('revokedAt', 'is', null)
      .orderBy('createdAt', 'desc')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ firstFactor: 'password', secondFactor: 'totp' })
  })

  it('asks a recent second factor before a sensitive action (step-up), then allows it', async () => {
    const admin = await buildUser(database.db)
    await grantAdmin(database.db, { userId: admin.id, role: 'collectivity_admin', collectivityId })
    const enrolling = await TestClient.signedInAs(test.app, admin.id)
    const { secret } = (await enrolling.post('/api/auth/totp/enrolment')).json()
    await enrolling.post('/api/auth/totp/enrolment/confirm', { code: currentTotp(secret) })
    const director = await teacher()
    await makeDirectorBehindTheScenes(director.id)
    await database.db
      .insertInto('userTotp')
      .values({ userId: director.id, secretEncrypted: 'x', confirmedAt: new Date(), lastUsedStep: null })
      .execute()

    // Signed in with the second factor twenty minutes ago: too long for a reset.
    await database.db
      .updateTable('sessions')
      .set({ secondFactorAt: new Date(Date.now() - 20 * 60_000) })
      .where('userId', '=', admin.id)
      .execute()
    test.app.sessions.forgetUser(admin.id)
    const url = `/api/schools/${schoolId}/users/${director.id}/second-factor/reset`
    const stale = await enrolling.post(url)
    expect(stale.statusCode).toBe(403)
    expect(stale.json()).toMatchObject({ code: 'second-factor-stale', next: 'totp', withinMinutes: 15 })
    expect(
      (await enrolling.post('/api/auth/step-up', { code: currentTotp(secret, Date.now() + 30_000) }))
        .statusCode,
    ).toBe(204)
    expect((await enrolling.post(url)).statusCode).toBe(204)
  })
})
