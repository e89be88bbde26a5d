import os from 'node:os'
import type { CompiledQuery } from 'kysely'
import pg from 'pg'
import { DirectoryQuery } from '../../src/contract/directory.ts'
import { findRunningEmbeddedPostgres } from '../../src/server/db/embedded/index.ts'
import { openOwnerDatabase, TENANT_ROLE } from '../../src/server/db/tenant-connection.ts'
import { computeKnownReach, type KnownReach } from '../../src/server/modules/communication/index.ts'
import { createSchoolRosters } from '../../src/server/modules/directory/roster.ts'
import { searchDirectory } from '../../src/server/modules/directory/service.ts'
import type { Actor } from '../../src/server/plugins/auth/actor.ts'
import { loadActor } from '../../src/server/plugins/auth/session-store.ts'
import { openSchoolScopeForTest } from '../../src/server/testing/school-scope.ts'
import { BENCH_PASSWORD } from '../data/generate.ts'
import { signIn } from '../lib/api.ts'
import {
  type LabelledRequest,
  type LatencySummary,
  type LoadRound,
  latenciesByLabel,
  measureLoad,
  rotate,
  summariseLatencies,
} from '../lib/load.ts'
import { regionDataDir, spawnPreau, stopPreau } from '../lib/preau.ts'
import { type Child, findFreePort, waitForHttp } from '../lib/processes.ts'
import type { ScenarioResult } from '../lib/results.ts'
import { median, ratio, round } from '../lib/stats.ts'
import type { Table } from '../lib/table.ts'

/**
 * Directory search latency at region scale: generates the deployment (`preau bench data`), starts Préau
 * on it, signs in a teacher of one of the largest schools (who reaches the whole school) and a parent of
 * that school (who reaches a few people), and measures `GET /api/schools/:id/directory` for each over a
 * loop of realistic searches. References in the same run: the same searches through the server's own
 * `searchDirectory` straight on PostgreSQL (no HTTP), and `GET /health` (the floor of the HTTP path).
 */
export type DirectoryOptions = {
  rounds: number
  duration: number
  warmup: number
  connections: number
  pupils: number
  seed: number
  /** Where the generated region is kept between runs (none: generated afresh, then removed). */
  dataDir?: string
}

const REGION_PUPILS = 600_000
const P99_TARGET_MS = 30

/** One search of the loop: a label for grouping, and the query string as the web app sends it. */
export type Search = { label: string; q?: string; after?: string }

/** What people type, one to four letters (accents and case are folded by the server), and no filter. */
const PREFIXES = {
  'q 1 lettre': ['a', 'm', 'é', 'B'],
  'q 2 lettres': ['le', 'ma', 'Du'],
  'q 3-4 lettres': ['mar', 'dub', 'lef', 'bern', 'thom', 'Fran'],
} as const

/** The loop of searches: prefixes, two without `q`, and page 2 (after `cursor`, when there is one). */
export function searchMix(cursor: string | null): Search[] {
  const searches: Search[] = []
  for (const [label, prefixes] of Object.entries(PREFIXES)) {
    for (const q of prefixes) searches.push({ label, q })
  }
  searches.push({ label: 'sans q' }, { label: 'sans q' })
  if (cursor) searches.push({ label: 'page 2', after: cursor })
  return searches
}

/** The URL path of a search (limit 30, the web app's page). */
export function searchPath(schoolId: string, search: Search): string {
  const params = new URLSearchParams()
  if (search.q !== undefined) params.set('q', search.q)
  if (search.after) params.set('after', search.after)
  params.set('limit', '30')
  return `/api/schools/${schoolId}/directory?${params}`
}

type Person = {
  role: string
  id: string
  login: string
  detail: string
  cookie: string
  actor: Actor
  reach: KnownReach
}
type School = { id: string; name: string; pupils: number; members: number }
type SqlRound = {
  requestsPerSecond: number
  latency: LatencySummary
  byLabel: Record<string, LatencySummary>
}
type ActorRounds = { http: LoadRound[]; sql: SqlRound[] }
type Explained = { label: string; q: string | null; planningMs: number; executionMs: number; plan: string }

