import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { findRunningEmbeddedPostgres } from '../../src/server/db/embedded/index.ts'
import { buildDemoDeployment } from '../../src/server/demo/demo-deployment.ts'
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo.ts'
import { ARGON2_OPTIONS } from '../../src/server/modules/identity/passwords.ts'
import { CookieJar, fetchCsrfToken, signIn } from '../lib/api.ts'
import { type LabelledRequest, type LoadRound, measureLoad } from '../lib/load.ts'
import { createTempDataDir, preauEnv, ROOT, spawnPreau, stopPreau } from '../lib/preau.ts'
import {
  type Child,
  findFreePort,
  spawnNode,
  threadCpuBetween,
  threadCpuTimes,
  waitForHttp,
} from '../lib/processes.ts'
import { summariseProfileDir } from '../lib/profile.ts'
import type { ScenarioResult } from '../lib/results.ts'
import { median, ratio, round } from '../lib/stats.ts'
import type { Table } from '../lib/table.ts'

/**
 * Sign-in throughput: Préau's `POST /api/auth/login` (demo parents, right password: 204 and a new
 * session each time) against raw argon2id `verify` with the server's parameters, in its own process
 * (bench/reference/argon2-verify.ts) with as many checks in flight as the HTTP load has connections.
 * Each round measures the reference, then Préau, for the same duration; ratios per round, then medians.
 */
export type LoginOptions = {
  rounds: number
  duration: number
  warmup: number
  connections: number
  /** Demo parents signing in in turn. */
  accounts: number
  profile: boolean
  resultsDir: string
}

/** Préau must sign in at least this share of what raw argon2id verifies. */
const LOGIN_TARGET = 0.9

/** CPU milliseconds per operation of a Node process's threads: JavaScript, the libuv pool (argon2id), V8's. */
type ThreadsCpu = { main: number; pool: number; v8: number; other: number }
type ReferenceRound = {
  verificationsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** CPU milliseconds of the reference process per verification. */
  cpuMs: number
  threads: ThreadsCpu
}
type PreauRound = LoadRound & { transactionsPerLogin: number; threads: ThreadsCpu }

function perOperation(byThread: Record<string, number>, operations: number): ThreadsCpu {
  const per = (ms: number) => round(ms / Math.max(operations, 1), 2)
  const main = byThread.MainThread ?? 0
  const pool = byThread['libuv-worker'] ?? 0
  const v8 = byThread.V8Worker ?? 0
  const all = Object.values(byThread).reduce((a, b) => a + b, 0)
  return { main: per(main), pool: per(pool), v8: per(v8), other: per(all - main - pool - v8) }
}

