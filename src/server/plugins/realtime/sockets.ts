import type { WebSocket } from 'ws'
import type { RealtimeEvent } from '../../../contract/feed.ts'

export type Connection = { socket: WebSocket; userId: string; sessionId: string; alive: boolean }

/** The open sockets of this process, by user: a delivery looks up its users, never scans every socket. */
export class SocketRegistry {
  private readonly byUser = new Map<string, Set<Connection>>()
  private count = 0

  add(connection: Connection): void {
    let set = this.byUser.get(connection.userId)
    if (!set) {
      set = new Set()
      this.byUser.set(connection.userId, set)
    }
    set.add(connection)
    this.count += 1
  }

  remove(connection: Connection): void {
    const set = this.byUser.get(connection.userId)
    if (!set?.delete(connection)) return
    this.count -= 1
    if (set.size === 0) this.byUser.delete(connection.userId)
  }

  of(userId: string): ReadonlySet<Connection> | undefined {
    return this.byUser.get(userId)
  }

  get size(): number {
    return this.count
  }

  *all(): Iterable<Connection> {
    for (const set of this.byUser.values()) yield* set
  }

  /**
   * Pings every open socket, `perTurn` at a time with a turn of the event loop between (5,000 pings in
   * one pass held a busy process for half a second, and the notices arriving meanwhile with it); a socket
   * that did not answer the previous ping is dropped. Returns the connections it went through.
   */
  async pingAll(perTurn = 100): Promise<Connection[]> {
    const connections = [...this.all()]
    for (let start = 0; start < connections.length; start += perTurn) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve))
      for (const connection of connections.slice(start, start + perTurn)) {
        if (!connection.alive) {
          connection.socket.terminate()
          continue
        }
        connection.alive = false
        connection.socket.ping()
      }
    }
    return connections
  }

  /**
   * Sends `event` to the open sockets of `userIds` and returns how many were sent. The work is one
   * lookup per named user and one write per socket of theirs, serialised once: it does not grow with
   * the sockets other people hold open on this process (ADR 0010).
   */
  deliver(userIds: Iterable<string>, event: RealtimeEvent): number {
    let frame: string | null = null
    let sent = 0
    for (const userId of userIds) {
      const connections = this.byUser.get(userId)
      if (!connections) continue
      for (const connection of connections) {
        if (connection.socket.readyState !== connection.socket.OPEN) continue
        frame ??= JSON.stringify(event)
        connection.socket.send(frame)
        sent += 1
      }
    }
    return sent
  }
}
