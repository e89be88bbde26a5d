import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { WebSocket } from 'ws'
import { findRunningEmbeddedPostgres } from '../../src/server/db/embedded/index.ts'
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo.ts'
import { findFeedPage } from '../../src/server/modules/feed/queries.ts'
import { signIn, signInForWriting } from '../lib/api.ts'
import { captureQuery, explainQuery } from '../lib/explain.ts'
import { startCrowd, stopCrowd } from '../lib/idle-crowd.ts'
import { BROWSER_HEADERS, measureLoad } from '../lib/load.ts'
import { createTempDataDir, preauEnv, ROOT, spawnPreau, startBareFastify, stopPreau } from '../lib/preau.ts'
import { type Child, findFreePort, memoryOf, spawnNode, stopChild, waitForHttp } from '../lib/processes.ts'
import { summariseProfileDir } from '../lib/profile.ts'
import { measureNotices, measureSends, openProbe, type Timings } from '../lib/realtime-probe.ts'
import type { ScenarioResult } from '../lib/results.ts'
import { percentile, ratio, round } from '../lib/stats.ts'
import type { Table } from '../lib/table.ts'

/**
 * Real-time delivery and the feed at scale (ADR 0010), on the demo deployment:
 * 1. `items` feed items (each delivered to three people, one in twenty to the measured parent) written
 *    by set-based INSERT … SELECT from generate_series (the server writes the rows itself, as COPY would,
 *    without the round trips); then `GET /api/feed` (first page) at `connections` concurrent requests,
 *    its p99, and its requests per second as a ratio to bare Fastify measured in the same run;
 * 2. a second instance, B, started on the same database: `sends` messages written by a teacher through
 *    instance A's API to a parent whose sockets are open on A and on B, each timed from the start of
 *    `POST …/send` until each socket received its notice (A's is the same-instance reference), and
 *    `notices` NOTIFYs sent by the harness's own connection until they reach the parent's socket on B;
 * 3. `sockets` idle WebSockets opened to B (another person's) by a process of their own, then to a bare
 *    `ws` server: the RSS each process gained; with them open, the measures of 2 again, and NOTIFYs to the person who holds them.
 */
