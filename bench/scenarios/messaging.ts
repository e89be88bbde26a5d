import { randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { sql } from 'kysely'
import pg from 'pg'
import { buildApp } from '../../src/server/app.ts'
import { loadConfig } from '../../src/server/config.ts'
import { createDatabase, type Db } from '../../src/server/db/connection.ts'
import { startScratchPostgres } from '../../src/server/db/embedded/index.ts'
import { migrateToLatest } from '../../src/server/db/migrator.ts'
import { openDatabase } from '../../src/server/db/open.ts'
import { findFeedPage } from '../../src/server/modules/feed/queries.ts'
import { findMailboxPage } from '../../src/server/modules/messaging/queries.ts'
import { sessionCookieName } from '../../src/server/plugins/auth/session.ts'
import { insertSession, newSessionToken } from '../../src/server/plugins/auth/session-store.ts'
import { TestClient } from '../../src/server/testing/test-client.ts'
import { captureQuery, type Explained, explainQuery } from '../lib/explain.ts'
import { BROWSER_HEADERS, type LoadRound, measureLoad } from '../lib/load.ts'
import { regionDataDir, spawnPreau, startBareFastify, stopPreau } from '../lib/preau.ts'
import { type Child, findFreePort, stopChild, waitForHttp } from '../lib/processes.ts'
import type { ScenarioResult } from '../lib/results.ts'
import { median, percentile, ratio, round } from '../lib/stats.ts'

/**
 * Messagerie at scale, in one process on a scratch PostgreSQL (fsync off: the figures are about the
 * queries and the request path, not the disk):
 * - fan-out: a director sends one message to « Parents de l'école » (~700 guardians), save and send
 *   through the real app (`inject`: routing, session, CSRF, validation, reach, one `insert … select`);
 *   reference: the same 700 mailbox rows inserted by one raw `insert … select` in the same run;
 * - inbox: the first page (30) of a parent's inbox, `messages` and `mailbox_entries` filled with
 *   `--messages` messages (set-based, server-side), 32 requests in flight; reference: the same SQL
 *   (`findMailboxPage`) straight on PostgreSQL, same concurrency.
 */
export type MessagingOptions = {
  rounds: number
  /** Small world: messages to insert. Region (`dataDir`): messages `preau bench data` writes. */
  messages: number
  /**
   * A kept region (`preau bench data --pupils --messages`, generated on the first run and reused):
   * the HTTP pages are measured on it instead of the small world, and the fan-out is left out.
   */
  dataDir?: string
  pupils: number
  seed: number
  sends: number
  pages: number
  /** Seconds of each autocannon load of the inbox over HTTP (and of bare Fastify's). */
  duration: number
}

const GUARDIANS = 700
const OTHER_USERS = 20_000
const CONCURRENCY = 32

export async function runMessaging(
  options: MessagingOptions,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  if (options.dataDir) return runOnRegion({ ...options, dataDir: options.dataDir }, log)
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-bench-messaging-'))
  const scratch = await startScratchPostgres(path.join(base, 'postgres'), {
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_wal_size: '4GB',
    shared_buffers: '256MB',
    maintenance_work_mem: '256MB',
  })
  let db: Db | null = null
  let app: Awaited<ReturnType<typeof buildApp>> | null = null
  try {
    const admin = new pg.Client({ connectionString: scratch.connectionString('postgres') })
    await admin.connect()
    await admin.query('create database preau_bench')
    await admin.end()
    const connectionString = scratch.connectionString('preau_bench')
    db = createDatabase({ connectionString, poolSize: 12 })
    await migrateToLatest(db)
    log(`Une école de ${GUARDIANS} parents, ${OTHER_USERS} autres comptes…`)
    const world = await seedSchool(db)
    const loadStart = performance.now()
    log(`${options.messages.toLocaleString('fr-FR')} messages (3 lignes de boîte chacun)…`)
    await seedMessages(db, world, options.messages, log)
    const loadSeconds = round((performance.now() - loadStart) / 1000, 0)
    const sizes = await tableSizes(db)
    log(`Chargés en ${loadSeconds} s : ${sizes}`)

    const dataDir = path.join(base, 'data')
    const config = loadConfig({
      LOG_LEVEL: 'warn',
      PREAU_DATA_DIR: dataDir,
      MESSAGING_DAILY_LIMIT_STAFF: '100000',
      RATE_LIMIT_PER_MINUTE: '10000000',
    })
    app = await buildApp({
      config,
      db,
      databaseUrl: connectionString,
      secretKey: randomBytes(32),
      runJobs: false,
      logStream: new Writable({ write: (_c, _e, done) => done() }),
    })
    await app.ready()
    const director = await TestClient.signedInAs(app, world.directorId)
    const parent = await TestClient.signedInAs(app, world.heavyParentId)

    const fanOut: number[] = []
    const fanOutReference: number[] = []
    const inbox: number[] = []
    const inboxReference: number[] = []
    const roundRatios: { fanOut: number[]; inbox: number[] } = { fanOut: [], inbox: [] }
    for (let r = 1; r <= options.rounds; r++) {
      const sends: number[] = []
      const raws: number[] = []
      for (let i = 0; i < options.sends; i++) {
        const id = randomUUID()
        const since = performance.now()
        const saved = await director.put(`/api/schools/${world.schoolId}/messaging/drafts/${id}`, {
          subject: `Information aux familles ${r}.${i}`,
          bodyHtml: '<p>La kermesse aura lieu samedi : merci de votre aide.</p>',
          to: [{ type: 'group', id: 'school:parent' }],
        })
        const sent = await director.post(`/api/schools/${world.schoolId}/messaging/drafts/${id}/send`, {})
        sends.push(performance.now() - since)
        if (saved.statusCode !== 200 || sent.json().recipients < GUARDIANS)
          throw new Error(`envoi refusé : ${saved.body} ${sent.body}`)
        raws.push(await rawFanOut(db, world))
      }
      const pages: number[] = []
      const sqlPages: number[] = []
      for (let done = 0; done < options.pages; done += CONCURRENCY) {
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            const since = performance.now()
            const page = await parent.get('/api/messaging/folders/inbox/messages?limit=30')
            pages.push(performance.now() - since)
            if (page.statusCode !== 200) throw new Error(page.body)
          }),
        )
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            const since = performance.now()
            await findMailboxPage(db!, { userId: world.heavyParentId, folder: 'inbox', limit: 30 })
            sqlPages.push(performance.now() - since)
          }),
        )
      }
      fanOut.push(percentile(sends, 99))
      fanOutReference.push(percentile(raws, 99))
      inbox.push(percentile(pages, 99))
      inboxReference.push(percentile(sqlPages, 99))
      roundRatios.fanOut.push(ratio(median(sends), median(raws)))
      roundRatios.inbox.push(ratio(median(pages), median(sqlPages)))
      log(
        `Tour ${r}/${options.rounds} : envoi à ${GUARDIANS} parents p99 ${round(percentile(sends, 99))} ms (brut ${round(percentile(raws, 99))} ms) ; page de boîte p99 ${round(percentile(pages, 99))} ms (SQL ${round(percentile(sqlPages, 99))} ms)`,
      )
    }
    const fanOutP99 = round(median(fanOut))
    const inboxP99 = round(median(inbox))

    log(
      `Boîte et fil en HTTP : Préau servi à part, ${CONCURRENCY} connexions de ${CONCURRENCY} personnes, chaque tour après Fastify nu…`,
    )
    const readers = await busiestReaders(db, CONCURRENCY)
    const cookies = await Promise.all(readers.ids.map((userId) => sessionCookieOf(db!, config, userId)))
    const http = await measurePagesOverHttp({
      env: {
        ...process.env,
        DATABASE_URL: connectionString,
        PREAU_DATA_DIR: path.join(base, 'serve'),
        PREAU_DEMO: 'never',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        RATE_LIMIT_PER_MINUTE: '100000000',
      },
      cookies,
      seconds: options.duration,
      rounds: options.rounds,
    })
    const explainPool = new pg.Pool({ connectionString, max: 1 })
    explainPool.on('error', () => {})
    const statement = await explainQuery(
      explainPool,
      await captureQuery(explainPool, (handle) =>
        findMailboxPage(handle, { userId: world.heavyParentId, folder: 'inbox', limit: 30 }),
      ),
    ).finally(() => explainPool.end())
    log(`Plan de la page de boîte :\n${statement.plan}`)
    return {
      tables: [
        {
          title: `Messagerie — ${options.rounds} tours ; ${options.messages.toLocaleString('fr-FR')} messages en base`,
          columns: ['mesure', 'p99 (ms, médiane des tours)', 'référence p99 (ms)', 'ratio des médianes'],
          rows: [
            [
              `envoi à ${GUARDIANS} parents (brouillon + envoi, app entière)`,
              fanOutP99,
              round(median(fanOutReference)),
              median(roundRatios.fanOut),
            ],
            [
              `1re page de la boîte (30), ${CONCURRENCY} en parallèle`,
              inboxP99,
              round(median(inboxReference)),
              median(roundRatios.inbox),
            ],
          ],
          notes: [
            'Références : les 700 lignes de boîte par un seul insert … select brut ; la même requête de page par findMailboxPage sans HTTP.',
            `Données : ${sizes} ; chargées en ${loadSeconds} s (insert … select côté serveur).`,
            'Mesuré dans le processus (app.inject) : tout le chemin de la requête sauf la socket TCP.',
          ],
        },
        httpTable(http, options.duration, [
          `requête de la page (EXPLAIN ANALYZE, médiane de 5) : exécution ${statement.executionMs} ms, planification ${statement.planningMs} ms`,
          `Préau : \`preau serve\` sur la même base (DATABASE_URL) ; une session par connexion, les ${CONCURRENCY} comptes aux plus grandes boîtes.`,
          'Le fil du petit monde ne tient que les envois mesurés ci-dessus : sur une région (--data-dir), il a la taille de la messagerie.',
        ]),
      ],
      figures: {
        fanOut,
        fanOutReference,
        inbox,
        inboxReference,
        roundRatios,
        http,
        statement,
        messages: options.messages,
        sizes,
      },
      targets: [
        {
          label: `envoi à ${GUARDIANS} parents p99 < 100 ms`,
          met: fanOutP99 < 100,
          detail: `${fanOutP99} ms`,
        },
        { label: 'première page de la boîte p99 < 25 ms', met: inboxP99 < 25, detail: `${inboxP99} ms` },
        ...httpTargets(http),
      ],
    }
  } finally {
    await app?.close().catch(() => {})
    await db?.destroy().catch(() => {})
    await scratch.server.stop().catch(() => {})
    await fs.rm(base, { recursive: true, force: true }).catch(() => {})
  }
}

