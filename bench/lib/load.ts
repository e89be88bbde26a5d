import autocannon from 'autocannon'
import { cpuTimes, cpuUsedBetween, processTree } from './processes.ts'
import { percentile, round } from './stats.ts'

/**
 * An HTTP load with autocannon against one server process, with what the scenarios report: the latency
 * of every response (sub-millisecond, p50/p95/p99, also per label of request), req/s, failures, and the
 * CPU time per request of the server's Node process, of its PostgreSQL and of the load generator.
 */
export type LatencySummary = { count: number; p50Ms: number; p95Ms: number; p99Ms: number }

/** One of the requests each connection sends in turn; its `label` groups latencies in `byLabel`. */
export type LabelledRequest = autocannon.Request & { label?: string }

/**
 * What every browser adds to its requests (Chromium's value): a server may answer compressed. The
 * scenarios that measure pages a browser asks send it, to the reference too.
 */
export const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br, zstd' } as const

export type Load = {
  url: string
  connections: number
  seconds: number
  headers?: Record<string, string>
  /** Sent in a loop by every connection; without them, `GET url`. */
  requests?: LabelledRequest[]
  /** Each connection starts its loop at a different request (not all on the same account at once). */
  staggered?: boolean
  /**
   * One loop of requests per connection (connection i sends `perConnection[i % n]`): a person per
   * connection, each with their own session cookie, as 32 browsers would.
   */
  perConnection?: LabelledRequest[][]
}

export type LoadRound = {
  requests: number
  requestsPerSecond: number
  latency: LatencySummary
  byLabel: Record<string, LatencySummary>
  non2xx: number
  errors: number
  /** CPU microseconds per request: the server's Node process, its PostgreSQL, and autocannon. */
  cpuUs: { node: number; postgres: number; autocannon: number }
}

/** p50/p95/p99 of latencies in milliseconds (rounded to 0.01 ms). */
export function summariseLatencies(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b)
  const at = (p: number) => round(percentile(sorted, p), 2)
  return { count: sorted.length, p50Ms: at(50), p95Ms: at(95), p99Ms: at(99) }
}

/** `items` starting at `offset` (wrapping): where connection `offset` starts its loop. */
export function rotate<T>(items: readonly T[], offset: number): T[] {
  if (items.length === 0) return []
  const start = ((offset % items.length) + items.length) % items.length
  return [...items.slice(start), ...items.slice(0, start)]
}

/** Groups latencies by label: `samples` are [label, ms] pairs in the order they came. */
export function latenciesByLabel(samples: readonly [string, number][]): Record<string, LatencySummary> {
  const groups = new Map<string, number[]>()
  for (const [label, ms] of samples) {
    const group = groups.get(label)
    if (group) group.push(ms)
    else groups.set(label, [ms])
  }
  return Object.fromEntries([...groups].map(([label, values]) => [label, summariseLatencies(values)]))
}

/**
 * The label of the request a client just got the answer to. autocannon (9.x) does not pass it to the
 * 'response' event; with one request in flight per connection (no pipelining), its iterator still points
 * at that request, whose options (label included) it cloned.
 */
function answeredLabel(client: autocannon.Client): string {
  const iterator = (client as unknown as { requestIterator?: { currentRequest?: LabelledRequest } })
    .requestIterator
  return iterator?.currentRequest?.label ?? 'all'
}

/** Runs the load against `serverPid` (a Préau `serve` or a reference) and measures it. */
export async function measureLoad(serverPid: number, load: Load): Promise<LoadRound> {
  const tree = processTree(serverPid)
  const nodeBefore = cpuTimes([tree.node])
  const postgresBefore = cpuTimes(tree.postgres)
  const harnessBefore = process.cpuUsage()
  const samples: [string, number][] = []
  let connection = 0
  const { staggered, perConnection } = load
  const requests = perConnection?.[0] ?? load.requests
  const options: autocannon.Options = {
    url: load.url,
    headers: load.headers,
    duration: load.seconds,
    connections: load.connections,
    ...(requests ? { requests } : {}),
    ...(perConnection && perConnection.length > 0
      ? {
          setupClient: (client: autocannon.Client) =>
            client.setRequests(perConnection[connection++ % perConnection.length] ?? []),
        }
      : requests && staggered
        ? { setupClient: (client: autocannon.Client) => client.setRequests(rotate(requests, connection++)) }
        : {}),
  }
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)))
    instance.on('response', (client, _status, _bytes, ms) => {
      samples.push([answeredLabel(client), ms])
    })
  })
  const harness = process.cpuUsage(harnessBefore)
  // Backends opened during the measurement count from zero: read the tree again afterwards.
  const after = processTree(serverPid)
  const total = samples.length
  const perRequest = (ms: number) => round((ms * 1000) / Math.max(total, 1), 0)
  return {
    requests: total,
    requestsPerSecond: round(total / result.duration, 1),
    latency: summariseLatencies(samples.map(([, ms]) => ms)),
    byLabel: (perConnection?.flat() ?? requests)?.some((r) => r.label) ? latenciesByLabel(samples) : {},
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuUs: {
      node: perRequest(cpuUsedBetween(nodeBefore, cpuTimes([after.node]))),
      postgres: perRequest(cpuUsedBetween(postgresBefore, cpuTimes(after.postgres))),
      autocannon: perRequest((harness.user + harness.system) / 1000),
    },
  }
}