export async function runDirectory(
  options: DirectoryOptions,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const loadBefore = os.loadavg()
  const port = await findFreePort()
  const dataDir = await regionDataDir('directory', options.dataDir, options, port, log)
  let preau: Child | null = null
  let pool: pg.Pool | null = null
  try {
    const url = `http://127.0.0.1:${port}`
    const { env, summary, wallSeconds } = dataDir
    log(`Généré en ${round(wallSeconds)} s ; démarrage de Préau…`)
    preau = spawnPreau(['serve'], env)
    await waitForHttp(`${url}/ready`, preau, { timeoutMs: 180_000 })

    // The harness's own handle on Préau's database: picking the actors, the SQL reference, EXPLAIN.
    pool = new pg.Pool({
      connectionString: (await findRunningEmbeddedPostgres(dataDir.dir)) ?? '',
      max: options.connections,
    })
    let captured: CompiledQuery | null = null
    const db = openOwnerDatabase(pool, {
      log: (event) => {
        if (event.level === 'query' && event.query.sql.includes('directory_versions')) captured = event.query
      },
    })
    const school = await largestSchool(pool)
    const scope = openSchoolScopeForTest(db, school.id)
    const people: Person[] = []
    for (const pick of [pickTeacher, pickParent]) {
      const person = await pick(pool, school.id)
      const cookie = await signIn(url, person.login, BENCH_PASSWORD, searchPath(school.id, { label: '' }))
      const actor = await loadActor(db, person.id)
      if (!actor) throw new Error(`${person.login} introuvable`)
      // Computed once, as the server does for a session (`app.reach`): the searches reuse it.
      people.push({ ...person, cookie, actor, reach: await computeKnownReach(scope, actor) })
    }
    log(
      `${school.name} (${school.pupils} élèves, ${school.members} membres) ; ${people.map((p) => `${p.role} ${p.login}`).join(', ')}`,
    )

    // The school's directory as a server keeps it; its first reading is timed (what a change costs).
    const rosters = createSchoolRosters()
    const loadingStarted = performance.now()
    await rosters.of(scope)
    const rosterLoadMs = round(performance.now() - loadingStarted, 1)
    log(`Annuaire de l’école lu en ${rosterLoadMs} ms`)
    const search = async (person: Person, s: Search) =>
      searchDirectory(
        person.actor,
        person.reach,
        await rosters.of(scope),
        DirectoryQuery.parse({ q: s.q, after: s.after, limit: 30 }),
      )
    const mixes = new Map<Person, Search[]>()
    for (const person of people) {
      // Page 2 starts after the first page without `q` (a parent reaches fewer than 30: after the 5th).
      const first = await search(person, { label: '' })
      const cursor =
        first.nextAfter ??
        searchDirectory(
          person.actor,
          person.reach,
          await rosters.of(scope),
          DirectoryQuery.parse({ limit: 5 }),
        ).nextAfter
      mixes.set(person, searchMix(cursor))
    }

    const httpLoad = (person: Person, seconds: number) =>
      measureLoad(preau!.process.pid!, {
        url,
        connections: options.connections,
        seconds,
        headers: { cookie: person.cookie },
        requests: (mixes.get(person) ?? []).map(
          (s): LabelledRequest => ({ method: 'GET', path: searchPath(school.id, s), label: s.label }),
        ),
        staggered: true,
      })
    const healthLoad = (seconds: number) =>
      measureLoad(preau!.process.pid!, { url: `${url}/health`, connections: options.connections, seconds })
    const sqlLoad = (person: Person, seconds: number) =>
      measureSql((s) => search(person, s), mixes.get(person) ?? [], options.connections, seconds)

    log(`Échauffement (${options.warmup} s par cible)…`)
    for (const person of people) {
      await httpLoad(person, options.warmup)
      await sqlLoad(person, options.warmup)
    }
    await healthLoad(options.warmup)
    const rounds = new Map<Person, ActorRounds>(people.map((p) => [p, { http: [], sql: [] }]))
    const health: LoadRound[] = []
    for (let r = 1; r <= options.rounds; r++) {
      for (const person of people) {
        log(`Tour ${r}/${options.rounds} : ${person.role}, HTTP puis SQL (${options.duration} s chacun)…`)
        rounds.get(person)!.http.push(await httpLoad(person, options.duration))
        rounds.get(person)!.sql.push(await sqlLoad(person, options.duration))
      }
      log(`Tour ${r}/${options.rounds} : GET /health (${options.duration} s)…`)
      health.push(await healthLoad(options.duration))
    }

    log('EXPLAIN (ANALYZE, BUFFERS) de chaque recherche…')
    const explained = new Map<Person, Explained[]>()
    for (const person of people) {
      const plans: Explained[] = []
      for (const s of mixes.get(person) ?? []) {
        captured = null
        await search(person, s)
        const query = captured as CompiledQuery | null
        if (query) plans.push({ label: s.label, q: s.q ?? null, ...(await explain(pool, school.id, query)) })
      }
      explained.set(person, plans)
    }
    await db.destroy()
    pool = null
    return report({
      options,
      school,
      people,
      rounds,
      health,
      explained,
      summary,
      wallSeconds,
      loadBefore,
      rosterLoadMs,
    })
  } finally {
    await pool?.end().catch(() => {})
    if (preau) await stopPreau(preau, dataDir.dir)
    await dataDir.remove()
  }
}