export type RealtimeOptions = {
  items: number
  sockets: number
  notices: number
  /** Messages sent through the API of instance A in each of the two measures of delivery. */
  sends: number
  /** Milliseconds between two sends, or two NOTIFYs: a steady trickle, not a flood. */
  spacingMs: number
  duration: number
  connections: number
  /** Also a separate run of Préau under `--cpu-prof` with the feed's load: where a page's CPU goes. */
  profile?: boolean
  resultsDir?: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The sender writes `2 × sends` messages in a run, more than a teacher's daily limit (300 by default):
 * the bench raises it through its configuration, for its own instances only.
 */
const BENCH_SENDING_LIMITS = { MESSAGING_DAILY_LIMIT_STAFF: '1000000' }

/** The demo people of the delivery measures: a teacher (no second factor) and a parent of their class. */
async function findSenderAndRecipient(pool: pg.Pool, avoid: string) {
  const { rows } = await pool.query<{
    teacher_login: string
    school_id: string
    parent_id: string
    parent_login: string
  }>(
    `select t.login as teacher_login, tc.school_id, p.id as parent_id, p.login as parent_login
     from class_members tc
     join memberships tm on tm.school_id = tc.school_id and tm.user_id = tc.user_id and tm.profile = 'teacher'
       and tm.left_at is null and array_position(tm.functions::text[], 'director') is null
     join users t on t.id = tc.user_id and t.activated_at is not null
     join class_members pc on pc.school_id = tc.school_id and pc.class_id = tc.class_id and pc.role = 'pupil'
     join family_links f on f.school_id = tc.school_id and f.pupil_id = pc.user_id
     join users p on p.id = f.parent_id and p.activated_at is not null
     where tc.role = 'teacher' and p.id <> $1
     order by t.login, p.login limit 1`,
    [avoid],
  )
  const found = rows[0]
  if (!found) throw new Error('aucun couple enseignant / parent dans la démonstration')
  return found
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
  let instanceB: Child | null = null
  let crowd: Child | null = null
  let reference: Child | null = null
  let pool: pg.Pool | null = null
  try {
    const port = await findFreePort()
    const url = `http://127.0.0.1:${port}`
    preau = spawnPreau(
      ['serve'],
      preauEnv(dataDir.dir, { PORT: String(port), PREAU_DEMO: 'always', ...BENCH_SENDING_LIMITS }),
    )
    await waitForHttp(`${url}/ready`, preau, { timeoutMs: 180_000 })
    const pid = preau.process.pid ?? 0
    const databaseUrl = (await findRunningEmbeddedPostgres(dataDir.dir)) ?? ''
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 })

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
      headers: { ...BROWSER_HEADERS, cookie },
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

    const bareFastify = await startBareFastify()
    reference = bareFastify.child
    const bareLoad = {
      url: bareFastify.url,
      headers: BROWSER_HEADERS,
      seconds: options.duration,
      connections: options.connections,
    }
    await measureLoad(reference.process.pid ?? 0, { ...bareLoad, seconds: 3 })
    const bare = await measureLoad(reference.process.pid ?? 0, bareLoad)
    await stopChild(reference)
    reference = null

    // Instance B: a second `preau serve` on the same database and data directory (the secret key, the
    // blobs), as behind a load balancer; it hears what A publishes only through PostgreSQL.
    log('Instance B sur la même base…')
    const portB = await findFreePort()
    const urlB = `http://127.0.0.1:${portB}`
    const envB = preauEnv(dataDir.dir, { PORT: String(portB), PREAU_DEMO: 'never', ...BENCH_SENDING_LIMITS })
    envB.DATABASE_URL = databaseUrl
    instanceB = spawnPreau(['serve'], envB)
    await waitForHttp(`${urlB}/ready`, instanceB, { timeoutMs: 180_000 })
    const pidB = instanceB.process.pid ?? 0
    const wsA = `ws://127.0.0.1:${port}/api/realtime`
    const wsB = `ws://127.0.0.1:${portB}/api/realtime`

    const pair = await findSenderAndRecipient(pool, person.id)
    const sender = await signInForWriting(url, pair.teacher_login, DEMO_PASSWORD)
    const recipientCookie = await signIn(urlB, pair.parent_login, DEMO_PASSWORD)
    const probes = { A: await openProbe(wsA, recipientCookie), B: await openProbe(wsB, recipientCookie) }
    log(
      `${pair.teacher_login} écrit à ${pair.parent_login} par l’API de A ; ses sockets : une sur A, une sur B`,
    )
    const deliveries = async (label: string) => {
      const loadAtStart = os.loadavg()[0] ?? 0
      log(`${label} : ${options.sends} messages par l’API de A, puis ${options.notices} NOTIFY…`)
      const sends = await measureSends({
        baseUrl: url,
        schoolId: pair.school_id,
        sender,
        recipientId: pair.parent_id,
        probes,
        count: options.sends,
        spacingMs: options.spacingMs,
        pool: pool!,
        label,
      })
      const notices = await measureNotices(
        pool!,
        pair.parent_id,
        probes.B,
        options.notices,
        options.spacingMs,
      )
      return { ...sends, notices, load: [round(loadAtStart, 2), round(os.loadavg()[0] ?? 0, 2)] }
    }
    const quiet = await deliveries('Sans sockets inactives')

    log(`${options.sockets} WebSockets inactives vers l’instance B…`)
    // The idle sockets are the feed's person's, never the recipient's: a notice to the recipient must
    // not depend on them. The first of them notes the NOTIFYs sent to their holder.
    const holder = await openProbe(wsB, cookie)
    const preauBefore = await settledRss(pidB)
    crowd = await startCrowd(wsB, options.sockets, cookie)
    const preauAfter = await settledRss(pidB)
    const loaded = await deliveries(`Avec ${options.sockets} sockets inactives sur B`)
    // The pattern of the earlier runs: every idle socket is the measured person's, so one notice to
    // them is `sockets` frames written by B and read by the harness.
    const holderNotices = Math.max(1, Math.round(options.notices / 10))
    log(`${holderNotices} NOTIFY à la personne qui tient les ${options.sockets} sockets…`)
    const toHolder = await measureNotices(pool, person.id, holder, holderNotices, options.spacingMs)
    await stopCrowd(crowd)
    crowd = null
    await closeSockets([holder.socket, probes.A.socket, probes.B.socket])
    await stopChild(instanceB)
    instanceB = null

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
    crowd = await startCrowd(`ws://127.0.0.1:${wsPort}/`, options.sockets)
    const bareAfter = await settledRss(bareWsPid)
    await stopCrowd(crowd)
    crowd = null

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
      await measureLoad(profiledPid, {
        ...feedLoad,
        headers: { ...BROWSER_HEADERS, cookie: profiledCookie },
        seconds: 3,
      })
      const fromMs = performance.now() - spawnedAt
      const profiled = await measureLoad(profiledPid, {
        ...feedLoad,
        headers: { ...BROWSER_HEADERS, cookie: profiledCookie },
      })
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
    const crossP99 = loaded.byProbe.B!.p99
    const noticeP99 = loaded.notices.p99
    const deliveryRows = (phase: typeof quiet, idle: number) => {
      const reference = phase.byProbe.A!
      // Messages are compared with the same instance in the same phase, NOTIFYs with a NOTIFY to one
      // socket without idle sockets; the parts of the path (the send's answer, then the notice) with nothing.
      const row = (label: string, t: Timings, against: number | null) => [
        label,
        idle,
        t.p50,
        t.p99,
        against === null ? '' : `${ratio(t.p99, against)}`,
        `${t.count}/${t.count + t.lost}`,
      ]
      return [
        row('même instance : API de A → socket sur A (référence)', reference, reference.p99),
        row('autre instance : API de A → socket sur B', phase.byProbe.B!, reference.p99),
        row('  dont la réponse de POST …/send', phase.send, null),
        row('  de cette réponse à la socket sur A', phase.afterAnswer.A!, null),
        row('  de cette réponse à la socket sur B', phase.afterAnswer.B!, null),
        row('NOTIFY du banc → socket sur B', phase.notices, quiet.notices.p99),
      ]
    }
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
          notes: [`mesurée sur l’instance B (sockets d’une même personne, ouvertes avec son cookie)`],
        },
        {
          title: `Un message de l’API de l’instance A jusqu’à la socket de son destinataire (${options.sends} envois et ${options.notices} NOTIFY, ${options.spacingMs} ms d’écart)`,
          columns: ['', 'sockets inactives sur B', 'p50 (ms)', 'p99 (ms)', 'ratio p99', 'reçus'],
          rows: [
            ...deliveryRows(quiet, 0),
            ...deliveryRows(loaded, options.sockets),
            [
              `NOTIFY → la personne qui tient les ${options.sockets} sockets (une notice = ${options.sockets} trames)`,
              options.sockets,
              toHolder.p50,
              toHolder.p99,
              `${ratio(toHolder.p99, quiet.notices.p99)}`,
              `${toHolder.count}/${toHolder.count + toHolder.lost}`,
            ],
          ],
          notes: [
            `chronométré du début de POST …/send (brouillon déjà enregistré) à la réception de la notice ; ratio des messages : p99 ÷ p99 de la même instance dans la même phase ; des NOTIFY : ÷ p99 du NOTIFY sans sockets inactives`,
            `notices attribuées à un autre message que le leur : ${quiet.mismatched + loaded.mismatched}`,
            `charge de la machine (1 min) au début et à la fin : sans sockets ${quiet.load.join(' → ')}, avec ${loaded.load.join(' → ')}`,
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
        quiet,
        loaded,
        toHolder,
      },
      targets: [
        { label: 'fil : p99 < 25 ms', met: feedP99 < 25, detail: `${feedP99} ms` },
        { label: 'fil : ≥ 35 % des req/s de Fastify nu', met: rpsRatio >= 0.35, detail: `${rpsRatio}` },
        {
          label: `${options.sockets} WebSockets : < 100 Mo de RSS`,
          met: preauGrowth < 100,
          detail: `${preauGrowth} Mo (ws nu : ${bareGrowth} Mo)`,
        },
        {
          label: `message de A → socket sur B, ${options.sockets} sockets inactives sur B : p99 < 200 ms`,
          met: crossP99 < 200,
          detail: `${crossP99} ms (même instance : ${loaded.byProbe.A!.p99} ms ; sans sockets inactives : ${quiet.byProbe.B!.p99} ms)`,
        },
        {
          label: 'NOTIFY → socket sur B : p99 < 200 ms',
          met: noticeP99 < 200,
          detail: `${noticeP99} ms (sans sockets inactives : ${quiet.notices.p99} ms)`,
        },
      ],
    }
  } finally {
    if (crowd) await stopCrowd(crowd)
    if (reference) await stopChild(reference)
    if (instanceB) await stopChild(instanceB)
    await pool?.end()
    if (preau) await stopPreau(preau, dataDir.dir)
    await dataDir.remove()
  }
}
