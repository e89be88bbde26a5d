import { gunzipSync } from 'node:zlib'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { REALTIME_CHANNEL } from '../../plugins/realtime/notify.ts'
import { schoolTransaction } from '../../plugins/tenancy.ts'
import { openSchoolScopeForTest } from '../../testing/school-scope.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'
import { publishFeedItem } from './index.ts'
import { purgeOldFeed, uuidV7Floor } from './retention.ts'

describe('the news feed', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    test = await createTestApp(database)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  /** The parents of the pupils of a class: the kind of subquery a publishing module passes. */
  const parentsOfClass = (schoolId: string, classId: string) =>
    sql`select f.parent_id from class_members c join family_links f on f.school_id = c.school_id and f.pupil_id = c.user_id
        where c.school_id = ${schoolId} and c.class_id = ${classId} and c.role = 'pupil'`

  const publish = (title: string, overrides: Partial<Parameters<typeof publishFeedItem>[1]> = {}) =>
    publishFeedItem(test.app.db, {
      app: 'notebook',
      schoolId: world.own.id,
      actorId: world.own.teacherId,
      audience: parentsOfClass(world.own.id, world.own.classId),
      kind: 'notebook.mot',
      title,
      summary: 'Sortie au musée jeudi, prévoir un pique-nique.',
      link: '/carnet',
      ...overrides,
    })

  it('delivers an item to an audience given as a subquery, in one statement, and shows it in their feed', async () => {
    const published = await publish('Sortie au musée')
    expect(published.recipients).toBe(1)
    const parent = await TestClient.signedInAs(test.app, world.own.parentId)
    const page = (await parent.get('/api/feed')).json()
    expect(page.items[0]).toMatchObject({
      id: published.id,
      app: 'notebook',
      title: 'Sortie au musée',
      link: '/carnet',
      read: false,
      actor: { id: world.own.teacherId },
    })
    // Someone outside the audience sees nothing of it.
    const otherParent = await TestClient.signedInAs(test.app, world.other.parentId)
    expect((await otherParent.get('/api/feed')).json().items).toEqual([])
  })

  it('never delivers an item to its author, nor twice to a person named twice', async () => {
    const published = await publish('Réunion', {
      audience: [world.own.teacherId, world.own.directorId, world.own.directorId],
    })
    expect(published.recipients).toBe(1)
  })

  it('pages the feed by keyset, newest first, without gaps or repeats', async () => {
    const audience = [world.own.pupilId]
    for (let n = 1; n <= 5; n++)
      await publish(`Devoir ${n}`, { app: 'homework', audience, link: '/cahier-de-textes' })
    const pupil = await TestClient.signedInAs(test.app, world.own.pupilId)
    const first = (await pupil.get('/api/feed?limit=2')).json()
    expect(first.items.map((i: { title: string }) => i.title)).toEqual(['Devoir 5', 'Devoir 4'])
    const second = (await pupil.get(`/api/feed?limit=2&before=${first.next}`)).json()
    expect(second.items.map((i: { title: string }) => i.title)).toEqual(['Devoir 3', 'Devoir 2'])
    const third = (await pupil.get(`/api/feed?limit=2&before=${second.next}`)).json()
    expect(third.items.map((i: { title: string }) => i.title)).toEqual(['Devoir 1'])
    expect(third.next).toBeNull()
    const onlyHomework = (await pupil.get('/api/feed?app=homework&limit=50')).json()
    expect(onlyHomework.items).toHaveLength(5)
  })

  it('counts unread items per application, and marks one, or all of an application, read', async () => {
    const reader = world.users.staff
    const a = await publish('Mot 1', { audience: [reader] })
    await publish('Mot 2', { audience: [reader] })
    await publish('Photo', { app: 'photos', audience: [reader], link: '/photos' })
    const client = await TestClient.signedInAs(test.app, reader)
    expect((await client.get('/api/feed/unread')).json()).toEqual({
      byApp: { notebook: 2, photos: 1 },
      total: 3,
    })

    expect((await client.post(`/api/feed/items/${a.id}/read`)).statusCode).toBe(204)
    expect((await client.get('/api/feed/unread')).json()).toEqual({
      byApp: { notebook: 1, photos: 1 },
      total: 2,
    })
    const page = (await client.get('/api/feed')).json()
    expect(page.items.find((i: { id: string }) => i.id === a.id).read).toBe(true)

    expect((await client.post('/api/feed/read', { app: 'photos' })).json()).toEqual({ marked: 1 })
    expect((await client.get('/api/feed/unread')).json()).toEqual({ byApp: { notebook: 1 }, total: 1 })
  })

  it('answers 404 for an item that is someone else’s, and marks nothing', async () => {
    const item = await publish('Pour le parent seulement')
    const teacher = await TestClient.signedInAs(test.app, world.other.teacherId)
    const refused = await teacher.post(`/api/feed/items/${item.id}/read`)
    expect(refused.statusCode).toBe(404)
    expect(refused.json().detail).toBe('Élément du fil introuvable.')
    expect((await teacher.post(`/api/feed/items/${item.id}/report`, {})).statusCode).toBe(404)
    expect((await teacher.post('/api/feed/items/pas-un-id/read')).statusCode).toBe(404)
  })

  it('refuses an unknown application with a French message', async () => {
    const client = await TestClient.signedInAs(test.app, world.own.parentId)
    const refused = await client.post('/api/feed/read', { app: 'minitel' })
    expect(refused.statusCode).toBe(400)
    expect(JSON.stringify(refused.json())).toContain('Application inconnue.')
  })

  it('publishes inside a school’s tenancy, with the change it reports, and not at all when it rolls back', async () => {
    const scope = openSchoolScopeForTest(test.app.db, world.own.id)
    const id = await schoolTransaction(scope, async (inner) => {
      const published = await publishFeedItem(inner.db, {
        app: 'calendar',
        schoolId: world.own.id,
        actorId: world.own.directorId,
        audience: sql`select user_id from memberships where school_id = ${world.own.id} and profile = 'teacher'`,
        kind: 'calendar.event',
        title: 'Conseil des maîtres',
        link: '/agenda',
      })
      return published.id
    })
    const teacher = await TestClient.signedInAs(test.app, world.own.teacherId)
    expect((await teacher.get('/api/feed?app=calendar')).json().items[0].id).toBe(id)

    await expect(
      test.app.db.transaction().execute(async (trx) => {
        await publishFeedItem(trx, {
          app: 'calendar',
          schoolId: world.own.id,
          actorId: null,
          audience: [world.own.teacherId],
          kind: 'calendar.event',
          title: 'Annulé',
          link: '/agenda',
        })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    const titles = (await teacher.get('/api/feed?app=calendar'))
      .json()
      .items.map((i: { title: string }) => i.title)
    expect(titles).not.toContain('Annulé')
  })

  it('refuses a link that leaves the web app', async () => {
    await expect(publish('Ailleurs', { link: '//evil.example' })).rejects.toThrow()
    await expect(publish('Ailleurs', { link: 'https://evil.example' })).rejects.toThrow()
  })

  it('sends a reported item to the school’s direction, with the reason, and records it in the trail', async () => {
    const item = await publish('Message déplacé')
    const parent = await TestClient.signedInAs(test.app, world.own.parentId)
    const reported = await parent.post(`/api/feed/items/${item.id}/report`, { reason: 'Propos blessants' })
    expect(reported.statusCode).toBe(200)

    const director = await TestClient.signedInAs(test.app, world.own.directorId)
    const feed = (await director.get('/api/feed?app=school-admin')).json()
    expect(feed.items[0]).toMatchObject({
      kind: 'feed.reported',
      title: 'Signalement : « Message déplacé »',
      summary: 'Propos blessants',
      link: `/ecoles/${world.own.id}/administration/journal`,
    })
    const trail = await test.app.db
      .selectFrom('auditLog')
      .where('action', '=', 'feed.reportItem')
      .selectAll()
      .executeTakeFirstOrThrow()
    expect(trail).toMatchObject({ actorId: world.own.parentId, schoolId: world.own.id, targetId: item.id })
    expect(trail.details).toMatchObject({ title: 'Message déplacé', reason: 'Propos blessants' })
    // The other school's director hears nothing.
    const otherDirector = await TestClient.signedInAs(test.app, world.other.directorId)
    expect((await otherDirector.get('/api/feed?app=school-admin')).json().items).toEqual([])
  })
  it('answers a reload from its cache, and forgets it when another instance tells of a change', async () => {
    await test.app.realtime.listening
    const parent = await TestClient.signedInAs(test.app, world.own.parentId)
    const titles = async () =>
      ((await parent.get('/api/feed')).json().items as { title: string }[]).map((i) => i.title)
    const unread = async () => (await parent.get('/api/feed/unread')).json().total as number
    // Notices of earlier publications reach this instance within milliseconds: let them arrive.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const before = { titles: await titles(), unread: await unread() }
    // Another instance writes a delivery; until its notice arrives, this one answers as before.
    const [{ id }] = (
      await sql<{ id: string }>`
        insert into feed_items (school_id, app, kind, title, summary, link)
        values (${world.own.id}, 'notebook', 'notebook.mot', 'Écrit ailleurs', '', '/carnet') returning id`.execute(
        test.app.db,
      )
    ).rows as [{ id: string }]
    await sql`insert into feed_deliveries (recipient_id, item_id, school_id, app)
      values (${world.own.parentId}, ${id}, ${world.own.id}, 'notebook')`.execute(test.app.db)
    expect(await titles()).toEqual(before.titles)
    expect(await unread()).toBe(before.unread)
    // Its notice reaches every instance: the next answers are read again.
    await sql`select pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify({
      u: [world.own.parentId],
      e: { type: 'feed.item', app: 'notebook', id },
    })})`.execute(test.app.db)
    await vi.waitFor(async () => expect((await titles())[0]).toBe('Écrit ailleurs'), { timeout: 2000 })
    expect(await unread()).toBe(before.unread + 1)
    // Marking it read here shows at once in this instance's next answers.
    await parent.post(`/api/feed/items/${id}/read`)
    expect(await unread()).toBe(before.unread)
    expect((await parent.get('/api/feed')).json().items[0]).toMatchObject({ id, read: true })
  })
  it('gzips the first page for a browser, compressed once and kept, and the gzipped copy follows changes', async () => {
    await test.app.realtime.listening
    for (const n of [1, 2, 3, 4, 5]) await publish(`Sortie numéro ${n}`)
    const parent = await TestClient.signedInAs(test.app, world.own.parentId)
    const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' }
    const gzipped = async () => {
      const response = await parent.get('/api/feed', browser)
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-encoding']).toBe('gzip')
      expect(response.headers.vary).toContain('accept-encoding')
      return JSON.parse(gunzipSync(response.rawPayload).toString('utf8')) as { items: { title: string }[] }
    }
    await vi.waitFor(async () => expect((await gzipped()).items[0]?.title).toBe('Sortie numéro 5'), {
      timeout: 2000,
    })
    const plain = await parent.get('/api/feed')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(await gzipped()).toEqual(plain.json())
    // Refused gzip: the JSON as it is.
    const refused = await parent.get('/api/feed', { 'accept-encoding': 'gzip;q=0, br' })
    expect(refused.headers['content-encoding']).toBeUndefined()
    await publish('Après la mise en cache')
    await vi.waitFor(async () => expect((await gzipped()).items[0]?.title).toBe('Après la mise en cache'), {
      timeout: 2000,
    })
  })

  it('deletes the items older than the retention with their deliveries, by batches, and keeps the rest', async () => {
    const day = 86_400_000
    const now = new Date()
    // 1,203 items of two schools published 400 days ago (more than two batches), one 300 days ago.
    const old = new Date(now.getTime() - 400 * day)
    for (const school of [world.own.id, world.other.id])
      await sql`insert into feed_items (school_id, id, app, kind, title, summary, link, created_at)
        select ${school}, (${uuidV7Floor(old).slice(0, 24)} || lpad(to_hex(n), 12, '0'))::uuid,
          'notebook', 'bench.old', 'Ancien ' || n, '', '/carnet', ${old}
        from generate_series(${school === world.own.id ? 1 : 5001}::int, ${school === world.own.id ? 1000 : 5203}::int) n`.execute(
        test.app.db,
      )
    await sql`insert into feed_deliveries (recipient_id, item_id, school_id, app)
      select ${world.own.parentId}, id, school_id, app from feed_items where kind = 'bench.old'`.execute(
      test.app.db,
    )
    const recent = new Date(now.getTime() - 300 * day)
    await sql`insert into feed_items (school_id, id, app, kind, title, summary, link, created_at)
      values (${world.own.id}, ${uuidV7Floor(recent)}, 'notebook', 'bench.recent', 'Récent', '', '/carnet', ${recent})`.execute(
      test.app.db,
    )
    const count = async (where: string) =>
      Number(
        (
          await sql<{ n: string }>`select count(*) as n from feed_items where kind = ${where}`.execute(
            test.app.db,
          )
        ).rows[0]?.n,
      )
    const deliveries = async () =>
      Number(
        (
          await sql<{ n: string }>`select count(*) as n from feed_deliveries d join feed_items i
            on i.school_id = d.school_id and i.id = d.item_id where i.kind = 'bench.old'`.execute(test.app.db)
        ).rows[0]?.n,
      )
    expect(await deliveries()).toBe(1203)
    const publishedNow = await count('notebook.mot')

    expect(await purgeOldFeed(test.app.db, 365, now)).toBe(1203)
    expect(await count('bench.old')).toBe(0)
    expect(
      Number(
        (
          await sql<{
            n: string
          }>`select count(*) as n from feed_deliveries where recipient_id = ${world.own.parentId}
          and item_id < ${uuidV7Floor(new Date(now.getTime() - 365 * day))}::uuid`.execute(test.app.db)
        ).rows[0]?.n,
      ),
    ).toBe(0)
    expect(await count('bench.recent')).toBe(1)
    expect(await count('notebook.mot')).toBe(publishedNow)
    // A shorter retention takes the 300-day-old item too; nothing is left to take a second time.
    expect(await purgeOldFeed(test.app.db, 200, now)).toBe(1)
    expect(await purgeOldFeed(test.app.db, 200, now)).toBe(0)
  })
})