/** A session of `userId` opened straight in the database, as the cookie a browser would send. */
async function sessionCookieOf(db: Db, config: ReturnType<typeof loadConfig>, userId: string) {
  const { token, tokenHash } = newSessionToken()
  await insertSession(db, {
    userId,
    tokenHash,
    expiresAt: new Date(Date.now() + 3_600_000),
    ip: null,
    userAgent: 'bench',
    proof: { firstFactor: 'password', secondFactor: null },
  })
  return `${sessionCookieName(config)}=${token}`
}

type PagesOverHttp = {
  /** The rounds' median by requests per second. */
  inbox: LoadRound
  feed: LoadRound
  second: LoadRound
  bare: LoadRound
  /** Per round, the page's requests per second ÷ bare Fastify's measured just before it. */
  ratios: { inbox: number[]; feed: number[] }
  /** How many distinct readers, and how many of them have a second page. */
  readers: number
  readersWithSecondPage: number
}

/** The round with the median requests per second. */
function medianRound(rounds: LoadRound[]): LoadRound {
  const sorted = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)
  const middle = sorted[Math.floor(sorted.length / 2)]
  if (!middle) throw new Error('aucune mesure')
  return middle
}

/**
 * The inbox's and the feed's first pages over HTTP, as browsers ask them: `preau serve` as its own
 * process (`env`), autocannon at CONCURRENCY connections, each with the session of its own person (a
 * page cached for one reader is not another's). Bare Fastify runs beside it, idle but while it is
 * measured, and each round measures it just before the two pages: a machine whose speed drifts
 * during the run (shared, noisy) moves the reference and the pages alike, and the ratio is the median
 * of the rounds'. Then the inbox's second page (never cached: read from PostgreSQL each time).
 */
