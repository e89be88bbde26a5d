import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { WebSocket } from 'ws'
import { percentile, round } from './stats.ts'

/**
 * Probes of real-time delivery as a browser lives it: a recipient's socket that notes when each notice
 * arrived, messages sent through the HTTP API as the web's composer does, and NOTIFYs sent straight to
 * the channel. The realtime scenario uses them (docs/benchmarks.md).
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What a recipient's socket heard: each notice of a message (`feed.item` of Messagerie) and pings. */
export type Probe = {
  socket: WebSocket
  /** Resolves with the notice's feed item id and its arrival time, or null after `timeoutMs`. */
  next: (timeoutMs: number) => Promise<{ itemId: string; at: number } | null>
  /** Resolves with the arrival time of the next `bench.ping` named `id`, or null after `timeoutMs`. */
  ping: (id: string, timeoutMs: number) => Promise<number | null>
}

/** Opens a recipient's socket on `wsUrl` with their session `cookie`, once the server said it is ready. */
export async function openProbe(wsUrl: string, cookie: string): Promise<Probe> {
  const socket = new WebSocket(wsUrl, { headers: { cookie }, perMessageDeflate: false })
  const arrived: { itemId: string; at: number }[] = []
  const pings = new Map<string, number>()
  let wake: (() => void) | null = null
  await new Promise<void>((resolve, reject) => {
    socket.on('message', (data) => {
      const at = performance.now()
      const event = JSON.parse(String(data)) as { type: string; app?: string; id?: string }
      if (event.type === 'realtime.ready') resolve()
      if (event.type === 'feed.item' && event.app === 'messaging' && event.id)
        arrived.push({ itemId: event.id, at })
      if (event.type === 'bench.ping' && event.id) pings.set(event.id, at)
      wake?.()
    })
    socket.once('error', reject)
  })
  const waitFor = async <T>(take: () => T | undefined, timeoutMs: number): Promise<T | null> => {
    const deadline = performance.now() + timeoutMs
    for (;;) {
      const value = take()
      if (value !== undefined) return value
      const left = deadline - performance.now()
      if (left <= 0) return null
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = null
    }
  }
  return {
    socket,
    next: (timeoutMs) => waitFor(() => arrived.shift(), timeoutMs),
    ping: (id, timeoutMs) => waitFor(() => pings.get(id), timeoutMs),
  }
}

/** p50 and p99 of a set of timings (ms), rounded; how many were measured and how many never arrived. */
export type Timings = { p50: number; p99: number; count: number; lost: number }

export function timingsOf(values: number[], lost = 0): Timings {
  return {
    p50: round(percentile(values, 50)),
    p99: round(percentile(values, 99)),
    count: values.length,
    lost,
  }
}

/**
 * `count` messages written by the sender through instance A's API to `recipientId`, one at a time and
 * `spacingMs` apart (the draft saved first, as the composer saves it while one types): each timed from
 * the start of `POST …/send` until every probe received its notice. Each notice names a feed item;
 * once all are sent, one query checks that each item is the message of its send (`feed_items.source_id`),
 * so a notice is never counted for another message.
 */
export async function measureSends(options: {
  baseUrl: string
  schoolId: string
  sender: { headers: Record<string, string> }
  recipientId: string
  probes: Record<string, Probe>
  count: number
  spacingMs: number
  pool: pg.Pool
  label: string
}): Promise<{
  send: Timings
  byProbe: Record<string, Timings>
  /** From the answer of `POST …/send` to the notice (negative when the notice came first). */
  afterAnswer: Record<string, Timings>
  mismatched: number
}> {
  const { baseUrl, schoolId, sender, probes } = options
  const sendMs: number[] = []
  const byProbe: Record<string, { ms: number[]; lost: number }> = {}
  const afterAnswer: Record<string, { ms: number[]; lost: number }> = {}
  for (const name of Object.keys(probes)) {
    byProbe[name] = { ms: [], lost: 0 }
    afterAnswer[name] = { ms: [], lost: 0 }
  }
  const expected: { messageId: string; itemId: string }[] = []
  const headers = { ...sender.headers, 'content-type': 'application/json' }
  for (let i = 0; i < options.count; i++) {
    const messageId = randomUUID()
    const draftUrl = `${baseUrl}/api/schools/${schoolId}/messaging/drafts/${messageId}`
    const saved = await fetch(draftUrl, {
      method: 'PUT',
      headers,
      body: JSON.stringify({
        subject: `${options.label} ${i + 1}`,
        bodyHtml: '<p>Bonjour, un message de mesure.</p>',
        to: [{ type: 'person', id: options.recipientId }],
      }),
    })
    if (saved.status !== 200) throw new Error(`brouillon refusé (${saved.status}) : ${await saved.text()}`)
    const since = performance.now()
    const sent = await fetch(`${draftUrl}/send`, { method: 'POST', headers, body: '{}' })
    const answered = performance.now()
    if (sent.status !== 200) throw new Error(`envoi refusé (${sent.status}) : ${await sent.text()}`)
    await sent.arrayBuffer()
    sendMs.push(answered - since)
    await Promise.all(
      Object.entries(probes).map(async ([name, probe]) => {
        const notice = await probe.next(10_000)
        const figures = byProbe[name]!
        if (notice) {
          figures.ms.push(notice.at - since)
          afterAnswer[name]!.ms.push(notice.at - answered)
          expected.push({ messageId, itemId: notice.itemId })
        } else figures.lost += 1
      }),
    )
    await sleep(options.spacingMs)
  }
  const { rows } = await options.pool.query<{ id: string; source_id: string }>(
    'select id, source_id from feed_items where id = any($1::uuid[])',
    [expected.map((e) => e.itemId)],
  )
  const sourceOf = new Map(rows.map((r) => [r.id, r.source_id]))
  const mismatched = expected.filter((e) => sourceOf.get(e.itemId) !== e.messageId).length
  return {
    send: timingsOf(sendMs),
    byProbe: Object.fromEntries(Object.entries(byProbe).map(([name, f]) => [name, timingsOf(f.ms, f.lost)])),
    afterAnswer: Object.fromEntries(
      Object.entries(afterAnswer).map(([name, f]) => [name, timingsOf(f.ms, byProbe[name]!.lost)]),
    ),
    mismatched,
  }
}

/**
 * `count` NOTIFYs on the real-time channel for `userId`, sent by the harness's own connection (another
 * instance, as far as Préau knows), each timed until `probe` hears it.
 */
export async function measureNotices(
  pool: pg.Pool,
  userId: string,
  probe: Probe,
  count: number,
  spacingMs: number,
): Promise<Timings> {
  const ms: number[] = []
  let lost = 0
  for (let i = 0; i < count; i++) {
    const id = randomUUID()
    const since = performance.now()
    await pool.query(`select pg_notify('preau_realtime', $1)`, [
      JSON.stringify({ u: [userId], e: { type: 'bench.ping', id } }),
    ])
    const at = await probe.ping(id, 10_000)
    if (at === null) lost += 1
    else ms.push(at - since)
    await sleep(spacingMs)
  }
  return timingsOf(ms, lost)
}
