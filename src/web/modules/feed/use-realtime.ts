import { type QueryClient, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { RealtimeEvent } from '../../../contract/feed.ts'

/**
 * Which queries an event makes stale, by the first word of its type (`feed.item` → `['feed']`) and by
 * the application it names (a feed item of Messagerie, `app: 'messaging'`, also refreshes the mailbox).
 * A module adds its own line (`messaging: [['messaging']]`); `realtime.resync` (events may have been
 * lost while the server's listener reconnected) invalidates everything.
 */
const STALE_BY_MODULE: Record<string, readonly (readonly string[])[]> = {
  feed: [['feed']],
  messaging: [['messaging'], ['feed']],
}

/** A socket closed with this code was refused for want of a session: reconnecting would not help. */
const SIGNED_OUT = 4401

function invalidate(queryClient: QueryClient, event: RealtimeEvent) {
  if (event.type === 'realtime.resync') return void queryClient.invalidateQueries()
  const modules = new Set([event.type.split('.')[0] ?? '', event.app ?? ''])
  for (const module of modules)
    for (const queryKey of STALE_BY_MODULE[module] ?? []) void queryClient.invalidateQueries({ queryKey })
}

/**
 * Holds one WebSocket to `/api/realtime` while the signed-in shell is shown, and refreshes the queries
 * an event concerns. When the connection drops it comes back after 1 s, 2 s, 4 s… up to a minute (with
 * some randomness, so that a restarted server is not called by everyone at the same instant), and at
 * once when the tab becomes visible again; then it refreshes everything, since events may have passed.
 */
export function useRealtime(): void {
  const queryClient = useQueryClient()
  useEffect(() => {
    let socket: WebSocket | null = null
    let attempt = 0
    let timer: ReturnType<typeof setTimeout> | null = null
    let stopped = false

    const connect = () => {
      if (stopped || (socket && socket.readyState <= WebSocket.OPEN)) return
      const url = new URL('/api/realtime', window.location.href)
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
      const current = new WebSocket(url)
      socket = current
      current.onmessage = (message) => {
        try {
          const event = JSON.parse(String(message.data)) as RealtimeEvent
          if (event.type === 'realtime.ready') {
            if (attempt > 0) void queryClient.invalidateQueries()
            attempt = 0
            return
          }
          invalidate(queryClient, event)
        } catch {
          // Not an event of ours: ignored.
        }
      }
      current.onclose = (closing) => {
        if (socket === current) socket = null
        if (stopped || closing.code === SIGNED_OUT) return
        attempt += 1
        const delay = Math.min(60_000, 1000 * 2 ** Math.min(attempt - 1, 6)) * (0.75 + Math.random() / 2)
        timer = setTimeout(connect, delay)
      }
    }

    const onVisible = () => {
      if (document.visibilityState !== 'visible' || socket) return
      if (timer) clearTimeout(timer)
      connect()
    }

    connect()
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
      document.removeEventListener('visibilitychange', onVisible)
      socket?.close(1000)
    }
  }, [queryClient])
}
