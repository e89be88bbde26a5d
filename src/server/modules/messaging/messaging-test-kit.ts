import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect } from 'vitest'
import type { MailboxPage } from '../../../contract/messaging.ts'
import { addMember, buildUser, linkFamily } from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'

/**
 * The world of Messagerie's tests, one database per test file: the test world plus a second family of
 * the class CE1 A (another pupil and their parent), a parent's daily limit of 3, and the helpers the
 * files share. Call once at the top of a `describe`.
 */
export function useMessagingWorld() {
  const kit = {
    database: undefined as unknown as TestDatabase,
    test: undefined as unknown as TestApp,
    world: undefined as unknown as World,
    otherParentId: '',
    otherPupilId: '',
    as: (userId: string) => TestClient.signedInAs(kit.test.app, userId),
    base: () => `/api/schools/${kit.world.own.id}/messaging`,
    person: (id: string) => ({ type: 'person', id }),
    group: (id: string) => ({ type: 'group', id }),
    /** Saves a draft and sends it; returns the message id and the send's answer. */
    send: async (client: TestClient, draft: Record<string, unknown>, body: Record<string, unknown> = {}) => {
      const id = randomUUID()
      const saved = await client.put(`${kit.base()}/drafts/${id}`, draft)
      expect(saved.statusCode, saved.body).toBe(200)
      const sent = await client.post(`${kit.base()}/drafts/${id}/send`, body)
      return { id, sent }
    },
    inbox: async (client: TestClient, query = '') => {
      const response = await client.get(`/api/messaging/folders/inbox/messages${query}`)
      expect(response.statusCode, response.body).toBe(200)
      return response.json() as MailboxPage
    },
    countRows: async (table: 'messages' | 'mailbox_entries') => {
      const row = await kit.database.db
        .selectFrom(table === 'messages' ? 'messages' : 'mailboxEntries')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
  }
  beforeAll(async () => {
    kit.database = await createTestDatabase()
    kit.world = await buildWorld(kit.database.db)
    const pupil = await buildUser(kit.database.db, { firstName: 'Lina', lastName: 'Martin' })
    await addMember(kit.database.db, {
      schoolId: kit.world.own.id,
      userId: pupil.id,
      profile: 'pupil',
      classId: kit.world.own.classId,
    })
    const parent = await buildUser(kit.database.db, { firstName: 'Karim', lastName: 'Martin' })
    await addMember(kit.database.db, { schoolId: kit.world.own.id, userId: parent.id, profile: 'parent' })
    await linkFamily(kit.database.db, { schoolId: kit.world.own.id, pupilId: pupil.id, parentId: parent.id })
    kit.otherParentId = parent.id
    kit.otherPupilId = pupil.id
    kit.test = await createTestApp(kit.database, { MESSAGING_DAILY_LIMIT_PARENT: '3' })
  })
  afterAll(async () => {
    await kit.test.app.close()
    await kit.database.drop()
  })
  return kit
}
