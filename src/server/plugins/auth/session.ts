import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import type { Config } from '../../config.ts'
import type { Actor, SecondFactor } from './actor.ts'
import {
  findLiveSession,
  hashSessionToken,
  insertSession,
  newSessionToken,
  recordSessionSecondFactor,
  revokeSession,
  revokeUserSessions,
  type SessionProof,
  type SessionRecord,
  touchSession,
} from './session-store.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null. Set before any route runs; policies read it. */
    actor: Actor | null
  }
  interface FastifyInstance {
    sessions: SessionManager
  }
}

type SessionManager = {
  /**
   * Opens a session for `userId` (a fresh token: rotation at every login) and sets the cookie; `proof`
   * is how the person authenticated, which bounds the rights the session may use.
   */
  start: (request: FastifyRequest, reply: FastifyReply, userId: string, proof: SessionProof) => Promise<void>
  /** The current session passed the second factor now: it may use the rights that need it. */
  recordSecondFactor: (request: FastifyRequest, proof: SecondFactor) => Promise<void>
  /**
   * Ends the sessions of `userId` (all but `keepSessionId`, the acting session when it is theirs): when
   * they are granted a right that needs the second factor, or lose their means of authentication.
   */
  endSessionsOf: (userId: string, keepSessionId?: string) => Promise<void>
  /** Revokes the current session and clears the cookie. */
  end: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
  /** Forgets cached actors of a user whose memberships or rights changed, and tells the listeners. */
  forgetUser: (userId: string) => void
  /** Called with the user id whenever `forgetUser` is: caches derived from the actor follow. */
  onForget: (listener: (userId: string) => void) => void
}

/** How long a loaded actor is reused before PostgreSQL is asked again. */
const CACHE_TTL_MS = 15_000
/** `last_seen_at` is written at most this often per session: enough for an idle timeout in minutes. */
const TOUCH_EVERY_MS = 60_000

export function sessionCookieName(config: Pick<Config, 'isSecure'>): string {
  // The __Host- prefix pins the cookie to this origin and path, over HTTPS only.
  return config.isSecure ? '__Host-preau_session' : 'preau_session'
}

/**
 * Cookie sessions: HttpOnly, SameSite=Lax, Secure over HTTPS, idle and absolute timeouts checked on
 * every request. Loaded sessions are cached briefly so an authenticated request usually costs no query.
 */
export const sessionPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const { config } = options
    const cookieName = sessionCookieName(config)
    // A prefixed cookie is only replaced by one with the same attributes: clearing says them again.
    const clearOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure: config.isSecure } as const
    const idleMs = config.sessionIdleMinutes * 60_000
    // Keyed by the cookie's token itself (memory only): a cached request costs no hashing.
    const cache = new LRUCache<string, SessionRecord>({ max: 100_000, ttl: CACHE_TTL_MS })
    const forgetListeners: ((userId: string) => void)[] = []

    app.decorateRequest('actor', null)

    const adopt = (request: FastifyRequest, record: SessionRecord, now: number) => {
      if (now - record.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        record.lastSeenAt = new Date(now)
        touchSession(app.db, record.actor.sessionId).catch((error) =>
          request.log.warn({ err: error }, 'could not record session activity'),
        )
      }
      request.actor = record.actor
    }

    // A callback hook, not an async one: the usual request (a cached session) then costs no promise.
    app.addHook('onRequest', (request, reply, done) => {
      const token = request.cookies[cookieName]
      if (!token) return done()
      const now = Date.now()
      const cached = cache.get(token)
      if (cached && cached.expiresAt.getTime() > now && cached.lastSeenAt.getTime() + idleMs > now) {
        adopt(request, cached, now)
        return done()
      }
      if (cached) cache.delete(token)
      findLiveSession(app.db, hashSessionToken(token), config.sessionIdleMinutes).then((record) => {
        if (record) {
          cache.set(token, record)
          adopt(request, record, now)
        } else {
          reply.clearCookie(cookieName, clearOptions)
        }
        done()
      }, done)
    })

    const manager: SessionManager = {
      start: async (request, reply, userId, proof) => {
        if (request.actor) await manager.end(request, reply)
        const { token, tokenHash } = newSessionToken()
        const expiresAt = new Date(Date.now() + config.sessionAbsoluteHours * 3_600_000)
        await insertSession(app.db, {
          userId,
          tokenHash,
          expiresAt,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          proof,
        })
        reply.setCookie(cookieName, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: config.isSecure,
          expires: expiresAt,
        })
      },
      end: async (request, reply) => {
        const token = request.cookies[cookieName]
        if (token) cache.delete(token)
        if (request.actor) await revokeSession(app.db, request.actor.sessionId)
        request.actor = null
        reply.clearCookie(cookieName, clearOptions)
      },
      recordSecondFactor: async (request, proof) => {
        const actor = request.actor
        if (!actor) return
        await recordSessionSecondFactor(app.db, actor.sessionId, proof)
        const token = request.cookies[cookieName]
        if (token) cache.delete(token)
      },
      endSessionsOf: async (userId, keepSessionId) => {
        await revokeUserSessions(app.db, userId, keepSessionId)
        manager.forgetUser(userId)
      },
      forgetUser: (userId) => {
        for (const [key, record] of cache.entries()) if (record.actor.userId === userId) cache.delete(key)
        for (const listener of forgetListeners) listener(userId)
      },
      onForget: (listener) => {
        forgetListeners.push(listener)
      },
    }
    app.decorate('sessions', manager)
  },
  { name: 'session', dependencies: ['db'] },
)