/** The school with the most pupils (ties: the smallest id). */
async function largestSchool(pool: pg.Pool): Promise<School> {
  const { rows } = await pool.query<School>(`
    select s.id, s.name, z.pupils::int, z.members::int
    from (select school_id, count(*) filter (where profile = 'pupil') as pupils, count(*) as members
          from memberships where left_at is null group by school_id) z
    join schools s on s.id = z.school_id
    order by z.pupils desc, s.id limit 1`)
  if (!rows[0]) throw new Error('Aucune école générée.')
  return rows[0]
}

/** Accounts that sign in with a password alone: no director function anywhere, no administrator role. */
const NO_SECOND_FACTOR = `
  not exists (select 1 from memberships o where o.user_id = u.id and 'director' = any(o.functions))
  and not exists (select 1 from admin_roles r where r.user_id = u.id)`

/** A class teacher of the school (not its director), first by login. */
async function pickTeacher(
  pool: pg.Pool,
  schoolId: string,
): Promise<Omit<Person, 'cookie' | 'actor' | 'reach'>> {
  const { rows } = await pool.query<{ id: string; login: string; classes: number }>(
    `select u.id, u.login, (select count(*)::int from class_members cm
       where cm.school_id = m.school_id and cm.user_id = u.id) as classes
     from memberships m join users u on u.id = m.user_id
     where m.school_id = $1 and m.profile = 'teacher' and m.left_at is null and ${NO_SECOND_FACTOR}
       and exists (select 1 from class_members cm where cm.school_id = m.school_id and cm.user_id = u.id)
     order by u.login limit 1`,
    [schoolId],
  )
  const row = rows[0]
  if (!row) throw new Error('Aucun enseignant sans seconde étape dans cette école.')
  return { role: 'enseignant·e', id: row.id, login: row.login, detail: `${row.classes} classe(s)` }
}

/** The parent of the school with the most children there (only a parent), first by login. */
async function pickParent(
  pool: pg.Pool,
  schoolId: string,
): Promise<Omit<Person, 'cookie' | 'actor' | 'reach'>> {
  const { rows } = await pool.query<{ id: string; login: string; children: number }>(
    `select u.id, u.login, count(*)::int as children
     from family_links f join users u on u.id = f.parent_id
     where f.school_id = $1 and ${NO_SECOND_FACTOR}
       and not exists (select 1 from memberships o where o.user_id = u.id and o.profile <> 'parent')
     group by u.id, u.login order by count(*) desc, u.login limit 1`,
    [schoolId],
  )
  const row = rows[0]
  if (!row) throw new Error('Aucun parent dans cette école.')
  return { role: 'parent', id: row.id, login: row.login, detail: `${row.children} enfant(s)` }
}

/** The reference: `connections` loops of the searches through `searchDirectory`, for `seconds`. */
async function measureSql(
  run: (search: Search) => Promise<unknown>,
  mix: Search[],
  connections: number,
  seconds: number,
): Promise<SqlRound> {
  const samples: [string, number][] = []
  const deadline = performance.now() + seconds * 1000
  const worker = async (offset: number) => {
    const loop = rotate(mix, offset)
    for (let i = 0; performance.now() < deadline; i++) {
      const search = loop[i % loop.length]!
      const started = performance.now()
      await run(search)
      samples.push([search.label, performance.now() - started])
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: connections }, (_, i) => worker(i)))
  const elapsed = (performance.now() - started) / 1000
  return {
    requestsPerSecond: round(samples.length / elapsed, 1),
    latency: summariseLatencies(samples.map(([, ms]) => ms)),
    byLabel: latenciesByLabel(samples),
  }
}

