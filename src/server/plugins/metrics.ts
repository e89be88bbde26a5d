import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client'
import type { Config } from '../config.ts'
import { HttpProblem } from './errors.ts'

/**
 * Prometheus metrics at `/metrics`: the process's defaults and an HTTP duration histogram labelled by
 * route pattern (never by raw URL: ids would explode the series). Set METRICS_TOKEN to require a bearer.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const registry = new Registry()
    collectDefaultMetrics({ register: registry, prefix: 'preau_' })
    const httpDuration = new Histogram({
      name: 'preau_http_request_duration_seconds',
      help: 'Duration of HTTP requests by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    })

    app.addHook('onResponse', (request, reply, done) => {
      httpDuration.observe(
        { method: request.method, route: request.routeOptions.url ?? 'not-found', status: reply.statusCode },
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
