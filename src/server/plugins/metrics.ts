import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { collectDefaultMetrics, Registry } from 'prom-client'
import type { Config } from '../config.ts'
import { HttpProblem } from './errors.ts'
import { HttpDurations } from './http-durations.ts'

/**
 * Prometheus metrics at `/metrics`: the process's defaults and an HTTP duration histogram labelled by
 * route pattern (never by raw URL: ids would explode the series). Set METRICS_TOKEN to require a bearer.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const registry = new Registry()
    collectDefaultMetrics({ register: registry, prefix: 'preau_' })
    const httpDurations = new HttpDurations()
    registry.registerMetric(httpDurations as unknown as Parameters<Registry['registerMetric']>[0])

    app.addHook('onResponse', (request, reply, done) => {
      httpDurations.observe(
        request.method,
        request.routeOptions.url ?? 'not-found',
        reply.statusCode,
        reply.elapsedTime / 1000,
      )
      done()
    })

    app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const token = options.config.metricsToken
      if (token && request.headers.authorization !== `Bearer ${token}`) {
        throw new HttpProblem(401, 'unauthenticated', 'Jeton de métriques requis.')
      }
      return reply.type(registry.contentType).send(await registry.metrics())
    })
  },
  { name: 'metrics' },
)
