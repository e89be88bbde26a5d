import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { REALTIME_CHANNEL } from '../../plugins/realtime/notify.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'

/** As many families as a large school: each a parent and a child in the world's class. */
const FAMILIES = 700

describe('a message to every parent of a school', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  let parentIds: string[]
  let listener: pg.Client
  const notices: { u: string[]; e: { type: string } }[] = []

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    const { rows } = await sql<{ parentId: string }>`
      with people as (
        insert into users (login, first_name, last_name, display_name)
        select 'famille.' || i || '.' || who, 'Prénom' || i, 'Famille' || i, 'Prénom' || i || ' Famille' || i
        from generate_series(1, ${FAMILIES}) i, (values ('parent'), ('enfant')) as w(who)
        returning id, login
      ), pairs as (
        select p.id as parent_id, c.id as pupil_id from people p
        join people c on c.login = replace(p.login, '.parent', '.enfant')
        where p.login like '%.parent'
      ), adults as (
        insert into memberships (school_id, user_id, profile)
        select ${world.own.id}::uuid, parent_id, 'parent' from pairs
      ), children as (
        insert into memberships (school_id, user_id, profile)
        select ${world.own.id}::uuid, pupil_id, 'pupil' from pairs
      ), placed as (
        insert into class_members (school_id, class_id, user_id, role)
        select ${world.own.id}::uuid, ${world.own.classId}::uuid, pupil_id, 'pupil' from pairs
      ), linked as (
        insert into family_links (school_id, pupil_id, parent_id)
        select ${world.own.id}::uuid, pupil_id, parent_id from pairs
      )
      select parent_id from pairs
    `.execute(database.db)
    parentIds = rows.map((row) => row.parentId)
    test = await createTestApp(database)
    await test.app.realtime.listening
    listener = new pg.Client({ connectionString: database.url })
    await listener.connect()
    listener.on('notification', (notice) => notices.push(JSON.parse(notice.payload ?? '{}')))
    await listener.query(`listen ${REALTIME_CHANNEL}`)
  })
  afterAll(async () => {
    await listener.end()
    await test.app.close()
    await database.drop()
  })

  it('gives each of 700 parents exactly one mailbox copy, one feed delivery and one notice, even when retried', async () => {
    const director = await TestClient.signedInAs(test.app, world.own.directorId)
    const id = randomUUID()
    const draft = {
      subject: 'Kermesse de fin d’année',
      bodyHtml: '<p>Merci de votre aide samedi.</p>',
      to: [{ type: 'group', id: 'school:parent' }],
    }
    const draftUrl = `/api/schools/${world.own.id}/messaging/drafts/${id}`
    // Two parents whose first pages are kept before the send (this instance's cache of answers).
    const readers = await Promise.all(
      [world.own.parentId, parentIds[0] as string].map((userId) => TestClient.signedInAs(test.app, userId)),
    )
    const firstPages = async (reader: TestClient) => ({
      feed: (await reader.get('/api/feed')).json() as { items: { title: string }[] },
      unread: (await reader.get('/api/feed/unread')).json() as unknown,
      inbox: (await reader.get('/api/messaging/folders/inbox/messages?limit=30')).json() as {
        messages: { id: string }[]
      },
    })
    const keptBefore = await Promise.all(readers.map(firstPages))
    // Saved twice (the composer saves as one types), sent twice (a client retrying after a timeout).
    expect((await director.put(draftUrl, draft)).statusCode).toBe(200)
    expect((await director.put(draftUrl, { ...draft, subject: 'Kermesse de juin' })).statusCode).toBe(200)
    const sent = await director.post(`${draftUrl}/send`, {})
    expect(sent.statusCode, sent.body).toBe(200)
    const everyParent = parentIds.length + 1 // the world's own parent too
    expect(sent.json()).toEqual({ messageId: id, state: 'sent', recipients: everyParent })
    // Read at once: the sending instance forgot the recipients' kept answers in the send itself.
    for (const [i, reader] of readers.entries()) {
      const now = await firstPages(reader)
      expect(now.feed.items.map((item) => item.title)).toContain('Kermesse de juin')
      expect(now.feed.items).toHaveLength((keptBefore[i]?.feed.items.length ?? 0) + 1)
      expect(now.unread).not.toEqual(keptBefore[i]?.unread)
      expect(now.inbox.messages.map((message) => message.id)).toContain(id)
    }
    const again = await director.post(`${draftUrl}/send`, {})
    expect(again.json()).toEqual({ messageId: id, state: 'sent', recipients: everyParent })

    const copies = await sql<{ userId: string; role: string; folder: string; n: number }>`
      select user_id, min(role) as role, min(folder) as folder, count(*)::int as n
      from mailbox_entries where message_id = ${id} group by user_id
    `.execute(database.db)
    const byUser = new Map(copies.rows.map((row) => [row.userId, row]))
    expect(byUser.get(world.own.directorId)).toMatchObject({ role: 'author', folder: 'sent', n: 1 })
    for (const parentId of [...parentIds, world.own.parentId])
      expect(byUser.get(parentId)).toMatchObject({ role: 'to', folder: 'inbox', n: 1 })
    expect(copies.rows).toHaveLength(everyParent + 1)

    const items = await sql<{ id: string; title: string; summary: string }>`
      select id, title, summary from feed_items where app = 'messaging' and source_id = ${id}
    `.execute(database.db)
    expect(items.rows).toHaveLength(1)
    expect(items.rows[0]).toMatchObject({ title: 'Kermesse de juin' })
    expect(items.rows[0]?.summary).toMatch(/^Message de /)
    const deliveries = await sql<{ recipientId: string }>`
      select recipient_id from feed_deliveries where item_id = ${items.rows[0]?.id}
    `.execute(database.db)
    expect(new Set(deliveries.rows.map((row) => row.recipientId))).toEqual(
      new Set([...parentIds, world.own.parentId]),
    )
    expect(deliveries.rows).toHaveLength(everyParent)

    // One notice per parent of the feed item, in notifications of at most 100 ids; the director hears
    // of their own mailbox's change.
    await vi.waitFor(
      () =>
        expect(notices.filter((n) => n.e.type === 'messaging.mailbox').flatMap((n) => n.u)).toContain(
          world.own.directorId,
        ),
      { timeout: 2000 },
    )
    const told = notices.filter((n) => n.e.type === 'feed.item')
    expect(told.every((n) => n.u.length <= 100)).toBe(true)
    const toldIds = told.flatMap((n) => n.u)
    expect(toldIds).toHaveLength(everyParent)
    expect(new Set(toldIds)).toEqual(new Set([...parentIds, world.own.parentId]))
  })
})
