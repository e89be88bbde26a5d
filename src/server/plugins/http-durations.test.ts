import { Histogram, Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { HTTP_DURATION_BUCKETS, HttpDurations } from './http-durations.ts'

describe('the HTTP duration histogram', () => {
  it('writes what prom-client’s own histogram writes for the same requests', async () => {
    const ours = new HttpDurations()
    const oursRegistry = new Registry()
    oursRegistry.registerMetric(ours as never)
    const reference = new Registry()
    const histogram = new Histogram({
      name: ours.name,
      help: ours.help,
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [...HTTP_DURATION_BUCKETS],
      registers: [reference],
    })
    const requests: [string, string, number, number][] = [
      ['GET', '/api/feed', 200, 0.0004],
      ['GET', '/api/feed', 200, 0.005],
      ['GET', '/api/feed', 200, 0.0051],
      ['GET', '/api/feed', 304, 0.2],
      ['POST', '/api/schools/:schoolId/messaging/drafts/:messageId/send', 201, 0.09],
      ['GET', 'not-found', 404, 7.5],
      ['GET', '/api/feed', 200, 5],
    ]
    for (const [method, route, status, seconds] of requests) {
      ours.observe(method, route, status, seconds)
      histogram.observe({ method, route, status }, seconds)
    }
    const text = await oursRegistry.metrics()
    expect(text).toBe(await reference.metrics())
    expect(text).toContain(
      'preau_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/feed",status="200"} 2',
    )
    expect(text).toContain(
      'preau_http_request_duration_seconds_count{method="GET",route="not-found",status="404"} 1',
    )
  })
})
