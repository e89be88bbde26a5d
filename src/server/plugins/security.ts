import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyUnderPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.ts'
import { HttpProblem } from './errors.ts'
import { apiSecurityHeaders, computeSecurityHeaders, helmetOptions, isDataPath } from './security-headers.ts'

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * The HTTP defences every route gets: security headers (strict CSP: the SPA loads nothing from
 * elsewhere), cookies, CSRF tokens on every state-changing request, rate limits keyed by user when
 * signed in (a whole school shares one address), and load shedding under pressure (503).
 */
export const securityPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const { config } = options

    const documentHeaders = computeSecurityHeaders(helmetOptions(config))
    const dataHeaders = apiSecurityHeaders(config)
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(isDataPath(request.url) ? dataHeaders : documentHeaders)
      done()
    })

    await app.register(fastifyCookie)
    await app.register(fastifyCsrf, {
      cookieKey: config.isSecure ? '__Host-preau_csrf' : 'preau_csrf',
      cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: config.isSecure },
    })
    app.addHook('onRequest', (request, reply, done) => {
      if (!UNSAFE_METHODS.has(request.method)) return done()
      // Browsers say where a request comes from; a cross-site write is refused before the token check.
      if (request.headers['sec-fetch-site'] === 'cross-site') {
        return done(new HttpProblem(403, 'csrf', 'Requête refusée : elle provient d’un autre site.'))
      }
      app.csrfProtection(request, reply, done)
    })

    await app.register(fastifyRateLimit, {
      global: true,
      hook: 'preHandler',
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => (request.actor ? `user:${request.actor.userId}` : `ip:${request.ip}`),
      // Only a refused request says when to come back: the counters need not travel with every answer.
      addHeadersOnExceeding: {
        'x-ratelimit-limit': false,
        'x-ratelimit-remaining': false,
        'x-ratelimit-reset': false,
      },
      addHeaders: {
        'x-ratelimit-limit': false,
        'x-ratelimit-remaining': false,
        'x-ratelimit-reset': false,
        'retry-after': true,
      },
    })

    await app.register(fastifyUnderPressure, {
      maxEventLoopDelay: 2_000,
      retryAfter: 10,
      pressureHandler: () => {
        throw new HttpProblem(503, 'unavailable', 'Le service est momentanément surchargé, réessayez.')
      },
    })
  },
  { name: 'security' },
)
