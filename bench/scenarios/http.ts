import fs from 'node:fs/promises'
import path from 'node:path'
import autocannon from 'autocannon'
import { buildDemoDeployment } from '../../src/server/demo/demo-deployment.ts'
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo.ts'
import { signIn } from '../lib/api.ts'
import { createTempDataDir, preauEnv, ROOT, spawnPreau, stopPreau } from '../lib/preau.ts'
import {
  type Child,
  cpuTimes,
  cpuUsedBetween,
  findFreePort,
  processTree,
  spawnNode,
  stopChild,
  waitForHttp,
} from '../lib/processes.ts'
import { summariseProfileDir } from '../lib/profile.ts'
import type { ScenarioResult } from '../lib/results.ts'
import { median, ratio, round } from '../lib/stats.ts'
import type { Table } from '../lib/table.ts'

/**
 * Requests per second and latency of Préau's `GET /health` and authenticated `GET /api/portal`, against a
 * bare Fastify server measured in the same run. Each round measures the three targets one after the
 * other, so that a noisy neighbour weighs on all of them; ratios are taken per round, then the median.
 */
export type HttpOptions = {
  rounds: number
  /** Seconds per measurement. */
  duration: number
  warmup: number
  connections: number
  /** Profiles Préau (`--cpu-prof`) during the measurements and summarises where its time went. */
  profile: boolean
  resultsDir: string
}

/** What Chromium sends: Préau compresses answers from 8 KB for such a client. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd'

/** Préau's portal must serve at least this share of what bare Fastify serves. */
const PORTAL_TARGET = 0.4

/** `server` is the process that answers: its CPU time (and its PostgreSQL's) is read around each measurement. */
type Target = { name: string; label: string; url: string; headers: Record<string, string>; server: Child }
type Round = {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  non2xx: number
  errors: number
  /** CPU microseconds per request: the server's Node process, its PostgreSQL, and the load generator. */
  cpuUs: { node: number; postgres: number; autocannon: number }
}