async function measurePagesOverHttp(input: {
  env: NodeJS.ProcessEnv
  cookies: string[]
  seconds: number
  rounds: number
  /** Stops the server (a region's embedded PostgreSQL with it); stopChild by default. */
  stop?: (server: Child) => Promise<void>
}): Promise<PagesOverHttp> {
  let server: Child | null = null
  let reference: Child | null = null
  const stop = input.stop ?? stopChild
  try {
    const port = await findFreePort()
    server = spawnPreau(['serve'], { ...input.env, PORT: String(port) })
    await waitForHttp(`http://127.0.0.1:${port}/ready`, server, { timeoutMs: 300_000 })
    const bareFastify = await startBareFastify()
    reference = bareFastify.child
    const base = `http://127.0.0.1:${port}`
    const inboxPath = '/api/messaging/folders/inbox/messages?limit=30'
    const perPerson = (pathOf: (cookie: string) => string, label: string) =>
      input.cookies.map((cookie) => [
        { method: 'GET' as const, path: pathOf(cookie), headers: { cookie }, label },
      ])
    const load = {
      url: `${base}/`,
      headers: BROWSER_HEADERS,
      seconds: input.seconds,
      connections: CONCURRENCY,
    }
    const pid = server.process.pid ?? 0
    const check = (round: LoadRound, what: string) => {
      if (round.non2xx > 0 || round.errors > 0)
        throw new Error(`${what} : ${round.non2xx} non-2xx, ${round.errors} erreurs`)
      return round
    }
    const inboxLoad = { ...load, perConnection: perPerson(() => inboxPath, 'inbox') }
    const feedLoad = { ...load, perConnection: perPerson(() => '/api/feed?limit=20', 'feed') }
    const bareLoad = { ...load, url: bareFastify.url }
    const referencePid = reference.process.pid ?? 0
    // Warm-up of the three, then the rounds.
    await measureLoad(referencePid, { ...bareLoad, seconds: 3 })
    await measureLoad(pid, { ...inboxLoad, seconds: 3 })
    await measureLoad(pid, { ...feedLoad, seconds: 3 })
    const rounds = { bare: [] as LoadRound[], inbox: [] as LoadRound[], feed: [] as LoadRound[] }
    const ratios = { inbox: [] as number[], feed: [] as number[] }
    for (let i = 0; i < input.rounds; i++) {
      const bare = check(await measureLoad(referencePid, bareLoad), 'Fastify nu')
      const inbox = check(await measureLoad(pid, inboxLoad), 'boîte')
      const feed = check(await measureLoad(pid, feedLoad), 'fil')
      rounds.bare.push(bare)
      rounds.inbox.push(inbox)
      rounds.feed.push(feed)
      ratios.inbox.push(ratio(inbox.requestsPerSecond, bare.requestsPerSecond))
      ratios.feed.push(ratio(feed.requestsPerSecond, bare.requestsPerSecond))
    }
    // The second page is never kept: the whole path of a page read from PostgreSQL.
    const withSecondPage: string[][] = []
    for (const cookie of input.cookies) {
      const first = (await (await fetch(`${base}${inboxPath}`, { headers: { cookie } })).json()) as {
        nextAfter: string | null
      }
      if (first.nextAfter) withSecondPage.push([cookie, first.nextAfter])
    }
    if (withSecondPage.length === 0) throw new Error('aucune boîte mesurée n’a de 2e page')
    // A reader whose inbox fits in one page leaves their connection to one who has a second page.
    const secondLoad = {
      ...load,
      perConnection: input.cookies.map((_, i) => {
        const [cookie = '', after = ''] = withSecondPage[i % withSecondPage.length] ?? []
        const path = `${inboxPath}&after=${encodeURIComponent(after)}`
        return [{ method: 'GET' as const, path, headers: { cookie }, label: 'second' }]
      }),
    }
    await measureLoad(pid, { ...secondLoad, seconds: 3 })
    const second = check(await measureLoad(pid, secondLoad), '2e page')
    return {
      inbox: medianRound(rounds.inbox),
      feed: medianRound(rounds.feed),
      second,
      bare: medianRound(rounds.bare),
      ratios,
      readers: input.cookies.length,
      readersWithSecondPage: withSecondPage.length,
    }
  } finally {
    if (reference) await stopChild(reference)
    if (server) await stop(server)
  }
}

