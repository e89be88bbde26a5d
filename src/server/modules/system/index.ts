import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { checkReadiness } from './service.ts'

const HealthResponse = z.object({
  status: z.enum(['ok', 'unavailable']),
  /** Set when the process cannot serve: its embedded database is restarting, or could not be. */
  database: z.enum(['recovering', 'down']).optional(),
})
const ReadyResponse = z.object({
  status: z.enum(['ready', 'not-ready']),
  database: z.enum(['ok', 'unreachable']),
  migrations: z.enum(['current', 'pending', 'unknown']),
})

/**
 * Liveness (`/health`: the process can serve — 503 while its embedded database is restarting after a
 * crash, or once that failed) and readiness (`/ready`: database reachable, schema current).
 */
export async function systemModule(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  routes.get(
    '/health',
    {
      config: { public: true, rateLimit: false },
      schema: { tags: ['système'], response: { 200: HealthResponse, 503: HealthResponse } },
    },
    async (_request, reply) => {
      const database = app.databaseStatus()
      if (database === 'up') return { status: 'ok' as const }
      return reply.code(503).header('retry-after', '2').send({ status: 'unavailable', database })
    },
  )
  routes.get(
    '/ready',
    {
      config: { public: true, rateLimit: false },
      schema: { tags: ['système'], response: { 200: ReadyResponse, 503: ReadyResponse } },
    },
    async (_request, reply) => {
      const readiness = await checkReadiness(app.db)
      return reply.code(readiness.status === 'ready' ? 200 : 503).send(readiness)
    },
  )
}
