import type { WebSocket } from 'ws'

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
}
