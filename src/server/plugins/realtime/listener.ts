import type { FastifyBaseLogger } from 'fastify'
import pg from 'pg'
import { RealtimeEvent } from '../../../contract/feed.ts'
import { REALTIME_CHANNEL } from './notify.ts'

export type Delivery = { userIds: string[]; event: RealtimeEvent }

/**
 * The one connection of this process that LISTENs to the real-time channel (a pooled connection
 * cannot: it goes back to the pool). When it drops, it comes back with a growing delay, and
 * `onReconnect` is told: what was published meanwhile is lost, so the sockets are told to read again.
 */
export function startListener(options: {
  connectionString: string
  log: FastifyBaseLogger
  onDelivery: (delivery: Delivery) => void
  onReconnect: () => void
}): { close: () => Promise<void>; ready: Promise<void>; listening: () => boolean } {
  let client: pg.Client | null = null
  let closed = false
  let attempt = 0
  let timer: NodeJS.Timeout | null = null
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })

  const parse = (payload: string | undefined): Delivery | null => {
    try {
      const body = JSON.parse(payload ?? '') as { u?: unknown; e?: unknown }
      const event = RealtimeEvent.safeParse(body.e)
      if (!Array.isArray(body.u) || !event.success) return null
      return { userIds: body.u.filter((id): id is string => typeof id === 'string'), event: event.data }
    } catch {
      return null
    }
  }

  const connect = async () => {
    const next = new pg.Client({
      connectionString: options.connectionString,
      application_name: 'preau-realtime',
    })
    next.on('error', (error) => options.log.warn({ err: error }, 'real-time listener: connection lost'))
    next.on('end', () => {
      if (client === next) client = null
      if (!closed) retry()
    })
    next.on('notification', (message) => {
      const delivery = parse(message.payload)
      if (delivery) options.onDelivery(delivery)
    })
    try {
      await next.connect()
      await next.query(`listen ${REALTIME_CHANNEL}`)
      if (closed) return void (await next.end())
      client = next
      if (attempt > 0) options.onReconnect()
      attempt = 0
      markReady()
    } catch (error) {
      options.log.warn({ err: error }, 'real-time listener: cannot listen')
      await next.end().catch(() => {})
      retry()
    }
  }

  const retry = () => {
    if (closed || timer) return
    attempt += 1
    const delay = Math.min(30_000, 250 * 2 ** Math.min(attempt, 7))
    timer = setTimeout(() => {
      timer = null
      void connect()
    }, delay)
    timer.unref()
  }

  void connect()
  return {
    ready,
    // Between a drop and the next LISTEN, notices are lost: whoever caches on their strength must not.
    listening: () => client !== null,
    close: async () => {
      closed = true
      if (timer) clearTimeout(timer)
      const current = client
      client = null
      await current?.end().catch(() => {})
    },
  }
}