/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of a query the server sent, with its planning and execution times, in the
 * school's tenancy as the server runs it (row-level security included), set for one transaction only.
 */
async function explain(
  pool: pg.Pool,
  schoolId: string,
  query: CompiledQuery,
): Promise<{ planningMs: number; executionMs: number; plan: string }> {
  const client = await pool.connect()
  let rows: { 'QUERY PLAN': string }[]
  try {
    await client.query('begin')
    await client.query(
      `select set_config('role', '${TENANT_ROLE}', true), set_config('preau.school_id', $1, true)`,
      [schoolId],
    )
    rows = (await client.query(`explain (analyze, buffers) ${query.sql}`, [...query.parameters])).rows
  } finally {
    await client.query('rollback').catch(() => {})
    client.release()
  }
  const plan = rows.map((row) => row['QUERY PLAN']).join('\n')
  const time = (name: string) => Number(new RegExp(`${name} Time: ([\\d.]+) ms`).exec(plan)?.[1])
  return { planningMs: time('Planning'), executionMs: time('Execution'), plan }
}

/** Every EXPLAIN's times, but the plan text only of the slowest of each kind (the JSON stays readable). */
function keepSlowestPlans(explained: Explained[]): (Omit<Explained, 'plan'> & { plan?: string })[] {
  const slowest = new Map<string, Explained>()
  for (const e of explained) {
    const current = slowest.get(e.label)
    if (!current || e.executionMs > current.executionMs) slowest.set(e.label, e)
  }
  return explained.map(({ plan, ...times }) =>
    slowest.get(times.label)?.plan === plan ? { ...times, plan } : times,
  )
}

