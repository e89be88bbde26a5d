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