/** The table of the HTTP measurements, ratios to bare Fastify of the same run. */
function httpTable(http: PagesOverHttp, seconds: number, notes: string[]) {
  const row = (label: string, measured: LoadRound, ratios?: number[]) => [
    label,
    measured.requestsPerSecond,
    measured.latency.p50Ms,
    measured.latency.p99Ms,
    ratios
      ? `${round(median(ratios), 3)} (${ratios.join(' ; ')})`
      : `${ratio(measured.requestsPerSecond, http.bare.requestsPerSecond)}`,
    measured.cpuUs.node,
    measured.cpuUs.postgres,
  ]
  return {
    title: `Pages en HTTP, ${CONCURRENCY} connexions de ${http.readers} personnes distinctes, ${seconds} s par mesure, ${http.ratios.inbox.length} tours (médianes)`,
    columns: [
      '',
      'req/s',
      'p50 (ms)',
      'p99 (ms)',
      'ratio req/s (médiane ; par tour)',
      'µs CPU Node',
      'µs CPU PostgreSQL',
    ],
    rows: [
      row('Fastify nu (référence)', http.bare),
      row('Préau GET …/folders/inbox/messages (1re page, 30)', http.inbox, http.ratios.inbox),
      row('Préau GET /api/feed (1re page, 20)', http.feed, http.ratios.feed),
      row('Préau 2e page de la boîte (jamais gardée)', http.second),
    ],
    notes,
  }
}

