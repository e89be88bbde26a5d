import websocket from '@fastify/websocket'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { RealtimeEvent } from '../../../contract/feed.ts'
import type { Config } from '../../config.ts'
import type { Db } from '../../db/connection.ts'
import { liveSessionIds } from '../auth/session-store.ts'
import { HttpProblem } from '../errors.ts'
import { actorOf } from '../policy/index.ts'
import { personAnswers } from './answers.ts'
import { sendKeptAnswer } from './kept-answers.ts'
import { startListener } from './listener.ts'
import { type Audience, notifyUsers } from './notify.ts'
import { type Connection, SocketRegistry } from './sockets.ts'

export { personAnswers } from './answers.ts'
export { type Audience, notifyUsers } from './notify.ts'

type Realtime = {
  /**
   * Tells the open sockets of `audience` (user ids, or a subquery of user ids), on every instance,
   * about `event` when `db`'s transaction commits (at once outside a transaction). Returns how many
   * users were told.
   */
  publish: (db: Db, audience: Audience, event: RealtimeEvent) => Promise<number>
  /** Open sockets of this process. */
  connections: () => number
  /** Resolves once this process listens (a test publishes after it). */
  listening: Promise<void>
  /** Whether this process hears every notice now (notices sent while the listener was down are lost). */
  isListening: () => boolean
  /**
   * The person's answer `variant` (`module:…`) as the JSON sent: from `personAnswers` while this
   * instance hears every notice, else built by `build` (and kept, unless a change overtook the read).
   */
  cachedAnswer: (userId: string, variant: string, build: () => Promise<unknown>) => Promise<Buffer>
  /**
   * Sends `cachedAnswer` as the reply, gzipped (and kept so) for a client that accepts it: at once when
   * it is kept (`undefined`), else once built (a handler returns what this returns; it is not `async`).
   */
  sendCachedAnswer: (
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    variant: string,
    build: () => Promise<unknown>,
  ) => Promise<void> | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    realtime: Realtime
  }
}

/** Close codes the web understands: 4401 means « signed out, do not come back ». */
const CLOSE_SIGNED_OUT = 4401
const CLOSE_GOING_AWAY = 1001

/**
 * Real-time delivery (ADR 0010): browsers hold a WebSocket at `/api/realtime`, opened with the session
 * cookie like any request (no session → 401 before the upgrade; another site's page → 403), and
 * receive small events (`RealtimeEvent`) published anywhere in the cluster through PostgreSQL
 * LISTEN/NOTIFY. Every REALTIME_HEARTBEAT_SECONDS, each socket is pinged (one that did not answer the previous ping is
 * dropped) and the sessions behind the open sockets are checked in one query: a revoked, expired or idle
 * session closes its sockets.
 */
