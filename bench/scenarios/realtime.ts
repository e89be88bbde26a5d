import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { WebSocket } from 'ws'
import { findRunningEmbeddedPostgres } from '../../src/server/db/embedded/index.ts'
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo.ts'
import { findFeedPage } from '../../src/server/modules/feed/queries.ts'
import { signIn } from '../lib/api.ts'
import { captureQuery, explainQuery } from '../lib/explain.ts'
import { measureLoad } from '../lib/load.ts'
import { createTempDataDir, preauEnv, ROOT, spawnPreau, stopPreau } from '../lib/preau.ts'
import { type Child, findFreePort, memoryOf, spawnNode, stopChild, waitForHttp } from '../lib/processes.ts'
import { summariseProfileDir } from '../lib/profile.ts'
import type { ScenarioResult } from '../lib/results.ts'
import { percentile, ratio, round } from '../lib/stats.ts'
import type { Table } from '../lib/table.ts'

/**
 * Real-time delivery and the feed at scale (ADR 0010), on the demo deployment:
 * 1. `items` feed items (each delivered to three people, one in twenty to the measured parent) written
 *    by set-based INSERT … SELECT from generate_series (the server writes the rows itself, as COPY would,
 *    without the round trips); then `GET /api/feed` (first page) at `connections` concurrent requests,
 *    its p99, and its requests per second as a ratio to bare Fastify measured in the same run;
 * 2. `sockets` idle WebSockets opened to Préau, then to a bare `ws` server: the RSS each process gained;
 * 3. a NOTIFY sent by another connection (another instance, as far as Préau knows) until it reaches an
 *    open socket: p99 over `notices` round trips.
 */
export type RealtimeOptions = {
  items: number
  sockets: number
  notices: number
  duration: number
  connections: number
  /** Also a separate run of Préau under `--cpu-prof` with the feed's load: where a page's CPU goes. */
  profile?: boolean
  resultsDir?: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** One WebSocket, once it said its first message; a 503 (load shedding on a busy machine) is retried. */
async function openSocket(url: string, headers: Record<string, string>, attempt = 0): Promise<WebSocket> {
  try {
    return await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(url, { headers, perMessageDeflate: false })
      socket.once('message', () => resolve(socket))
      socket.once('error', reject)
    })
  } catch (error) {
    if (attempt >= 20 || !String(error).includes('503')) throw error
    await sleep(1000)
    return openSocket(url, headers, attempt + 1)
  }
}

/** Opens `count` WebSockets to `url`, 50 at a time. */
async function openSockets(
  url: string,
  count: number,
  headers: Record<string, string>,
): Promise<WebSocket[]> {
  const sockets: WebSocket[] = []
  const batch = 50
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start)
    sockets.push(...(await Promise.all(Array.from({ length: size }, () => openSocket(url, headers)))))
  }
  return sockets
}

async function closeSockets(sockets: WebSocket[]) {
  for (const socket of sockets) socket.terminate()
  await sleep(500)
}

/** RSS of `pid` once it settled (the median of five readings a second apart). */
async function settledRss(pid: number): Promise<number> {
  const readings: number[] = []
  for (let i = 0; i < 5; i++) {
    await sleep(1000)
    readings.push(memoryOf(pid).node.rssMb)
  }
  return percentile(readings, 50)
}

