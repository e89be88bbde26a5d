import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildUser, TEST_PASSWORD } from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'

describe('sign-in and sessions', () => {
  let database: TestDatabase
  let test: TestApp

  beforeAll(async () => {
    database = await createTestDatabase()
    test = await createTestApp(database, { SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '8' })
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  it('signs in with login and password into an HttpOnly, SameSite session cookie', async () => {
    const user = await buildUser(database.db)
    const client = new TestClient(test.app)
    const response = await client.signIn(user.login, TEST_PASSWORD)
    expect(response.statusCode).toBe(204)
    const cookie = response.cookies.find((c) => c.name === 'preau_session')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    expect(cookie?.value.length).toBeGreaterThanOrEqual(43)
    const me = await client.get('/api/me')
    expect(me.json()).toMatchObject({ id: user.id, login: user.login })
  })

  it('accepts the login typed with capitals and spaces around it', async () => {
    const user = await buildUser(database.db)
    const response = await new TestClient(test.app).signIn(`  ${user.login.toUpperCase()} `, TEST_PASSWORD)
    expect(response.statusCode).toBe(204)
  })

  it('answers a wrong password and an unknown login the same way', async () => {
    const user = await buildUser(database.db)
    const wrong = await new TestClient(test.app).signIn(user.login, 'not-the-password')
    const unknown = await new TestClient(test.app).signIn('nobody.atall', 'not-the-password')
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(wrong.json().detail).toBe('Identifiant ou mot de passe incorrect.')
    expect(unknown.json().detail).toBe(wrong.json().detail)
    expect(wrong.cookies.find((c) => c.name === 'preau_session')).toBeUndefined()
  })

  it('refuses disabled accounts and accounts not yet activated', async () => {
    const disabled = await buildUser(database.db)
    await database.db
      .updateTable('users')
      .set({ disabledAt: new Date() })
      .where('id', '=', disabled.id)
      .execute()
    const inactive = await buildUser(database.db, { activated: false })
    expect((await new TestClient(test.app).signIn(disabled.login, TEST_PASSWORD)).statusCode).toBe(401)
    expect((await new TestClient(test.app).signIn(inactive.login, TEST_PASSWORD)).statusCode).toBe(401)
  })

  it('rotates the session at login: the previous token stops working', async () => {
    const user = await buildUser(database.db)
    const client = new TestClient(test.app)
    await client.signIn(user.login, TEST_PASSWORD)
    const first = client.cookie('preau_session')
    await client.signIn(user.login, TEST_PASSWORD)
    const second = client.cookie('preau_session')
    expect(second).toBeDefined()
    expect(second).not.toBe(first)
    const replay = await test.app.inject({
      method: 'GET',
      url: '/api/me',
      cookies: { preau_session: first! },
    })
    expect(replay.statusCode).toBe(401)
  })

  it('signs out: the session is revoked server-side, not only forgotten by the browser', async () => {
    const user = await buildUser(database.db)
    const client = new TestClient(test.app)
    await client.signIn(user.login, TEST_PASSWORD)
    const token = client.cookie('preau_session')!
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204)
    expect(client.cookie('preau_session')).toBeUndefined()
    const replay = await test.app.inject({ method: 'GET', url: '/api/me', cookies: { preau_session: token } })
    expect(replay.statusCode).toBe(401)
  })

  it('ends a session idle for longer than the idle timeout', async () => {
    const user = await buildUser(database.db)
    const client = await TestClient.signedInAs(test.app, user.id)
    await database.db
      .updateTable('sessions')
      .set({ lastSeenAt: sql`now() - interval '31 minutes'` })
      .where('userId', '=', user.id)
      .execute()
    expect((await client.get('/api/me')).statusCode).toBe(401)
  })

  it('ends a session past its absolute lifetime, however active', async () => {
    const user = await buildUser(database.db)
    const client = await TestClient.signedInAs(test.app, user.id)
    await database.db
      .updateTable('sessions')
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where('userId', '=', user.id)
      .execute()
    expect((await client.get('/api/me')).statusCode).toBe(401)
  })

  it('stores only a hash of the session token', async () => {
    const user = await buildUser(database.db)
    const client = new TestClient(test.app)
    await client.signIn(user.login, TEST_PASSWORD)
    const token = client.cookie('preau_session')!
    const rows = await database.db
      .selectFrom('sessions')
      .select('tokenHash')
      .where('userId', '=', user.id)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.tokenHash.toString('base64url')).not.toBe(token)
    expect(rows[0]!.tokenHash).toHaveLength(32)
  })

  it('never writes passwords, cookies or session tokens to the logs', async () => {
    const user = await buildUser(database.db)
    const client = new TestClient(test.app)
    await client.signIn(user.login, TEST_PASSWORD)
    await client.signIn(user.login, 'Wrong-Password-Typed')
    await client.get('/api/me?token=should-not-appear')
    const logs = test.logs.join('')
    expect(logs).toContain('"route":"/api/auth/login"')
    for (const secret of [
      TEST_PASSWORD,
      'Wrong-Password-Typed',
      client.cookie('preau_session')!,
      'should-not-appear',
    ]) {
      expect(logs).not.toContain(secret)
    }
  })
})
