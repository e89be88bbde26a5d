import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { type Connection, SocketRegistry } from './sockets.ts'

/** A socket that records what was sent and counts every time the registry looked at it. */
function fakeSocket(open = true) {
  const sent: string[] = []
  let touched = 0
  let pings = 0
  let terminated = false
  const socket = {
    ping() {
      pings += 1
    },
    terminate() {
      terminated = true
    },
    OPEN: 1,
    get readyState() {
      touched += 1
      return open ? 1 : 3
    },
    send(frame: string) {
      touched += 1
      sent.push(frame)
    },
  }
  return {
    socket: socket as unknown as WebSocket,
    sent,
    touched: () => touched,
    pings: () => pings,
    terminated: () => terminated,
  }
}

function connectionOf(userId: string, open = true) {
  const fake = fakeSocket(open)
  const connection: Connection = { socket: fake.socket, userId, sessionId: randomUUID(), alive: true }
  return { connection, ...fake }
}

describe('the socket registry', () => {
  it('delivers a notice to its recipient’s sockets without touching the 5,000 idle sockets of others', () => {
    const registry = new SocketRegistry()
    const idle = Array.from({ length: 5_000 }, () => connectionOf(randomUUID()))
    for (const { connection } of idle) registry.add(connection)
    const recipient = randomUUID()
    const phone = connectionOf(recipient)
    const laptop = connectionOf(recipient)
    registry.add(phone.connection)
    registry.add(laptop.connection)

    const sent = registry.deliver([recipient, randomUUID()], {
      type: 'feed.item',
      app: 'messaging',
      id: 'i1',
    })

    expect(sent).toBe(2)
    expect(phone.sent.map((frame) => JSON.parse(frame))).toEqual([
      { type: 'feed.item', app: 'messaging', id: 'i1' },
    ])
    expect(laptop.sent).toEqual(phone.sent)
    expect(idle.reduce((sum, socket) => sum + socket.touched(), 0)).toBe(0)
    expect(registry.size).toBe(5_002)
  })

  it('skips a socket that is closing, and forgets a closed one', () => {
    const registry = new SocketRegistry()
    const recipient = randomUUID()
    const closing = connectionOf(recipient, false)
    const open = connectionOf(recipient)
    registry.add(closing.connection)
    registry.add(open.connection)
    expect(registry.deliver([recipient], { type: 'feed.item' })).toBe(1)
    expect(closing.sent).toEqual([])

    registry.remove(open.connection)
    registry.remove(closing.connection)
    expect(registry.of(recipient)).toBeUndefined()
    expect(registry.deliver([recipient], { type: 'feed.item' })).toBe(0)
    expect(registry.size).toBe(0)
  })

  it('pings every socket a hundred per turn of the event loop, so that a notice gets through meanwhile', async () => {
    const registry = new SocketRegistry()
    const idle = Array.from({ length: 250 }, () => connectionOf(randomUUID()))
    for (const { connection } of idle) registry.add(connection)
    const silent = idle[7]!
    silent.connection.alive = false
    const recipient = connectionOf(randomUUID())
    registry.add(recipient.connection)

    let pingedWhenTheNoticeCame = -1
    setImmediate(() => {
      pingedWhenTheNoticeCame = idle.reduce((sum, socket) => sum + socket.pings(), 0)
      registry.deliver([recipient.connection.userId], { type: 'feed.item' })
    })
    const visited = await registry.pingAll(100)

    expect(visited).toHaveLength(251)
    expect(pingedWhenTheNoticeCame).toBeGreaterThan(0)
    expect(pingedWhenTheNoticeCame).toBeLessThan(249)
    expect(recipient.sent).toHaveLength(1)
    // The one that did not answer the previous ping is dropped; the others await their pong.
    expect(silent.terminated()).toBe(true)
    expect(silent.pings()).toBe(0)
    expect(idle.filter((socket) => socket.pings() === 1)).toHaveLength(249)
    expect(idle.every((socket) => !socket.connection.alive)).toBe(true)
  })
})