export async function runHttp(options: HttpOptions, log: (line: string) => void): Promise<ScenarioResult> {
  const dataDir = await createTempDataDir('http')
  const profileDir = path.join(options.resultsDir, `profile-${Date.now()}`)
  let bare: Child | null = null
  let preau: Child | null = null
  try {
    const [barePort, preauPort] = [await findFreePort(), await findFreePort()]
    bare = spawnNode(['bench/reference/bare-fastify.ts'], { ...process.env, PORT: String(barePort) }, ROOT)
    await waitForHttp(`http://127.0.0.1:${barePort}/`, bare)
    log('Démarrage de Préau (base neuve, démonstration chargée)…')
    const env = preauEnv(dataDir.dir, { PORT: String(preauPort) })
    preau = spawnPreau(['serve'], env)
    const preauUrl = `http://127.0.0.1:${preauPort}`
    await waitForHttp(`${preauUrl}/ready`, preau, { timeoutMs: 180_000 })
    const parent = demoParentLogin()
    const cookie = await signIn(preauUrl, parent, DEMO_PASSWORD)
    log(`Connecté comme ${parent} (parent de la démonstration).`)
    const portalSize = await portalAnswerSize(`${preauUrl}/api/portal`, cookie)
    log(`Réponse du portail : ${portalSize.plain} octets, ${portalSize.encoded} en ${portalSize.encoding}.`)

    const targets: Target[] = [
      {
        name: 'bare',
        label: 'Fastify nu  GET /',
        url: `http://127.0.0.1:${barePort}/`,
        headers: {},
        server: bare,
      },
      { name: 'health', label: 'Préau  GET /health', url: `${preauUrl}/health`, headers: {}, server: preau },
      {
        name: 'portal',
        label: 'Préau  GET /api/portal',
        url: `${preauUrl}/api/portal`,
        headers: { cookie },
        server: preau,
      },
      {
        name: 'portal-compressed',
        label: 'Préau  GET /api/portal, compression acceptée',
        url: `${preauUrl}/api/portal`,
        headers: { cookie, 'accept-encoding': BROWSER_ACCEPT_ENCODING },
        server: preau,
      },
    ]
    log(`Échauffement (${options.warmup} s par cible)…`)
    for (const target of targets) await measure(target, options.warmup, options.connections)
    const rounds: Record<string, Round[]> = Object.fromEntries(targets.map((t) => [t.name, []]))
    for (let r = 1; r <= options.rounds; r++) {
      for (const target of targets) {
        log(`Tour ${r}/${options.rounds} : ${target.label} (${options.duration} s)…`)
        rounds[target.name]!.push(await measure(target, options.duration, options.connections))
      }
    }
    await stopPreau(preau, dataDir.dir)

    let profileTables: Table[] = []
    if (options.profile) {
      // A separate run under the profiler: the figures above stay free of its overhead, and the profile
      // holds the portal alone. V8 writes it when the process exits.
      log(`Profil CPU de Préau sous la charge du portail (${options.duration} s)…`)
      await fs.mkdir(profileDir, { recursive: true })
      preau = spawnPreau(['serve'], env, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`])
      await waitForHttp(`${preauUrl}/ready`, preau, { timeoutMs: 60_000 })
      const portal = targets.find((t) => t.name === 'portal')!
      const cookie = await signIn(preauUrl, parent, DEMO_PASSWORD)
      const profiled = { ...portal, headers: { cookie }, server: preau }
      await measure(profiled, options.duration, options.connections)
      await stopPreau(preau, dataDir.dir)
      profileTables = summariseProfileDir(profileDir)
    }
    return report(targets, rounds, options, profileTables, options.profile ? profileDir : null, portalSize)
  } finally {
    if (bare) await stopChild(bare)
    if (preau) await stopPreau(preau, dataDir.dir)
    await dataDir.remove()
  }
}

type PortalSize = { plain: number; encoded: number; encoding: string }

/** The portal's answer in bytes, as it is and as sent to a browser that accepts compression. */
async function portalAnswerSize(url: string, cookie: string): Promise<PortalSize> {
  const plain = await fetch(url, { headers: { cookie, 'accept-encoding': 'identity' } })
  const body = Buffer.from(await plain.arrayBuffer())
  const compressed = await fetch(url, { headers: { cookie, 'accept-encoding': BROWSER_ACCEPT_ENCODING } })
  const encoding = compressed.headers.get('content-encoding') ?? 'identity'
  // fetch decodes the body: the bytes sent are in Content-Length (set when compressed in one go).
  const length = Number(compressed.headers.get('content-length') ?? Number.NaN)
  await compressed.arrayBuffer()
  return { plain: body.length, encoded: Number.isFinite(length) ? length : body.length, encoding }
}

/** The demo's parent with children in two schools: the biggest portal a demo parent has. */
function demoParentLogin(): string {
  const account = buildDemoDeployment().showcase.find((a) => a.label.startsWith('Parent'))
  if (!account) throw new Error('La démonstration ne présente plus de compte parent.')
  return account.login
}

async function measure(target: Target, seconds: number, connections: number): Promise<Round> {
  const tree = processTree(target.server.process.pid!)
  const nodeBefore = cpuTimes([tree.node])
  const postgresBefore = cpuTimes(tree.postgres)
  const harnessBefore = process.cpuUsage()
  const result = await autocannon({
    url: target.url,
    headers: target.headers,
    duration: seconds,
    connections,
  })
  const harness = process.cpuUsage(harnessBefore)
  // Backends opened during the measurement count from zero: read the tree again afterwards.
  const after = processTree(target.server.process.pid!)
  const perRequest = (ms: number) => round((ms * 1000) / Math.max(result.requests.total, 1), 0)
  return {
    requestsPerSecond: round(result.requests.average, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuUs: {
      node: perRequest(cpuUsedBetween(nodeBefore, cpuTimes([after.node]))),
      postgres: perRequest(cpuUsedBetween(postgresBefore, cpuTimes(after.postgres))),
      autocannon: perRequest((harness.user + harness.system) / 1000),
    },
  }
}

function report(
  targets: Target[],
  rounds: Record<string, Round[]>,
  options: HttpOptions,
  profileTables: Table[],
  profileDir: string | null,
  portalSize: PortalSize,
): ScenarioResult {
  const bareRounds = rounds.bare ?? []
  const summary = targets.map((target) => {
    const own = rounds[target.name] ?? []
    const ratios = own.map((r, i) =>
      ratio(r.requestsPerSecond, bareRounds[i]?.requestsPerSecond ?? Number.NaN),
    )
    return {
      target: target.name,
      url: new URL(target.url).pathname,
      requestsPerSecond: median(own.map((r) => r.requestsPerSecond)),
      p50Ms: median(own.map((r) => r.p50Ms)),
      p99Ms: median(own.map((r) => r.p99Ms)),
      ratioToBare: median(ratios),
      cpuUsPerRequest: {
        node: median(own.map((r) => r.cpuUs.node)),
        postgres: median(own.map((r) => r.cpuUs.postgres)),
        autocannon: median(own.map((r) => r.cpuUs.autocannon)),
      },
      failures: own.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
      rounds: own,
    }
  })
  const portal = summary.find((s) => s.target === 'portal')
  const table: Table = {
    title: `HTTP — médianes de ${options.rounds} tours de ${options.duration} s, ${options.connections} connexions`,
    columns: ['cible', 'req/s', 'p50 ms', 'p99 ms', '÷ Fastify nu', 'µs CPU Node', 'µs CPU PG', 'échecs'],
    rows: summary.map((s, i) => [
      targets[i]!.label,
      s.requestsPerSecond,
      s.p50Ms,
      s.p99Ms,
      s.ratioToBare,
      s.cpuUsPerRequest.node,
      s.cpuUsPerRequest.postgres,
      s.failures,
    ]),
    notes: [
      'ratio : médiane des ratios de chaque tour (les trois cibles mesurées l’une après l’autre)',
      'µs CPU : temps CPU du serveur (Node) et de son PostgreSQL par requête, lu dans /proc',
      `le générateur de charge (autocannon) prend lui-même ~${median(summary.map((s) => s.cpuUsPerRequest.autocannon))} µs CPU par requête sur les mêmes cœurs`,
      `réponse du portail : ${portalSize.plain} octets, ${portalSize.encoded} en ${portalSize.encoding} quand la compression est acceptée`,
      `objectif : portail ≥ ${PORTAL_TARGET * 100} % de Fastify nu`,
      ...(profileDir ? [`profil CPU de Préau : ${profileDir}`] : []),
    ],
  }
  return {
    tables: [table, ...profileTables],
    figures: {
      targets: summary,
      connections: options.connections,
      duration: options.duration,
      portalSize,
    },
    targets: portal
      ? [
          {
            label: `portail ≥ ${PORTAL_TARGET * 100} % des req/s de Fastify nu`,
            met: portal.ratioToBare >= PORTAL_TARGET && portal.failures === 0,
            detail: `${round(portal.ratioToBare * 100)} % (${portal.requestsPerSecond} req/s), ${portal.failures} échec(s)`,
          },
        ]
      : [],
  }
}
