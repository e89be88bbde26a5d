import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, buildCollectivity, buildSchool, buildUser, TEST_PASSWORD } from '../testing/factories.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'
import { TestClient } from '../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts'

type Cookie = {
  name: string
  value: string
  path?: string
  domain?: string
  secure?: boolean
  httpOnly?: boolean
  sameSite?: string
}

function cookieNamed(response: LightMyRequestResponse, name: string): Cookie | undefined {
  return (response.cookies as Cookie[]).find((cookie) => cookie.name === name)
}

describe('cookies behind an https PUBLIC_URL', () => {
  let database: TestDatabase
  let test: TestApp
  let schoolId: string

  beforeAll(async () => {
    database = await createTestDatabase()
    test = await createTestApp(database, { PUBLIC_URL: 'https://ent.example.fr' })
    schoolId = (await buildSchool(database.db, { collectivityId: (await buildCollectivity(database.db)).id }))
      .id
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  it('pins the session to the origin: __Host- prefixed, Secure, HttpOnly, SameSite=Lax, path /', async () => {
    const user = await buildUser(database.db)
    const client = new TestClient(test.app)
    const response = await client.signIn(user.login, TEST_PASSWORD)
    expect(response.statusCode).toBe(204)
    expect(cookieNamed(response, 'preau_session')).toBeUndefined()
    const session = cookieNamed(response, '__Host-preau_session')
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' })
    expect(session?.domain).toBeUndefined()
    expect((await client.get('/api/me')).json().id).toBe(user.id)

    // Signing out clears it with the same attributes, or a browser would keep the prefixed cookie.
    const out = await client.post('/api/auth/logout')
    expect(out.statusCode).toBe(204)
    expect(cookieNamed(out, '__Host-preau_session')).toMatchObject({ value: '', secure: true, path: '/' })
  })

  it('sets the CSRF secret as a __Host- cookie, Secure, HttpOnly, SameSite=Strict', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/auth/csrf' })
    const csrf = cookieNamed(response, '__Host-preau_csrf')
    expect(csrf).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' })
    expect(csrf?.domain).toBeUndefined()
  })

  it('sets the challenge of a second step as a __Secure- cookie and the device as a __Host- one', async () => {
    const director = await buildUser(database.db)
    await addMember(database.db, { schoolId, userId: director.id, profile: 'teacher', director: true })
    const response = await new TestClient(test.app).signIn(director.login, TEST_PASSWORD)
    expect(response.json()).toEqual({ next: 'totp-enrolment' })
    expect(cookieNamed(response, 'preau_challenge')).toBeUndefined()
    expect(cookieNamed(response, '__Secure-preau_challenge')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/auth',
    })
    // The challenge it set is the one the next step reads.
    const client = new TestClient(test.app)
    await client.signIn(director.login, TEST_PASSWORD)
    expect((await client.post('/api/auth/totp/enrolment')).statusCode).toBe(200)

    const teacher = await buildUser(database.db)
    await addMember(database.db, { schoolId, userId: teacher.id, profile: 'teacher' })
    const signedIn = await new TestClient(test.app).signIn(teacher.login, TEST_PASSWORD)
    expect(cookieNamed(signedIn, '__Host-preau_device')).toMatchObject({
      secure: true,
      httpOnly: true,
      path: '/',
    })
  })
})