/** Targets of the issue for the first pages over HTTP: p99 < 25 ms and ≥ 35 % of bare Fastify's req/s. */
function httpTargets(http: PagesOverHttp) {
  return (
    [
      ['première page de la boîte', http.inbox, http.ratios.inbox],
      ['première page du fil', http.feed, http.ratios.feed],
    ] as const
  ).flatMap(([label, measured, ratios]) => {
    const share = round(median(ratios), 3)
    return [
      {
        label: `${label} en HTTP : p99 < 25 ms`,
        met: measured.latency.p99Ms < 25,
        detail: `${measured.latency.p99Ms} ms`,
      },
      { label: `${label} en HTTP : ≥ 35 % des req/s de Fastify nu`, met: share >= 0.35, detail: `${share}` },
    ]
  })
}

/**
 * The `count` people with the most messages in their inbox (the heaviest pages): one pass over the
 * page index (index-only: the generator writes the rows frozen, all-visible), a minute at 60 million
 * rows.
 */
async function busiestReaders(
  db: Db,
  count: number,
): Promise<{ ids: string[]; smallest: number; largest: number }> {
  const { rows } = await sql<{ userId: string; n: string }>`
    select user_id, count(*) as n from mailbox_entries
    where folder = 'inbox' group by user_id order by count(*) desc, user_id limit ${count}
  `.execute(db)
  if (rows.length < count) throw new Error(`${count} lecteurs attendus, ${rows.length} trouvés`)
  return {
    ids: rows.map((row) => row.userId),
    largest: Number(rows[0]?.n),
    smallest: Number(rows.at(-1)?.n),
  }
}

type BenchSchool = { schoolId: string; directorId: string; heavyParentId: string; classId: string }

