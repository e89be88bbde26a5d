import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../testing/test-app.ts'
import { TestClient } from '../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts'
import type { DemoDeployment } from './demo-deployment.ts'
import { DEMO_PASSWORD, loadDemoDeployment } from './load-demo.ts'

describe('the demo deployment', () => {
  let database: TestDatabase
  let test: TestApp
  let demo: DemoDeployment

  beforeAll(async () => {
    database = await createTestDatabase()
    demo = await loadDemoDeployment(database.db)
    test = await createTestApp(database, { PUBLIC_URL: 'http://ent.example.fr' })
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  const userId = (login: string) => demo.users.find((user) => user.login === login)!.id

  it('lets every account it prints at start sign in with the demo password', async () => {
    for (const { login } of demo.showcase) {
      const response = await new TestClient(test.app).signIn(login, DEMO_PASSWORD)
      // 204: signed in; 200: the second step of those who need one (directors, administrators).
      if (response.statusCode === 200) expect(response.json(), login).toHaveProperty('next')
      else expect(response.statusCode, login).toBe(204)
    }
  })

  it('gives every showcased persona a living « Quoi de neuf », with something unread', async () => {
    for (const { login } of demo.showcase) {
      const client = await TestClient.signedInAs(test.app, userId(login))
      const feed = (await client.get('/api/feed')).json()
      expect(feed.items.length, login).toBeGreaterThan(0)
      expect((await client.get('/api/feed/unread')).json().total, login).toBeGreaterThan(0)
    }
  })

  it('shows the first days of a year: a class whose pupils and parents wait with a code, none activated', async () => {
    const klass = demo.classes.find((c) => c.name === 'Moyenne section')!
    const pupils = demo.classMembers.filter((m) => m.classId === klass.id && m.role === 'pupil')
    const parents = demo.familyLinks.filter((f) => pupils.some((p) => p.userId === f.pupilId))
    const waiting = new Set([...pupils.map((p) => p.userId), ...parents.map((f) => f.parentId)])
    expect(pupils.length).toBeGreaterThan(10)
    expect(new Set(demo.awaitingActivation)).toEqual(waiting)

    const accounts = await database.db
      .selectFrom('users')
      .leftJoin('activationCodes', 'activationCodes.userId', 'users.id')
      .select(['users.id', 'users.activatedAt', 'activationCodes.code', 'activationCodes.expiresAt'])
      .where('users.id', 'in', [...waiting])
      .execute()
    expect(accounts).toHaveLength(waiting.size)
    for (const account of accounts) {
      expect(account.activatedAt).toBeNull()
      expect(account.code).toMatch(/^[a-z3-9]{8}$/)
      expect(account.expiresAt!.getTime()).toBeGreaterThan(Date.now())
    }
  })

  it('keeps the families to activate apart: none of their parents has a child in another class', async () => {
    const klass = demo.classes.find((c) => c.name === 'Moyenne section')!
    const inClass = new Set(
      demo.classMembers.filter((m) => m.classId === klass.id && m.role === 'pupil').map((m) => m.userId),
    )
    const waitingParents = new Set(demo.awaitingActivation.filter((id) => !inClass.has(id)))
    const theirChildren = demo.familyLinks.filter((f) => waitingParents.has(f.parentId)).map((f) => f.pupilId)
    expect(theirChildren.every((pupilId) => inClass.has(pupilId))).toBe(true)
  })

  it('gives the showcased teacher of that class connection sheets to print', async () => {
    const label = demo.showcase.find((entry) => entry.label.includes('comptes à activer'))!
    const teacherId = userId(label.login)
    const taught = demo.classMembers.find((m) => m.userId === teacherId && m.role === 'teacher')!
    const teacher = await TestClient.signedInAs(test.app, teacherId)
    const csv = await teacher.get(
      `/api/schools/${taught.schoolId}/classes/${taught.classId}/connection-sheets.csv?for=all`,
    )
    expect(csv.statusCode).toBe(200)
    const rows = csv.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n').slice(1)
    const inClass = demo.awaitingActivation.length
    expect(rows).toHaveLength(inClass)
    expect(rows.every((row) => row.includes(';Moyenne section;'))).toBe(true)
  })
})