export const realtimePlugin = fp(
  async (app: FastifyInstance, options: { config: Config; connectionString: string }) => {
    const { config } = options
    const heartbeatMs = config.realtimeHeartbeatSeconds * 1000
    const sockets = new SocketRegistry()
    const send = (connection: Connection, event: RealtimeEvent) => {
      if (connection.socket.readyState === connection.socket.OPEN)
        connection.socket.send(JSON.stringify(event))
    }

    const listener = startListener({
      connectionString: options.connectionString,
      log: app.log,
      onDelivery: (delivery) => {
        // Whatever it says, a notice for a person means their cached answers may be out of date.
        personAnswers.forget(delivery.userIds)
        sockets.deliver(delivery.userIds, delivery.event)
      },
      onReconnect: () => {
        personAnswers.clear()
        for (const connection of sockets.all()) send(connection, { type: 'realtime.resync' })
      },
    })

    const closeDeadSessions = async (connections: Connection[]) => {
      if (connections.length === 0) return
      const live = await liveSessionIds(
        app.db,
        [...new Set(connections.map((c) => c.sessionId))],
        config.sessionIdleMinutes,
      )
      for (const connection of connections) {
        if (!live.has(connection.sessionId)) connection.socket.close(CLOSE_SIGNED_OUT, 'session ended')
      }
    }

    // A slice of the sockets per turn of the event loop (`pingAll`), then their sessions in one query.
    const beat = async () => closeDeadSessions(await sockets.pingAll())
    const heartbeat = setInterval(() => {
      beat().catch((error) =>
        app.log.warn({ err: error }, 'real-time: could not check the sessions of open sockets'),
      )
    }, heartbeatMs)
    heartbeat.unref()

    // A person whose sessions were ended here (password changed, role granted…) loses their sockets now;
    // on the other instances, at their next heartbeat.
    app.sessions.onForget((userId) => {
      personAnswers.forget([userId])
      const connections = [...(sockets.of(userId) ?? [])]
      closeDeadSessions(connections).catch((error) =>
        app.log.warn({ err: error }, 'real-time: could not check a person’s sessions'),
      )
    })

    // A refused upgrade (no session, another site, another route) is answered in HTTP on the raw socket,
    // which nothing else closes: left open, it would keep the server from stopping.
    app.addHook('onResponse', (request, _reply, done) => {
      // `request.ws` is not set yet when the session or policy hooks answered first.
      if ((request.raw as { upgrade?: boolean }).upgrade) request.raw.socket.destroy()
      done()
    })

    const sameOrigin = (request: FastifyRequest): boolean => {
      const origin = request.headers.origin
      // Browsers always send it with a WebSocket; other clients hold the cookie themselves.
      if (origin === undefined) return true
      try {
        const url = new URL(origin)
        return url.origin === new URL(config.publicUrl).origin || url.host === request.headers.host
      } catch {
        return false
      }
    }

    // The WebSocket plugin in a scope of its own: its hooks and handler wrapper then run for this route
    // only, not for every request of the API (an upgrade asked of another route is answered in HTTP,
    // and its socket closed by the hook above).
    await app.register(async (scope) => {
      await scope.register(websocket, {
        options: { maxPayload: 1024, perMessageDeflate: false, clientTracking: false },
      })
      scope.get(
        '/api/realtime',
        {
          websocket: true,
          config: { policy: 'feed.view' },
          schema: { tags: ['fil'], summary: 'Événements en temps réel (WebSocket)', hide: true },
          preHandler: async (request) => {
            if (!sameOrigin(request)) {
              throw new HttpProblem(403, 'cross-origin', 'Connexion refusée : elle provient d’un autre site.')
            }
            if (!request.ws) {
              throw new HttpProblem(426, 'upgrade-required', 'Cette adresse s’ouvre en WebSocket.')
            }
          },
        },
        (socket, request) => {
          const actor = actorOf(request)
          const connection: Connection = {
            socket,
            userId: actor.userId,
            sessionId: actor.sessionId,
            alive: true,
          }
          sockets.add(connection)
          socket.on('pong', () => {
            connection.alive = true
          })
          // The browser says nothing but pings; anything else is ignored.
          socket.on('message', () => {})
          socket.on('close', () => sockets.remove(connection))
          socket.on('error', () => socket.terminate())
          send(connection, { type: 'realtime.ready' })
        },
      )
    })

    const cachedAnswer: Realtime['cachedAnswer'] = async (userId, variant, build) => {
      const listening = listener.listening()
      const cached = listening ? personAnswers.get(userId, variant) : undefined
      if (cached) return cached
      const stamp = personAnswers.stamp()
      // Already JSON, already UTF-8: the bytes are sent as they are, neither serialised nor encoded again.
      const body = Buffer.from(JSON.stringify(await build()))
      if (listening) personAnswers.set(userId, variant, body, stamp)
      return body
    }
    app.decorate('realtime', {
      publish: notifyUsers,
      connections: () => sockets.size,
      listening: listener.ready,
      isListening: listener.listening,
      cachedAnswer,
      sendCachedAnswer: (request, reply, userId, variant, build) =>
        sendKeptAnswer(
          request,
          reply,
          userId,
          variant,
          () => cachedAnswer(userId, variant, build),
          listener.listening(),
        ),
    } satisfies Realtime)

    app.addHook('preClose', async () => {
      clearInterval(heartbeat)
      for (const connection of sockets.all()) connection.socket.close(CLOSE_GOING_AWAY, 'server stopping')
    })
    app.addHook('onClose', async () => {
      await listener.close()
    })
  },
  { name: 'realtime', dependencies: ['db', 'session'] },
)