/** One school: a director, a class, 700 parents each with a child in it, and other accounts. */
async function seedSchool(db: Db): Promise<BenchSchool> {
  await sql`
    insert into collectivities (kind, name, siren) values ('commune', 'Banc d’essai', '000000001');
    insert into schools (collectivity_id, uai, name, kind, insee_code)
      values ((select id from collectivities), '0000001A', 'École du banc', 'primaire', '75056');
    insert into school_years (label, starts_on, ends_on, is_current)
      select '2026-2027', '2026-09-01', '2027-07-04', true
      where not exists (select 1 from school_years where is_current);
    insert into classes (school_id, school_year_id, name, levels)
      values ((select id from schools), (select id from school_years where is_current), 'CM1 A', '{CM1}');
    insert into users (login, first_name, last_name, display_name)
      select 'compte.' || i, 'Prénom' || i, 'Nom' || (i % 997), 'Prénom' || i || ' Nom' || (i % 997)
      from generate_series(1, ${sql.lit(GUARDIANS * 2 + 1 + OTHER_USERS)}) i;
    -- compte.1: the director; 2..701: parents; 702..1401: their children; the rest: other schools' people.
    insert into memberships (school_id, user_id, profile, functions)
      select (select id from schools), u.id,
        case when n = 1 then 'teacher' when n <= ${sql.lit(GUARDIANS + 1)} then 'parent'
             when n <= ${sql.lit(GUARDIANS * 2 + 1)} then 'pupil' else 'staff' end,
        case when n = 1 then '{director}'::text[] else '{}' end
      from (select id, substr(login, 8)::int as n from users) u where n <= ${sql.lit(GUARDIANS * 2 + 1)};
    insert into class_members (school_id, class_id, user_id, role)
      select m.school_id, (select id from classes), m.user_id, 'pupil' from memberships m where m.profile = 'pupil';
    insert into family_links (school_id, pupil_id, parent_id)
      select (select id from schools), c.id, p.id from users p join users c
        on substr(c.login, 8)::int = substr(p.login, 8)::int + ${sql.lit(GUARDIANS)}
      where substr(p.login, 8)::int between 2 and ${sql.lit(GUARDIANS + 1)};
  `.execute(db)
  const id = async (login: string) =>
    (await db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirstOrThrow()).id
  const school = await db.selectFrom('schools').select('id').executeTakeFirstOrThrow()
  const klass = await db.selectFrom('classes').select('id').executeTakeFirstOrThrow()
  return {
    schoolId: school.id,
    directorId: await id('compte.1'),
    heavyParentId: await id('compte.2'),
    classId: klass.id,
  }
}

/**
 * `count` messages of the school, by batches: each from a random account to two others (and the author's
 * copy), one in 200 to the measured parent, so their inbox is large; newest last, like real mail.
 */
async function seedMessages(db: Db, world: BenchSchool, count: number, log: (line: string) => void) {
  const batch = 250_000
  // As a bulk load does: the secondary indexes are built once at the end, not row by row.
  const indexes = await sql<{ definition: string; name: string }>`
    select indexdef as definition, indexname as name from pg_indexes
    where tablename in ('messages', 'mailbox_entries') and indexname not like '%_pkey'
  `.execute(db)
  for (const index of indexes.rows) await sql`drop index ${sql.id(index.name)}`.execute(db)
  // Accounts numbered 1…n, to pick them by a hash of the message's number.
  await sql`create unlogged table bench_users as select row_number() over (order by id) as k, id from users`.execute(
    db,
  )
  await sql`create unique index bench_users_k on bench_users (k)`.execute(db)
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start)
    await sql`
      with generated as (
        select gen_random_uuid() as id, i,
          now() - make_interval(secs => (${sql.lit(count)} - i) * 30) as sent_at,
          1 + (hashint4(i) & 2147483647) % ${sql.lit(GUARDIANS * 2 + 1 + OTHER_USERS)} as author_k
        from generate_series(${sql.lit(start + 1)}, ${sql.lit(start + size)}) i
      ), inserted as (
        insert into messages (school_id, id, author_id, subject, body_html, body_text, state, sent_at)
        select ${world.schoolId}::uuid, g.id, u.id, 'Message ' || g.i || ' sortie piscine cantine',
          '<p>Bonjour, voici les nouvelles de la semaine numéro ' || g.i || '.</p>',
          'Bonjour, voici les nouvelles de la semaine numéro ' || g.i || '.', 'sent', g.sent_at
        from generated g join bench_users u on u.k = g.author_k
        returning id, author_id, sent_at
      )
      insert into mailbox_entries (school_id, message_id, user_id, role, folder, sent_at, read_at)
      select ${world.schoolId}::uuid, m.id, r.user_id, r.role, r.folder, m.sent_at, r.read_at
      from inserted m
      cross join lateral (
        select m.author_id as user_id, 'author' as role, 'sent' as folder, m.sent_at as read_at
        union all
        select case when (hashint4(hashtext(m.id::text)) & 2147483647) % 200 = 0 then ${world.heavyParentId}::uuid
          else (select id from bench_users where k = 1 + (hashint4(hashtext(m.id::text)) & 2147483647) % ${sql.lit(OTHER_USERS)} + 1) end,
          'to', 'inbox', null
        union all
        select (select id from bench_users where k = 1 + (hashint4(hashtext(m.id::text) + 7) & 2147483647) % ${sql.lit(OTHER_USERS)} + 2),
          'to', 'inbox', m.sent_at
      ) r
      where r.user_id is not null
      on conflict do nothing
    `.execute(db)
    log(`  ${(start + size).toLocaleString('fr-FR')} / ${count.toLocaleString('fr-FR')}`)
  }
  await sql`drop table bench_users`.execute(db)
  log('  index…')
  for (const index of indexes.rows) await sql.raw(index.definition).execute(db)
  await sql`analyze`.execute(db)
}

