import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { publishFeedItem } from '../../modules/feed/index.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'
import { sessionCookieName } from '../auth/session.ts'
import { insertSession, newSessionToken, revokeUserSessions } from '../auth/session-store.ts'

/** A socket of a real `ws` client, with what it received. */
type Client = {
  socket: WebSocket
  events: { type: string; app?: string; id?: string }[]
  closed: Promise<number>
}

describe('real-time delivery across instances', () => {
  let database: TestDatabase
  let a: TestApp
  let b: TestApp
  let world: World
  let urlOfB: string

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    // Two instances on one database, as behind a load balancer; B checks sessions every second.
    a = await createTestApp(database)
    b = await createTestApp(database, { REALTIME_HEARTBEAT_SECONDS: '1' })
    await b.app.listen({ port: 0, host: '127.0.0.1' })
    urlOfB = `ws://127.0.0.1:${(b.app.server.address() as AddressInfo).port}/api/realtime`
    await Promise.all([a.app.realtime.listening, b.app.realtime.listening])
  })
  afterAll(async () => {
    await a.app.close()
    await b.app.close()
    await database.drop()
  })

  const sessionCookie = async (userId: string) => {
    const { token, tokenHash } = newSessionToken()
    await insertSession(database.db, {
      userId,
      tokenHash,
      expiresAt: new Date(Date.now() + 3_600_000),
      ip: null,
      userAgent: 'test',
      proof: { firstFactor: 'password', secondFactor: 'totp' },
    })
    return `${sessionCookieName(b.config)}=${token}`
  }

  const connect = async (userId: string): Promise<Client> => {
    const socket = new WebSocket(urlOfB, { headers: { cookie: await sessionCookie(userId) } })
    const events: Client['events'] = []
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
    await new Promise<void>((resolve, reject) => {
      socket.on('message', (data) => {
        const event = JSON.parse(String(data))
        events.push(event)
        if (event.type === 'realtime.ready') resolve()
      })
      socket.on('error', reject)
    })
    return { socket, events, closed }
  }

  const refusal = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(urlOfB, { headers })
      socket.on('unexpected-response', (request, response) => {
        resolve(response.statusCode ?? 0)
        request.destroy()
      })
      socket.on('open', () => reject(new Error('the socket opened')))
      socket.on('error', () => {})
    })

  const eventually = async (check: () => boolean, timeoutMs = 5_000) => {
    const start = Date.now()
    while (!check()) {
      if (Date.now() - start > timeoutMs) throw new Error('timed out')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  it('refuses a socket without a session, and one opened by another site’s page', async () => {
    expect(await refusal({})).toBe(401)
    expect(
      await refusal({ cookie: await sessionCookie(world.own.parentId), origin: 'https://evil.example' }),
    ).toBe(403)
  })

  it('answers in HTTP an upgrade asked of another route, and closes its socket', async () => {
    const answer = await new Promise<{ status: number; closed: Promise<void> }>((resolve, reject) => {
      const socket = new WebSocket(urlOfB.replace('/api/realtime', '/health'))
      socket.on('unexpected-response', (_request, response) => {
        const closed = new Promise<void>((done) => response.socket.once('close', () => done()))
        response.resume()
        resolve({ status: response.statusCode ?? 0, closed })
      })
      socket.on('open', () => reject(new Error('the socket opened')))
      socket.on('error', () => {})
    })
    expect(answer.status).toBe(200)
    await answer.closed
  })

  it('delivers an event published through instance A to its recipient’s socket on instance B, and to nobody else', async () => {
    const parent = await connect(world.own.parentId)
    const teacher = await connect(world.own.teacherId)
    await a.app.realtime.publish(
      a.app.db,
      sql`select parent_id from family_links where pupil_id = ${world.own.pupilId}`,
      { type: 'messaging.message', id: 'm1' },
    )
    await eventually(() => parent.events.some((e) => e.type === 'messaging.message'))
    expect(parent.events.at(-1)).toEqual({ type: 'messaging.message', id: 'm1' })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(teacher.events.map((e) => e.type)).toEqual(['realtime.ready'])
    parent.socket.close()
    teacher.socket.close()
  })

  it('reaches one of 700 recipients: the ids travel in chunks under the 8000-byte limit', async () => {
    const parent = await connect(world.own.parentId)
    const audience = [...Array.from({ length: 699 }, () => randomUUID()), world.own.parentId]
    expect(await a.app.realtime.publish(a.app.db, audience, { type: 'notebook.mot', id: 'big' })).toBe(700)
    await eventually(() => parent.events.some((e) => e.id === 'big'))
    parent.socket.close()
  })

  it('sends at commit, and nothing when the transaction rolls back', async () => {
    const parent = await connect(world.own.parentId)
    await a.app.db
      .transaction()
      .execute(async (trx) => {
        await a.app.realtime.publish(trx, [world.own.parentId], { type: 'test.rolledBack' })
        throw new Error('rollback')
      })
      .catch(() => {})
    await a.app.db.transaction().execute(async (trx) => {
      await a.app.realtime.publish(trx, [world.own.parentId], { type: 'test.committed' })
    })
    await eventually(() => parent.events.some((e) => e.type === 'test.committed'))
    expect(parent.events.map((e) => e.type)).not.toContain('test.rolledBack')
    parent.socket.close()
  })

  it('pushes a published feed item to its recipients’ sockets', async () => {
    const parent = await connect(world.own.parentId)
    const item = await publishFeedItem(a.app.db, {
      app: 'notebook',
      schoolId: world.own.id,
      actorId: world.own.teacherId,
      audience: [world.own.parentId],
      kind: 'notebook.mot',
      title: 'Piscine mardi',
      link: '/carnet',
    })
    await eventually(() => parent.events.some((e) => e.type === 'feed.item'))
    expect(parent.events.find((e) => e.type === 'feed.item')).toEqual({
      type: 'feed.item',
      app: 'notebook',
      id: item.id,
    })
    parent.socket.close()
  })

  it('delivers a message sent through instance A’s API to its recipient’s socket on instance B', async () => {
    const parent = await connect(world.own.parentId)
    const teacher = await TestClient.signedInAs(a.app, world.own.teacherId)
    const messageId = randomUUID()
    const base = `/api/schools/${world.own.id}/messaging/drafts/${messageId}`
    const saved = await teacher.put(base, {
      subject: 'Réunion de rentrée',
      bodyHtml: '<p>Bonjour</p>',
      to: [{ type: 'person', id: world.own.parentId }],
    })
    expect(saved.statusCode, saved.body).toBe(200)
    const sent = await teacher.post(`${base}/send`, {})
    expect(sent.json()).toMatchObject({ messageId, state: 'sent', recipients: 1 })

    await eventually(() => parent.events.some((e) => e.type === 'feed.item' && e.app === 'messaging'))
    const notice = parent.events.find((e) => e.type === 'feed.item' && e.app === 'messaging')
    // The notice names the feed item, which names the message.
    const item = await database.db
      .selectFrom('feedItems')
      .select(['sourceId', 'title'])
      .where('id', '=', notice?.id ?? '')
      .executeTakeFirstOrThrow()
    expect(item).toEqual({ sourceId: messageId, title: 'Réunion de rentrée' })
    parent.socket.close()
  })

  it('closes the sockets of a session revoked on another instance', async () => {
    const director = await connect(world.own.directorId)
    await revokeUserSessions(a.app.db, world.own.directorId)
    expect(await director.closed).toBe(4401)
  })
})