function report(run: {
  options: DirectoryOptions
  school: School
  people: Person[]
  rounds: Map<Person, ActorRounds>
  health: LoadRound[]
  explained: Map<Person, Explained[]>
  summary: { accounts: { total: number } }
  wallSeconds: number
  loadBefore: number[]
  rosterLoadMs: number
}): ScenarioResult {
  const { options, school, people, rounds, health, explained } = run
  const med = (values: number[]) => round(median(values), 2)
  const httpOf = (r: LoadRound[]) => ({
    requestsPerSecond: med(r.map((x) => x.requestsPerSecond)),
    p50Ms: med(r.map((x) => x.latency.p50Ms)),
    p95Ms: med(r.map((x) => x.latency.p95Ms)),
    p99Ms: med(r.map((x) => x.latency.p99Ms)),
    cpuUs: {
      node: med(r.map((x) => x.cpuUs.node)),
      postgres: med(r.map((x) => x.cpuUs.postgres)),
    },
    failures: r.reduce((sum, x) => sum + x.non2xx + x.errors, 0),
  })
  const sqlOf = (r: SqlRound[]) => ({
    requestsPerSecond: med(r.map((x) => x.requestsPerSecond)),
    p50Ms: med(r.map((x) => x.latency.p50Ms)),
    p95Ms: med(r.map((x) => x.latency.p95Ms)),
    p99Ms: med(r.map((x) => x.latency.p99Ms)),
  })
  const floor = httpOf(health)
  const actors = people.map((person) => {
    const own = rounds.get(person)!
    const labels = Object.keys(own.http[0]?.byLabel ?? {})
    const byLabel = Object.fromEntries(
      labels.map((label) => {
        const http = own.http.map((r) => r.byLabel[label]).filter((s) => s !== undefined)
        const sql = own.sql.map((r) => r.byLabel[label]).filter((s) => s !== undefined)
        return [
          label,
          {
            http: { p50Ms: med(http.map((s) => s.p50Ms)), p99Ms: med(http.map((s) => s.p99Ms)) },
            sql: { p50Ms: med(sql.map((s) => s.p50Ms)), p99Ms: med(sql.map((s) => s.p99Ms)) },
          },
        ]
      }),
    )
    return {
      role: person.role,
      login: person.login,
      detail: person.detail,
      http: httpOf(own.http),
      sql: sqlOf(own.sql),
      // Per round, HTTP latency over the same searches straight on PostgreSQL, then the median.
      p50RatioToSql: median(own.http.map((r, i) => ratio(r.latency.p50Ms, own.sql[i]?.latency.p50Ms ?? NaN))),
      byLabel,
      explained: keepSlowestPlans(explained.get(person) ?? []),
      rounds: own,
    }
  })
  const isRegion = options.pupils >= REGION_PUPILS
  const loadavg = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ')
  const main: Table = {
    title: `Annuaire — ${run.summary.accounts.total.toLocaleString('fr-FR')} comptes, médianes de ${options.rounds} tours de ${options.duration} s, ${options.connections} connexions`,
    columns: [
      'cible',
      'req/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'p50 ÷ SQL',
      'µs CPU Node',
      'µs CPU PG',
      'échecs',
    ],
    rows: [
      [
        'Préau  GET /health (plancher)',
        floor.requestsPerSecond,
        floor.p50Ms,
        floor.p95Ms,
        floor.p99Ms,
        '',
        floor.cpuUs.node,
        floor.cpuUs.postgres,
        floor.failures,
      ],
      ...actors.flatMap((a) => [
        [
          `${a.role}  GET …/directory`,
          a.http.requestsPerSecond,
          a.http.p50Ms,
          a.http.p95Ms,
          a.http.p99Ms,
          a.p50RatioToSql,
          a.http.cpuUs.node,
          a.http.cpuUs.postgres,
          a.http.failures,
        ],
        [
          `${a.role}  SQL seul (référence)`,
          a.sql.requestsPerSecond,
          a.sql.p50Ms,
          a.sql.p95Ms,
          a.sql.p99Ms,
          1,
          '',
          '',
          0,
        ],
      ]),
    ],
    notes: [
      `école : ${school.name} (${school.pupils} élèves, ${school.members} appartenances) ; ${actors.map((a) => `${a.role} ${a.login} (${a.detail})`).join(', ')}`,
      'sans HTTP : searchDirectory du serveur appelé directement (portée calculée une fois comme par session, annuaire de l’école gardé en mémoire, sa version lue à chaque recherche ; Kysely + pg)',
      `annuaire de l’école lu depuis PostgreSQL (après chaque changement) : ${run.rosterLoadMs} ms`,
      'p50 ÷ SQL : médiane par tour du p50 HTTP sur le p50 des mêmes recherches en SQL seul',
      `recherches en boucle : ${Object.values(PREFIXES).flat().join(', ')}, deux sans q, une page 2 (after)`,
      `génération : ${round(run.wallSeconds)} s ; charge moyenne au départ ${loadavg(run.loadBefore)}, à la fin ${loadavg(os.loadavg())}`,
    ],
  }
  const byLabel: Table = {
    title: 'Annuaire — latence par type de recherche (médianes des tours)',
    columns: ['acteur', 'recherche', 'HTTP p50', 'HTTP p99', 'SQL p50', 'SQL p99', 'EXPLAIN ms', 'plan ms'],
    rows: actors.flatMap((a) =>
      Object.entries(a.byLabel).map(([label, s]) => {
        const plans = a.explained.filter((e) => e.label === label)
        return [
          a.role,
          label,
          s.http.p50Ms,
          s.http.p99Ms,
          s.sql.p50Ms,
          s.sql.p99Ms,
          round(Math.max(...plans.map((e) => e.executionMs)), 2),
          round(Math.max(...plans.map((e) => e.planningMs)), 2),
        ]
      }),
    ),
    notes: [
      'EXPLAIN ms, plan ms : le plus lent des EXPLAIN (ANALYZE, BUFFERS) de ce type (exécution, planification)',
    ],
  }
  const worst = actors.map((a) => a.http.p99Ms)
  const failures = actors.reduce((sum, a) => sum + a.http.failures, 0)
  return {
    tables: [main, byLabel],
    figures: {
      pupils: options.pupils,
      accounts: run.summary.accounts.total,
      generationSeconds: round(run.wallSeconds, 1),
      connections: options.connections,
      duration: options.duration,
      school,
      health: { ...floor, rounds: health },
      actors,
      loadAverage: { before: run.loadBefore, after: os.loadavg() },
    },
    targets: isRegion
      ? [
          {
            label: `annuaire p99 < ${P99_TARGET_MS} ms à l'échelle régionale`,
            met: Math.max(...worst) < P99_TARGET_MS && failures === 0,
            detail: `${actors.map((a) => `${a.role} ${a.http.p99Ms} ms`).join(', ')}, ${failures} échec(s)`,
          },
        ]
      : [],
  }
}