async function tableSizes(db: Db): Promise<string> {
  const { rows } = await sql<{ messages: string; entries: string; heavy: string }>`
    select (select count(*) from messages) as messages, (select count(*) from mailbox_entries) as entries,
      pg_size_pretty(pg_database_size(current_database())) as heavy
  `.execute(db)
  const row = rows[0]!
  return `${Number(row.messages).toLocaleString('fr-FR')} messages, ${Number(row.entries).toLocaleString('fr-FR')} lignes de boîte, ${row.heavy}`
}

/** The reference of the fan-out: the 700 guardians' rows of a message, one raw insert … select. */
async function rawFanOut(db: Db, world: BenchSchool): Promise<number> {
  const id = randomUUID()
  await db
    .insertInto('messages')
    .values({
      schoolId: world.schoolId,
      id,
      authorId: world.directorId,
      subject: 'Référence',
      state: 'sent',
      sentAt: new Date(),
    })
    .execute()
  const since = performance.now()
  await sql`insert into mailbox_entries (school_id, message_id, user_id, role, folder, sent_at)
    select ${world.schoolId}::uuid, ${id}::uuid, m.user_id, 'to', 'inbox', now()
    from memberships m where m.school_id = ${world.schoolId} and m.profile = 'parent'`.execute(db)
  return performance.now() - since
}

/**
 * The pages on a generated region with its mail (`preau bench data --pupils N --messages M`, kept in
 * `dataDir`): the CONCURRENCY people with the largest inboxes, each on their own connection, read their
 * inbox's and their feed's first pages over HTTP; reference: bare Fastify in the same run, and the same
 * page queries straight on PostgreSQL (no HTTP) at the same concurrency. Nothing is written but the
 * readers' sessions: the kept region stays as generated.
 */