export async function runRealtime(
  options: RealtimeOptions,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const loadBefore = os.loadavg()
  const dataDir = await createTempDataDir('realtime')
  let preau: Child | null = null
  let reference: Child | null = null
  let pool: pg.Pool | null = null
  try {
    const port = await findFreePort()
    const url = `http://127.0.0.1:${port}`
    preau = spawnPreau(['serve'], preauEnv(dataDir.dir, { PORT: String(port), PREAU_DEMO: 'always' }))
    await waitForHttp(`${url}/ready`, preau, { timeoutMs: 180_000 })
    const pid = preau.process.pid ?? 0
    pool = new pg.Pool({ connectionString: (await findRunningEmbeddedPostgres(dataDir.dir)) ?? '', max: 2 })

    // The measured person: a parent of the demo (no second factor), and the school of their feed.
    const { rows: people } = await pool.query<{ id: string; login: string; school_id: string }>(
      `select u.id, u.login, m.school_id from users u join memberships m on m.user_id = u.id
       where m.profile = 'parent' and u.activated_at is not null order by u.login limit 1`,
    )
    const person = people[0]
    if (!person) throw new Error('aucun parent dans la démonstration')

    log(`Écriture de ${options.items.toLocaleString('fr-FR')} éléments du fil…`)
    const started = performance.now()
    await pool.query(`set maintenance_work_mem = '256MB'`)
    await pool.query(
      `insert into feed_items (school_id, id, app, kind, actor_id, title, summary, link, created_at)
       select $1, gen_uuid_v7(), (array['messaging','notebook','homework','calendar','news'])[1 + n % 5],
              'bench.item', null, 'Élément ' || n, 'Un résumé de quelques mots pour l’élément ' || n, '/quoi-de-neuf', now()
       from generate_series(1, $2) n`,
      [person.school_id, options.items],
    )
    await pool.query(
      `with users as (select array_agg(id) as ids, count(*)::int as n from users),
            items as (select id, row_number() over () as k from feed_items where kind = 'bench.item')
       insert into feed_deliveries (recipient_id, item_id, school_id, app, read_at)
       select distinct on (r.recipient_id, i.id) r.recipient_id, i.id, $1, 'notebook',
              case when i.k % 3 = 0 then now() end
       from items i, users u,
            lateral (select u.ids[1 + ((i.k * 7919 + s * 104729) % u.n)::int] as recipient_id
                     from generate_series(0, 2) s
                     union all select $2::uuid where i.k % 20 = 0) r
       on conflict do nothing`,
      [person.school_id, person.id],
    )
    await pool.query('analyze feed_items; analyze feed_deliveries')
    const { rows: sizes } = await pool.query<{ items: string; deliveries: string; mine: string }>(
      `select (select count(*) from feed_items) as items, (select count(*) from feed_deliveries) as deliveries,
              (select count(*) from feed_deliveries where recipient_id = $1) as mine`,
      [person.id],
    )
    const size = sizes[0]!
    const writeSeconds = round((performance.now() - started) / 1000)
    log(
      `${size.items} éléments, ${size.deliveries} livraisons (${size.mine} pour ${person.login}) en ${writeSeconds} s`,
    )

    const cookie = await signIn(url, person.login, DEMO_PASSWORD, '/api/feed')
    const feedLoad = {
      url: `${url}/api/feed`,
      headers: { cookie },
      seconds: options.duration,
      connections: options.connections,
    }
    await measureLoad(pid, { ...feedLoad, seconds: 3 })
    const feed = await measureLoad(pid, feedLoad)
    // The second page is never cached: the whole path of a page read from PostgreSQL.
    const firstPage = (await (await fetch(feedLoad.url, { headers: { cookie } })).json()) as { next: string }
    const secondLoad = { ...feedLoad, url: `${feedLoad.url}?before=${firstPage.next}` }
    await measureLoad(pid, { ...secondLoad, seconds: 3 })
    const second = await measureLoad(pid, secondLoad)
    const statement = await explainQuery(
      pool,
      await captureQuery(pool, (db) => findFeedPage(db, person.id, { limit: 20 })),
    )
    log(`Plan de la première page :\n${statement.plan}`)

    const refPort = await findFreePort()
    reference = spawnNode(
      [path.join(ROOT, 'bench/reference/bare-fastify.ts')],
      { ...process.env, PORT: String(refPort) },
      ROOT,
    )
    await waitForHttp(`http://127.0.0.1:${refPort}/`, reference)
    const bareLoad = {
      url: `http://127.0.0.1:${refPort}/`,
      seconds: options.duration,
      connections: options.connections,
    }
    await measureLoad(reference.process.pid ?? 0, { ...bareLoad, seconds: 3 })
    const bare = await measureLoad(reference.process.pid ?? 0, bareLoad)
    await stopChild(reference)
    reference = null

    log(`${options.sockets} WebSockets vers Préau…`)
    const wsUrl = `ws://127.0.0.1:${port}/api/realtime`
    const preauBefore = await settledRss(pid)
    const sockets = await openSockets(wsUrl, options.sockets, { cookie })
    const preauAfter = await settledRss(pid)

    // A notice sent by another connection, until it reaches the first socket.
    const notices: number[] = []
    const [listener] = sockets
    for (let i = 0; i < options.notices && listener; i++) {
      const since = performance.now()
      const arrived = new Promise<void>((resolve) => listener.once('message', () => resolve()))
      await pool.query(`select pg_notify('preau_realtime', $1)`, [
        JSON.stringify({ u: [person.id], e: { type: 'bench.ping', id: String(i) } }),
      ])
      await arrived
      notices.push(performance.now() - since)
    }
    await closeSockets(sockets)

    log(`${options.sockets} WebSockets vers un serveur ws nu…`)
    const wsPort = await findFreePort()
    reference = spawnNode(
      [path.join(ROOT, 'bench/reference/bare-ws.ts')],
      { ...process.env, PORT: String(wsPort) },
      ROOT,
    )
    await waitForHttp(`http://127.0.0.1:${wsPort}/`, reference)
    const bareWsPid = reference.process.pid ?? 0
    const bareBefore = await settledRss(bareWsPid)
    const bareSockets = await openSockets(`ws://127.0.0.1:${wsPort}/`, options.sockets, {})
    const bareAfter = await settledRss(bareWsPid)
    await closeSockets(bareSockets)

    let profileTables: Table[] = []
    if (options.profile) {
      // A separate run under the profiler, on the same data: the figures above stay free of its
      // overhead, and the profile holds the feed's load alone (V8 writes it when the process exits).
      const profileDir = path.join(options.resultsDir ?? os.tmpdir(), `profile-feed-${Date.now()}`)
      log(`Profil CPU de Préau sous la charge du fil (${options.duration} s) → ${profileDir}`)
      await fs.mkdir(profileDir, { recursive: true })
      await stopPreau(preau, dataDir.dir)
      const spawnedAt = performance.now()
      preau = spawnPreau(['serve'], preauEnv(dataDir.dir, { PORT: String(port), PREAU_DEMO: 'always' }), [
        '--cpu-prof',
        `--cpu-prof-dir=${profileDir}`,
      ])
      await waitForHttp(`${url}/ready`, preau, { timeoutMs: 180_000 })
      const profiledCookie = await signIn(url, person.login, DEMO_PASSWORD, '/api/feed')
      const profiledPid = preau.process.pid ?? 0
      await measureLoad(profiledPid, { ...feedLoad, headers: { cookie: profiledCookie }, seconds: 3 })
      const fromMs = performance.now() - spawnedAt
      const profiled = await measureLoad(profiledPid, { ...feedLoad, headers: { cookie: profiledCookie } })
      const toMs = performance.now() - spawnedAt
      await stopPreau(preau, dataDir.dir)
      preau = null
      profileTables = summariseProfileDir(profileDir, {
        requests: profiled.requests,
        window: { fromMs, toMs },
      })
    }

    const preauGrowth = round(preauAfter - preauBefore)
    const bareGrowth = round(bareAfter - bareBefore)
    const noticeP99 = round(percentile(notices, 99))
    const feedP99 = feed.latency.p99Ms
    const rpsRatio = ratio(feed.requestsPerSecond, bare.requestsPerSecond)
    return {
      tables: [
        {
          title: `Fil : GET /api/feed (première page), ${options.connections} requêtes simultanées, ${options.duration} s`,
          columns: ['', 'req/s', 'p50 (ms)', 'p99 (ms)', 'ratio req/s', 'µs CPU Node', 'µs CPU PG'],
          rows: [
            [
              'Fastify nu (référence)',
              bare.requestsPerSecond,
              bare.latency.p50Ms,
              bare.latency.p99Ms,
              '1',
              bare.cpuUs.node,
              '',
            ],
            [
              'Préau GET /api/feed',
              feed.requestsPerSecond,
              feed.latency.p50Ms,
              feedP99,
              `${rpsRatio}`,
              feed.cpuUs.node,
              feed.cpuUs.postgres,
            ],
            [
              'Préau 2e page (jamais en cache)',
              second.requestsPerSecond,
              second.latency.p50Ms,
              second.latency.p99Ms,
              `${ratio(second.requestsPerSecond, bare.requestsPerSecond)}`,
              second.cpuUs.node,
              second.cpuUs.postgres,
            ],
          ],
          notes: [
            `${size.items} éléments, ${size.deliveries} livraisons, ${size.mine} pour la personne mesurée ; écrits en ${writeSeconds} s`,
            `requête de la première page (EXPLAIN ANALYZE, médiane de 5) : exécution ${statement.executionMs} ms, planification ${statement.planningMs} ms`,
            `charge de la machine avant : ${loadBefore.map((l) => round(l, 2)).join(' ')}`,
          ],
        },
        {
          title: `${options.sockets} WebSockets inactives : RSS gagnée`,
          columns: ['', 'avant (Mo)', 'après (Mo)', 'gagné (Mo)', 'ratio'],
          rows: [
            ['serveur ws nu (référence)', bareBefore, bareAfter, bareGrowth, '1'],
            ['Préau', preauBefore, preauAfter, preauGrowth, `${ratio(preauGrowth, bareGrowth)}`],
          ],
          notes: [
            `NOTIFY d’une autre connexion → socket : p50 ${round(percentile(notices, 50))} ms, p99 ${noticeP99} ms (${notices.length} envois)`,
          ],
        },
        ...profileTables,
      ],
      figures: {
        size,
        writeSeconds,
        feed,
        second,
        statement,
        bare,
        preauBefore,
        preauAfter,
        bareBefore,
        bareAfter,
        notices: { p50: percentile(notices, 50), p99: noticeP99 },
      },
      targets: [
        { label: 'fil : p99 < 25 ms', met: feedP99 < 25, detail: `${feedP99} ms` },
        { label: 'fil : ≥ 35 % des req/s de Fastify nu', met: rpsRatio >= 0.35, detail: `${rpsRatio}` },
        {
          label: `${options.sockets} WebSockets : < 100 Mo de RSS`,
          met: preauGrowth < 100,
          detail: `${preauGrowth} Mo (ws nu : ${bareGrowth} Mo)`,
        },
        { label: 'notification → socket : p99 < 200 ms', met: noticeP99 < 200, detail: `${noticeP99} ms` },
      ],
    }
  } finally {
    if (reference) await stopChild(reference)
    await pool?.end()
    if (preau) await stopPreau(preau, dataDir.dir)
    await dataDir.remove()
  }
}