export async function runLogin(options: LoginOptions, log: (line: string) => void): Promise<ScenarioResult> {
  const loadBefore = os.loadavg()
  const dataDir = await createTempDataDir('login')
  let preau: Child | null = null
  let stats: pg.Client | null = null
  try {
    const port = await findFreePort()
    const url = `http://127.0.0.1:${port}`
    const env = preauEnv(dataDir.dir, { LOGIN_RATE_LIMIT_PER_MINUTE: '1000000', PORT: String(port) })
    log('Démarrage de Préau (base neuve, démonstration chargée)…')
    preau = spawnPreau(['serve'], env)
    await waitForHttp(`${url}/ready`, preau, { timeoutMs: 180_000 })
    const logins = demoParentLogins(options.accounts)
    for (const login of logins) await signIn(url, login, DEMO_PASSWORD)
    log(`${logins.length} parents de la démonstration se connectent à tour de rôle.`)
    const requests = await loginRequests(url, logins)
    stats = new pg.Client({ connectionString: (await findRunningEmbeddedPostgres(dataDir.dir)) ?? '' })
    await stats.connect()

    const load = { url, connections: options.connections, requests, staggered: true }
    log(`Échauffement (${options.warmup} s)…`)
    await runReference(options.connections, options.warmup)
    await measureLoad(preau.process.pid!, { ...load, seconds: options.warmup })
    const reference: ReferenceRound[] = []
    const rounds: PreauRound[] = []
    for (let r = 1; r <= options.rounds; r++) {
      log(`Tour ${r}/${options.rounds} : argon2id brut (${options.duration} s)…`)
      reference.push(await runReference(options.connections, options.duration))
      log(`Tour ${r}/${options.rounds} : Préau POST /api/auth/login (${options.duration} s)…`)
      const before = await transactions(stats)
      const threadsBefore = threadCpuTimes(preau.process.pid!)
      const measured = await measureLoad(preau.process.pid!, { ...load, seconds: options.duration })
      const threads = threadCpuBetween(threadsBefore, threadCpuTimes(preau.process.pid!))
      const during = (await transactions(stats)) - before
      rounds.push({
        ...measured,
        transactionsPerLogin: measured.requests ? during / measured.requests : Number.NaN,
        threads: perOperation(threads, measured.requests),
      })
    }
    await stats.end()
    stats = null
    await stopPreau(preau, dataDir.dir)
    preau = null

    let profileTables: Table[] = []
    let profileDir: string | null = null
    if (options.profile) {
      // A separate run under the profiler, so the figures above stay free of its overhead. V8 profiles
      // the main thread only: argon2id runs on libuv's threads, so the profile is what login adds to it.
      profileDir = path.join(options.resultsDir, `profile-login-${Date.now()}`)
      log(`Profil CPU de Préau sous la charge des connexions (${options.duration} s)…`)
      await fs.mkdir(profileDir, { recursive: true })
      const spawned = performance.now()
      preau = spawnPreau(['serve'], env, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`])
      await waitForHttp(`${url}/ready`, preau, { timeoutMs: 60_000 })
      await measureLoad(preau.process.pid!, { ...load, seconds: options.warmup })
      const fromMs = performance.now() - spawned
      const profiled = await measureLoad(preau.process.pid!, { ...load, seconds: options.duration })
      const toMs = performance.now() - spawned
      await stopPreau(preau, dataDir.dir)
      preau = null
      // Only the samples of the measured load (not the start, the warm-up or the stop).
      profileTables = summariseProfileDir(profileDir, {
        window: { fromMs, toMs },
        requests: profiled.requests,
      })
    }
    return report(reference, rounds, options, logins, { loadBefore, profileTables, profileDir })
  } finally {
    await stats?.end().catch(() => {})
    if (preau) await stopPreau(preau, dataDir.dir)
    await dataDir.remove()
  }
}

/** Parents of the demo and nothing else (no second factor, no new-device e-mail): the first `count`. */
function demoParentLogins(count: number): string[] {
  const demo = buildDemoDeployment()
  const profiles = new Map<string, string[]>()
  for (const m of demo.memberships) profiles.set(m.userId, [...(profiles.get(m.userId) ?? []), m.profile])
  const admins = new Set(demo.adminRoles.map((role) => role.userId))
  const parents = demo.users.filter((user) => {
    const own = profiles.get(user.id) ?? []
    return own.length > 0 && own.every((profile) => profile === 'parent') && !admins.has(user.id)
  })
  if (parents.length < count) throw new Error(`La démonstration n'a que ${parents.length} parents.`)
  return parents.slice(0, count).map((user) => user.login)
}

/** One login request per account, all with the same CSRF token and cookie (fetched once). */
async function loginRequests(url: string, logins: string[]): Promise<LabelledRequest[]> {
  const jar = new CookieJar()
  const token = await fetchCsrfToken(url, jar)
  const headers = { 'content-type': 'application/json', 'x-csrf-token': token, cookie: jar.header() }
  return logins.map((login) => ({
    method: 'POST',
    path: '/api/auth/login',
    headers,
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  }))
}

/** Transactions committed or rolled back in Préau's database so far (statistics flushed about every second). */
async function transactions(client: pg.Client): Promise<number> {
  await client.query('select pg_stat_clear_snapshot()')
  const { rows } = await client.query<{ n: string }>(
    'select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()',
  )
  return Number(rows[0]?.n)
}

/** Runs the argon2id reference process for `seconds` with `concurrency` checks in flight. */
async function runReference(concurrency: number, seconds: number): Promise<ReferenceRound> {
  const child = spawnNode(
    ['bench/reference/argon2-verify.ts', '--concurrency', String(concurrency), '--duration', String(seconds)],
    process.env,
    ROOT,
  )
  let stdout = ''
  child.process.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
  })
  const code = await new Promise<number | null>((resolve) => child.process.once('exit', resolve))
  if (code !== 0) throw new Error(`La référence argon2id a échoué (code ${code}) :\n${child.output()}`)
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    verifications: number
    perSecond: number
    p50Ms: number
    p99Ms: number
    cpuMs: number
    cpuByThread: Record<string, number>
  }
  return {
    threads: perOperation(result.cpuByThread, result.verifications),
    verificationsPerSecond: round(result.perSecond, 1),
    p50Ms: round(result.p50Ms, 2),
    p99Ms: round(result.p99Ms, 2),
    cpuMs: round(result.cpuMs / Math.max(result.verifications, 1), 2),
  }
}

function medianThreads(rounds: ThreadsCpu[]): ThreadsCpu {
  const of = (key: keyof ThreadsCpu) => round(median(rounds.map((r) => r[key])), 2)
  return { main: of('main'), pool: of('pool'), v8: of('v8'), other: of('other') }
}