async function runOnRegion(
  options: MessagingOptions & { dataDir: string },
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const loadBefore = os.loadavg()
  const region = await regionDataDir(
    'messaging',
    options.dataDir,
    { pupils: options.pupils, seed: options.seed, messages: options.messages },
    await findFreePort(),
    log,
  )
  try {
    const config = loadConfig(region.env)
    const database = await openDatabase(config)
    let readers: Awaited<ReturnType<typeof busiestReaders>>
    let cookies: string[]
    let sqlPages: { inbox: number[]; feed: number[] }
    let plans: { inbox: Explained; feed: Explained }
    let sizes: string
    try {
      const db = database.db
      sizes = await tableSizes(db)
      log(`Région : ${sizes}`)
      readers = await busiestReaders(db, CONCURRENCY)
      cookies = await Promise.all(readers.ids.map((userId) => sessionCookieOf(db, config, userId)))
      sqlPages = { inbox: [], feed: [] }
      // Warm-up, then the reference: the app's page queries for the same readers, CONCURRENCY at once.
      for (const warm of [true, false]) {
        for (let done = 0; done < (warm ? CONCURRENCY : options.pages); done += CONCURRENCY) {
          for (const [kind, read] of [
            ['inbox', (userId: string) => findMailboxPage(db, { userId, folder: 'inbox', limit: 30 })],
            ['feed', (userId: string) => findFeedPage(db, userId, { limit: 20 })],
          ] as const) {
            await Promise.all(
              readers.ids.map(async (userId) => {
                const since = performance.now()
                await read(userId)
                if (!warm) sqlPages[kind].push(performance.now() - since)
              }),
            )
          }
        }
      }
      const explainPool = new pg.Pool({ connectionString: database.connectionString, max: 1 })
      explainPool.on('error', () => {})
      const heaviest = readers.ids[0] ?? ''
      try {
        plans = {
          inbox: await explainQuery(
            explainPool,
            await captureQuery(explainPool, (handle) =>
              findMailboxPage(handle, { userId: heaviest, folder: 'inbox', limit: 30 }),
            ),
          ),
          feed: await explainQuery(
            explainPool,
            await captureQuery(explainPool, (handle) => findFeedPage(handle, heaviest, { limit: 20 })),
          ),
        }
      } finally {
        await explainPool.end()
      }
      log(`Plan de la page de boîte :\n${plans.inbox.plan}\nPlan de la page du fil :\n${plans.feed.plan}`)
    } finally {
      await database.close()
    }

    log(
      `Pages en HTTP : ${CONCURRENCY} connexions de ${CONCURRENCY} personnes, chaque tour après Fastify nu…`,
    )
    const http = await measurePagesOverHttp({
      env: region.env,
      cookies,
      seconds: options.duration,
      rounds: options.rounds,
      stop: (server) => stopPreau(server, region.dir),
    })
    const loadavg = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ')
    const summary = region.summary
    return {
      tables: [
        httpTable(http, options.duration, [
          `Région : ${summary.pupils.toLocaleString('fr-FR')} élèves, ${summary.schools} écoles ; ${sizes}.`,
          `Une session par connexion : les ${CONCURRENCY} comptes aux plus grandes boîtes de réception de ${readers.smallest} à ${readers.largest} messages reçus ; ${http.readersWithSecondPage} d’entre elles ont une 2e page (la 2e page des autres connexions est la leur).`,
          `page de boîte (EXPLAIN ANALYZE, médiane de 5, le plus gros lecteur) : exécution ${plans.inbox.executionMs} ms, planification ${plans.inbox.planningMs} ms`,
          `page du fil : exécution ${plans.feed.executionMs} ms, planification ${plans.feed.planningMs} ms`,
          `charge moyenne au départ ${loadavg(loadBefore)}, à la fin ${loadavg(os.loadavg())}`,
        ]),
        {
          title: `Les mêmes pages en SQL seul (findMailboxPage, findFeedPage), ${CONCURRENCY} en parallèle`,
          columns: ['', 'requêtes', 'p50 (ms)', 'p99 (ms)'],
          rows: (['inbox', 'feed'] as const).map((kind) => [
            kind === 'inbox' ? '1re page de la boîte (30)' : '1re page du fil (20)',
            sqlPages[kind].length,
            round(percentile(sqlPages[kind], 50)),
            round(percentile(sqlPages[kind], 99)),
          ]),
          notes: ['Kysely + pg sur la base de la région, sans HTTP ni cache : la part de PostgreSQL.'],
        },
      ],
      figures: {
        http,
        sqlPages: {
          inbox: { p50: percentile(sqlPages.inbox, 50), p99: percentile(sqlPages.inbox, 99) },
          feed: { p50: percentile(sqlPages.feed, 50), p99: percentile(sqlPages.feed, 99) },
        },
        plans,
        sizes,
        readers,
        region: { summary, wallSeconds: region.wallSeconds },
        loadAverage: { before: loadBefore, after: os.loadavg() },
      },
      targets: httpTargets(http),
    }
  } finally {
    await region.remove()
  }
}
