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
    test = await createTestApp(database, { PUBLIC_URL: 'http://ent.example.fr' })
    demo = await loadDemoDeployment(database.db, new Date(), { blobStorage: test.app.blobs.storage })
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

  it('greets the parents of every demo school with their director’s banner, and only them', async () => {
    const parent = demo.memberships.find((m) => m.profile === 'parent')!
    const teacher = demo.memberships.find((m) => m.profile === 'teacher' && m.functions.length === 0)!
    const bannersOf = async (id: string) =>
      (
        (await (await TestClient.signedInAs(test.app, id)).get('/api/me/flash-messages')).json() as {
          banners: { text: string }[]
        }
      ).banners
    const school = demo.schools.find((s) => s.id === parent.schoolId)!
    expect((await bannersOf(parent.userId)).map((b) => b.text)).toContainEqual(
      expect.stringContaining(school.name),
    )
    expect(await bannersOf(teacher.userId)).toEqual([])
  })

  it('gives every showcased persona a living « Quoi de neuf », with something unread', async () => {
    for (const { login } of demo.showcase) {
      const client = await TestClient.signedInAs(test.app, userId(login))
      const feed = (await client.get('/api/feed')).json()
      expect(feed.items.length, login).toBeGreaterThan(0)
      expect((await client.get('/api/feed/unread')).json().total, login).toBeGreaterThan(0)
    }
    // The demo's messages are in it as their delivery put them, newest first.
    const parent = demo.showcase.find((entry) => entry.label.startsWith('Parent'))!
    const client = await TestClient.signedInAs(test.app, userId(parent.login))
    const items = (await client.get('/api/feed?limit=50')).json().items as {
      app: string
      createdAt: string
    }[]
    expect(items.some((item) => item.app === 'messaging')).toBe(true)
    const dates = items.map((item) => item.createdAt)
    expect(dates).toEqual([...dates].sort().reverse())
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

  it('gives every persona of a school a living mailbox: messages, an unread one, the fête’s programme attached', async () => {
    const members = demo.showcase.filter(({ login }) =>
      demo.memberships.some((m) => m.userId === userId(login)),
    )
    expect(members.length).toBeGreaterThanOrEqual(6)
    for (const { login } of members) {
      const client = await TestClient.signedInAs(test.app, userId(login))
      const inbox = (await client.get('/api/messaging/folders/inbox/messages')).json()
      expect(inbox.messages.length, login).toBeGreaterThan(0)
      expect(
        inbox.messages.some((m: { readAt: string | null }) => m.readAt === null),
        login,
      ).toBe(true)
    }
    const parent = demo.showcase.find((s) => s.label.startsWith('Parent'))!
    const client = await TestClient.signedInAs(test.app, userId(parent.login))
    const inbox = (await client.get('/api/messaging/folders/inbox/messages?limit=100')).json()
    const fete = inbox.messages.find((m: { subject: string }) => m.subject.startsWith('Fête de l’école'))
    const detail = (await client.get(`/api/messaging/messages/${fete.id}`)).json()
    const [attachment] = detail.attachments
    const download = await client.get(`/api/messaging/messages/${fete.id}/attachments/${attachment.id}`)
    expect(download.statusCode).toBe(200)
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    // A conversation: the teacher's message to the class's parents and the replies.
    expect(inbox.messages.some((m: { subject: string }) => m.subject.startsWith('Re : '))).toBe(true)
  })

  it('shows one account for the parent of two schools (a merge to undo) and one possible duplicate to decide', async () => {
    const { merged, possibleDuplicate } = demo.personMerges!
    const parentLogin = demo.showcase.find((entry) => entry.label.startsWith('Parent'))!.login
    expect(merged.keptLogin).toBe(parentLogin)
    const schools = await database.db
      .selectFrom('memberships')
      .select('schoolId')
      .distinct()
      .where('userId', '=', userId(parentLogin))
      .where('profile', '=', 'parent')
      .execute()
    expect(schools.length).toBe(2)
    const admin = demo.showcase.find((entry) => entry.label === 'Administrateur·rice du syndicat')!
    const client = await TestClient.signedInAs(test.app, userId(admin.login))
    const merges = (await client.get('/api/admin/person-merges')).json()
    expect(merges.items).toEqual([
      expect.objectContaining({ kept: expect.objectContaining({ login: parentLogin }), canUndo: true }),
    ])
    const [first, second] = possibleDuplicate.logins
    const compared = await client.get(
      `/api/admin/person-merges/comparison?a=${userId(first)}&b=${userId(second)}`,
    )
    expect(compared.json()).toMatchObject({ refusal: null, proposal: { keepUserId: userId(first) } })
  })
})