function report(
  reference: ReferenceRound[],
  rounds: PreauRound[],
  options: LoginOptions,
  logins: string[],
  extra: { loadBefore: number[]; profileTables: Table[]; profileDir: string | null },
): ScenarioResult {
  const ratios = rounds.map((r, i) =>
    ratio(r.requestsPerSecond, reference[i]?.verificationsPerSecond ?? Number.NaN),
  )
  const failures = rounds.reduce((sum, r) => sum + r.non2xx + r.errors, 0)
  const ref = {
    verificationsPerSecond: median(reference.map((r) => r.verificationsPerSecond)),
    p50Ms: median(reference.map((r) => r.p50Ms)),
    p99Ms: median(reference.map((r) => r.p99Ms)),
    cpuMsPerVerification: median(reference.map((r) => r.cpuMs)),
    threads: medianThreads(reference.map((r) => r.threads)),
  }
  const preau = {
    loginsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    p50Ms: median(rounds.map((r) => r.latency.p50Ms)),
    p99Ms: median(rounds.map((r) => r.latency.p99Ms)),
    ratioToArgon2: median(ratios),
    // What the ratio is when the cores are the limit: CPU of one raw check over CPU of one login (Node and
    // PostgreSQL). It hardly depends on the neighbours, unlike throughput on a shared machine.
    cpuRatioToArgon2: median(
      rounds.map((r, i) =>
        ratio((reference[i]?.cpuMs ?? Number.NaN) * 1000, r.cpuUs.node + r.cpuUs.postgres),
      ),
    ),
    cpuMsPerLogin: {
      node: round(median(rounds.map((r) => r.cpuUs.node)) / 1000, 2),
      postgres: round(median(rounds.map((r) => r.cpuUs.postgres)) / 1000, 2),
      autocannon: round(median(rounds.map((r) => r.cpuUs.autocannon)) / 1000, 2),
    },
    threads: medianThreads(rounds.map((r) => r.threads)),
    transactionsPerLogin: round(median(rounds.map((r) => r.transactionsPerLogin)), 2),
    failures,
  }
  const loadAfter = os.loadavg()
  const loadavg = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ')
  const table: Table = {
    title: `Connexion — médianes de ${options.rounds} tours de ${options.duration} s, ${options.connections} en parallèle`,
    columns: [
      'cible',
      '/s',
      'p50 ms',
      'p99 ms',
      '÷ argon2id',
      '÷ CPU',
      'ms CPU Node',
      '– libuv',
      '– principal',
      '– V8, autres',
      'ms CPU PG',
      'tx PG',
      'échecs',
    ],
    rows: [
      [
        'argon2id brut  verify',
        ref.verificationsPerSecond,
        ref.p50Ms,
        ref.p99Ms,
        1,
        1,
        ref.cpuMsPerVerification,
        ref.threads.pool,
        ref.threads.main,
        round(ref.threads.v8 + ref.threads.other, 2),
        0,
        0,
        0,
      ],
      [
        'Préau  POST /api/auth/login',
        preau.loginsPerSecond,
        preau.p50Ms,
        preau.p99Ms,
        preau.ratioToArgon2,
        preau.cpuRatioToArgon2,
        preau.cpuMsPerLogin.node,
        preau.threads.pool,
        preau.threads.main,
        round(preau.threads.v8 + preau.threads.other, 2),
        preau.cpuMsPerLogin.postgres,
        preau.transactionsPerLogin,
        failures,
      ],
    ],
    notes: [
      `argon2id : ${ARGON2_OPTIONS.memoryCost / 1024} Mio, ${ARGON2_OPTIONS.timeCost} passes, ${ARGON2_OPTIONS.parallelism} voie (le premier réglage recommandé par l’OWASP)`,
      `ratio : médiane des ratios de chaque tour (argon2id brut puis Préau, ${options.connections} requêtes ou vérifications en vol)`,
      '÷ CPU : ms CPU d’une vérification brute sur ms CPU d’une connexion (Node + PostgreSQL) : le ratio quand les cœurs sont la limite',
      'ms CPU : par connexion (ou vérification), du processus Node et de son PostgreSQL, lus dans /proc ;',
      '  Node par fil : libuv (le pool où tourne argon2id), principal (JavaScript : Fastify, Kysely, pg), V8 (GC…)',
      'tx PG : transactions PostgreSQL par connexion (pg_stat_database ; une requête hors transaction en est une)',
      `autocannon prend ~${preau.cpuMsPerLogin.autocannon} ms CPU par connexion sur les mêmes cœurs`,
      `${logins.length} comptes de parents à tour de rôle ; charge moyenne ${loadavg(extra.loadBefore)} au départ, ${loadavg(loadAfter)} à la fin`,
      ...(extra.profileDir ? [`profil CPU de Préau : ${extra.profileDir}`] : []),
    ],
  }
  return {
    tables: [table, ...extra.profileTables],
    figures: {
      argon2: ARGON2_OPTIONS,
      connections: options.connections,
      duration: options.duration,
      accounts: logins,
      loadAverage: { before: extra.loadBefore, after: loadAfter },
      reference: { ...ref, rounds: reference },
      preau: { ...preau, rounds },
    },
    targets: [
      {
        label: `connexions ≥ ${LOGIN_TARGET * 100} % des vérifications argon2id brutes par seconde`,
        met: preau.ratioToArgon2 >= LOGIN_TARGET && failures === 0,
        detail: `${round(preau.ratioToArgon2 * 100)} % (${preau.loginsPerSecond} connexions/s contre ${ref.verificationsPerSecond} vérifications/s), ${failures} échec(s)`,
      },
    ],
  }
}
