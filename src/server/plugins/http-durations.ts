/**
 * The HTTP duration histogram (`preau_http_request_duration_seconds`, by method, route pattern and
 * status), counted per request in plain arrays and handed to prom-client's registry only when
 * `/metrics` is read.
 *
 * prom-client's own `Histogram.observe` builds, validates and hashes the label set at every call: on a
 * page served from memory it was ~5 % of the request's CPU (docs/benchmarks.md, « kept answers »). Here a
 * request costs one map lookup by a string key, a bucket search and three additions; the exposition is
 * the one prom-client's histogram writes (tested side by side in `http-durations.test.ts`).
 */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const

type Series = {
  labels: { method: string; route: string; status: number }
  /** Per bucket (not cumulative), the last one past the highest bound (+Inf). */
  counts: number[]
  sum: number
  count: number
}

type Sample = { labels: Record<string, string | number>; value: number; metricName: string }

export class HttpDurations {
  readonly name = 'preau_http_request_duration_seconds'
  readonly help = 'Duration of HTTP requests by method, route pattern and status code'
  readonly type = 'histogram'
  readonly aggregator = 'sum'
  #series = new Map<string, Series>()

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`
    let series = this.#series.get(key)
    if (!series) {
      series = {
        labels: { method, route, status },
        counts: new Array(HTTP_DURATION_BUCKETS.length + 1).fill(0),
        sum: 0,
        count: 0,
      }
      this.#series.set(key, series)
    }
    let bucket = 0
    while (bucket < HTTP_DURATION_BUCKETS.length && seconds > (HTTP_DURATION_BUCKETS[bucket] ?? 0)) bucket++
    series.counts[bucket] = (series.counts[bucket] ?? 0) + 1
    series.sum += seconds
    series.count += 1
  }

  /** The metric as prom-client's registry reads it (`registry.registerMetric`). */
  async get(): Promise<{
    name: string
    help: string
    type: string
    aggregator: string
    values: Sample[]
  }> {
    const values: Sample[] = []
    for (const series of this.#series.values()) {
      let cumulative = 0
      for (const [i, bound] of HTTP_DURATION_BUCKETS.entries()) {
        cumulative += series.counts[i] ?? 0
        values.push({
          labels: { le: bound, ...series.labels },
          value: cumulative,
          metricName: `${this.name}_bucket`,
        })
      }
      values.push(
        { labels: { le: '+Inf', ...series.labels }, value: series.count, metricName: `${this.name}_bucket` },
        { labels: { ...series.labels }, value: series.sum, metricName: `${this.name}_sum` },
        { labels: { ...series.labels }, value: series.count, metricName: `${this.name}_count` },
      )
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values }
  }

  reset(): void {
    this.#series.clear()
  }
}
