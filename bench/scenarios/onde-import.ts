import type { ChildProcess } from 'node:child_process'
import { createReadStream, createWriteStream, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { EXIT } from '../../src/cli/exit-codes.ts'
import { loadConfig } from '../../src/server/config.ts'
import { createDatabase, type Db } from '../../src/server/db/connection.ts'
import { type OpenDatabase, openDatabase } from '../../src/server/db/open.ts'
import type { ImportSettings } from '../../src/server/modules/imports/onde/index.ts'
import { copyData, copyText } from '../data/copy-writer.ts'
import type { OndeFilesSummary } from '../data/onde-files.ts'
import { ONDE_FILE_NAMES } from '../data/onde-files.ts'
import { PUPILS_PER_SCHOOL, planOf } from '../data/plan.ts'
import { createTempDataDir, generateBenchData, preauEnv, spawnPreau, type TempDataDir } from '../lib/preau.ts'
import type { ScenarioResult, Target } from '../lib/results.ts'
import { median, ratio, round } from '../lib/stats.ts'

/**
 * The ONDE import at region scale, and for one school.
 *
 * `onde-import`: a deployment of N schools without anyone (`preau bench data --structures-only`), their
 * ONDE exports (`preau bench onde-files`), then, on the same cluster: the reference — the same rows read
 * from the same files, split naively and sent with a plain COPY into bare tables of text columns —, and
 * `preau import onde DIR --apply --json` as its own process, timed end to end with its peak memory.
 *
 * `onde-school`: schools of about 250 pupils, each imported as the director's screen does it — a dry run,
 * then apply — through the import's service in this process, after a warm-up import: a command's start
 * (seconds of Node and module loading) would hide what a director waits for in a running server.
 */
export type OndeImportOptions = { schools: number; seed: number }
export type OndeSchoolOptions = {
  rounds: number
  seed: number
  /** A file that receives the plan and timing of every statement of the second import (auto_explain). */
  explain?: string | null
}

/** 5,000 schools: 600,000 pupils, ~900,000 guardians (the Hauts-de-France). */
export const REGION_SCHOOLS = 5_000
const RATIO_TARGET = 4
const RSS_TARGET_MB = 1024
const SCHOOL_PUPILS = 250
const SCHOOL_TARGET_S = 1
/** The files a director drops in the import's three slots. */
const IMPORT_KINDS = ['pupils', 'guardians', 'teachers'] as const
/** The one-school scenario picks its schools among this many. */
const SCHOOLS_TO_PICK_FROM = 100
/** Memory of the import process is read this often. */
const SAMPLE_MS = 100
/** Reference rows go to PostgreSQL in batches of about this many bytes, as `bench data` does. */
const BATCH_BYTES = 4_000_000

type Log = (line: string) => void

export async function runOndeImport(options: OndeImportOptions, log: Log): Promise<ScenarioResult> {
  await ensureImportCommand()
  const dataDir = await createTempDataDir('onde-import')
  let database: OpenDatabase | null = null
  try {
    const prepared = await prepare(dataDir, options.schools, options.seed, log)
    database = await openDatabase(loadConfig(prepared.env))
    const env = { ...prepared.env, DATABASE_URL: database.connectionString }

    log('Référence : COPY brut des mêmes lignes, lues dans les mêmes fichiers, dans des tables nues…')
    const reference = await timeReferenceCopy(database.connectionString, prepared.filesDir)
    log(`  ${round(reference.seconds, 2)} s, ${reference.rows.total.toLocaleString('fr-FR')} lignes`)

    log(`preau import onde ${prepared.filesDir} --apply --json…`)
    const run = await runImport(['--apply', '--json'], prepared.filesDir, env, log)
    if (!imported(run)) throw new Error(`preau import onde a échoué (code ${run.code}) :\n${run.tail}`)
    const found = await countImported(database.connectionString)
    const report = summariseReport(run.stdout)

    const files = prepared.files
    const fileRows = files.pupils + files.guardians + files.childLinks + files.teachers
    const importRatio = ratio(run.seconds, reference.seconds)
    const complete =
      found.pupils === files.pupils &&
      found.guardians === files.guardians &&
      found.familyLinks === files.childLinks &&
      found.teachers === files.teachers
    const scale = options.schools >= REGION_SCHOOLS ? '' : ` (échelle réduite : ${options.schools} écoles)`
    const n = (value: number) => value.toLocaleString('fr-FR')
    const targets: Target[] = [
      {
        label: `import ≤ ${RATIO_TARGET} × le COPY brut${scale}`,
        met: importRatio <= RATIO_TARGET,
        detail: `${importRatio} × (${round(run.seconds)} s contre ${round(reference.seconds)} s)`,
      },
      {
        label: `mémoire de l’import < 1 Go${scale}`,
        met: run.peakRssMb < RSS_TARGET_MB,
        detail: `pic ${round(run.peakRssMb)} Mo (VmHWM)`,
      },
      {
        label: 'chaque ligne des fichiers importée',
        met: complete,
        detail: `élèves ${n(found.pupils)}/${n(files.pupils)}, responsables ${n(found.guardians)}/${n(files.guardians)}, liens ${n(found.familyLinks)}/${n(files.childLinks)}, enseignants ${n(found.teachers)}/${n(files.teachers)}`,
      },
    ]
    return {
      tables: [
        {
          title: `Import ONDE — ${n(options.schools)} écoles, ${n(files.pupils)} élèves, ${n(files.guardians)} responsables`,
          columns: ['mesure', 'secondes', 'lignes', 'lignes/s', '÷ COPY brut', 'RSS max Mo'],
          rows: [
            [
              'COPY brut, tables nues (référence)',
              round(reference.seconds, 2),
              reference.rows.total,
              Math.round(reference.rows.total / reference.seconds),
              1,
              '',
            ],
            [
              'preau import onde --apply (processus entier)',
              round(run.seconds, 2),
              fileRows,
              Math.round(fileRows / run.seconds),
              importRatio,
              round(run.peakRssMb),
            ],
            [
              'preau bench onde-files (écriture des fichiers)',
              round(prepared.filesSeconds, 2),
              fileRows,
              Math.round(fileRows / prepared.filesSeconds),
              '',
              files.maxRssMb,
            ],
          ],
          notes: [
            `fichiers : ${n(files.files)} (${n(Math.round(files.bytes / 1e6))} Mo, ISO-8859-1) ; lignes : élèves, responsables, enfants rattachés (blocs remplis), enseignants`,
            `référence : ${n(reference.rows.pupils)} élèves, ${n(reference.rows.guardians)} responsables, ${n(reference.rows.childLinks)} liens, ${n(reference.rows.teachers)} enseignants, une transaction, colonnes text sans index`,
            `après l’import : ${n(found.pupils)} élèves, ${n(found.guardians)} responsables, ${n(found.teachers)} enseignants membres d’une école, ${n(found.familyLinks)} liens de parenté, ${n(found.classes)} classes`,
            ...(report ? [`rapport de l’import : ${report}`] : []),
            `mémoire de l’import échantillonnée toutes les ${SAMPLE_MS} ms (${run.samples} relevés, VmRSS max ${round(run.maxSampledRssMb)} Mo)`,
            `structures (bench data --structures-only) : ${round(prepared.structuresSeconds)} s, non compté`,
          ],
        },
      ],
      figures: {
        schools: options.schools,
        files,
        filesSeconds: round(prepared.filesSeconds, 2),
        reference: { seconds: round(reference.seconds, 3), rows: reference.rows },
        import: {
          seconds: round(run.seconds, 3),
          peakRssMb: round(run.peakRssMb),
          maxSampledRssMb: round(run.maxSampledRssMb),
          samples: run.samples,
          report,
        },
        ratio: importRatio,
        found,
      },
      targets,
    }
  } finally {
    await database?.close()
    await dataDir.remove()
  }
}

export async function runOndeSchool(options: OndeSchoolOptions, log: Log): Promise<ScenarioResult> {
  const dataDir = await createTempDataDir('onde-school')
  let database: OpenDatabase | null = null
  try {
    const prepared = await prepare(dataDir, SCHOOLS_TO_PICK_FROM, options.seed, log)
    // The measured schools, then one more to warm up on (JIT, pools, PostgreSQL's caches), as a running
    // server would be.
    const chosen = schoolsNear(SCHOOL_PUPILS, options.rounds + 1, options.seed)
    const warmUp = chosen.pop()!
    const config = loadConfig(prepared.env)
    const explainLog = options.explain ? createWriteStream(options.explain) : null
    database = await openDatabase(config, {
      onLog: explainLog ? (line) => explainLog.write(`${line}\n`) : undefined,
    })
    let db = database.db
    // Loaded here, not at the top: the other scenarios run even while the import does not build.
    const { applyImportRun, createImportRun } = await import('../../src/server/modules/imports/onde/index.ts')
    const settings: ImportSettings = {
      graceDays: config.importGraceDays,
      codeDays: config.activationCodeDays,
      maxBytes: config.importMaxBytes,
    }
    const ids = new Map(
      (await db.selectFrom('schools').select(['id', 'uai']).execute()).map((row) => [row.uai, row.id]),
    )
    /** The director's screen: the three files in their slots, a dry run, then apply. */
    const importSchool = async (uai: string) => {
      const schoolId = ids.get(uai)
      if (!schoolId) throw new Error(`école ${uai} absente de la base`)
      const files = IMPORT_KINDS.map((kind) => ({
        name: ONDE_FILE_NAMES[kind],
        schoolId,
        uai: null,
        kind,
        source: createReadStream(path.join(prepared.filesDir, uai, ONDE_FILE_NAMES[kind])),
      }))
      const started = performance.now()
      const report = await createImportRun(db, settings, { schoolId, actorId: null, files })
      const dryRunDone = performance.now()
      if (!report.canApply) throw new Error(`import de ${uai} impossible : ${report.blocking.join(' ; ')}`)
      const applied = await applyImportRun(db, settings, report.id, schoolId, null)
      const appliedDone = performance.now()
      return {
        dryRunSeconds: (dryRunDone - started) / 1000,
        applySeconds: (appliedDone - dryRunDone) / 1000,
        totalSeconds: (appliedDone - started) / 1000,
        report: summariseReport(JSON.stringify(applied)),
        created: applied.schools.reduce(
          (n, school) => n + school.pupils.created + school.guardians.created + school.teachers.created,
          0,
        ),
      }
    }

    log(`Échauffement : import de l’école ${warmUp.uai} (${warmUp.pupils} élèves), non compté…`)
    await importSchool(warmUp.uai)
    const rounds: ({ uai: string; pupils: number } & Awaited<ReturnType<typeof importSchool>>)[] = []
    for (const school of chosen) {
      log(`École ${school.uai} (${school.pupils} élèves) : simulation, puis application…`)
      rounds.push({ ...school, ...(await importSchool(school.uai)) })
    }
    const first = rounds[0]!
    // Importing the same files again must change nothing: once, as a check and a figure.
    log(`École ${first.uai} : second import des mêmes fichiers…`)
    const explaining = explainLog ? await explainNewConnections(database, log) : null
    if (explaining) db = explaining
    const reimport = await importSchool(first.uai)
    if (explaining) {
      db = database.db
      await explaining.destroy()
      explainLog?.end()
    }

    // The reference: the same rows of the first school, a raw COPY into bare tables.
    const referenceDir = path.join(dataDir.dir, 'reference')
    await fs.mkdir(referenceDir)
    await fs.cp(path.join(prepared.filesDir, first.uai), path.join(referenceDir, first.uai), {
      recursive: true,
    })
    const reference = await timeReferenceCopy(database.connectionString, referenceDir)

    const ms = (seconds: number) => Math.round(seconds * 1000)
    const total = median(rounds.map((r) => r.totalSeconds))
    // The same school's files, first imported then imported again, in this run.
    const reimportRatio = reimport.totalSeconds / first.totalSeconds
    return {
      tables: [
        {
          title: `Import ONDE d’une école d’environ ${SCHOOL_PUPILS} élèves — ${rounds.length} écoles, service de l’import`,
          columns: ['école', 'élèves', 'simulation ms', 'application ms', 'simulation + application ms'],
          rows: [
            ...rounds.map((r) => [
              r.uai,
              r.pupils,
              ms(r.dryRunSeconds),
              ms(r.applySeconds),
              ms(r.totalSeconds),
            ]),
            [
              'médiane',
              '',
              ms(median(rounds.map((r) => r.dryRunSeconds))),
              ms(median(rounds.map((r) => r.applySeconds))),
              ms(total),
            ],
            [
              `second import de ${first.uai}`,
              first.pupils,
              ms(reimport.dryRunSeconds),
              ms(reimport.applySeconds),
              ms(reimport.totalSeconds),
            ],
            [`COPY brut des lignes de ${first.uai} (référence)`, first.pupils, '', '', ms(reference.seconds)],
          ],
          notes: [
            'createImportRun (lecture des trois fichiers, mise en attente, planification, rapport) puis applyImportRun (une transaction), comme l’écran de la direction, dans le processus du banc, après un import d’échauffement',
            `rapport de ${first.uai} : ${first.report ?? '—'}`,
            `second import : ${reimport.report ?? '—'}`,
            `référence : ${reference.rows.total} lignes (élèves, responsables, enfants rattachés, enseignants), colonnes text sans index`,
          ],
        },
      ],
      figures: {
        rounds: rounds.map((r) => ({
          uai: r.uai,
          pupils: r.pupils,
          dryRunSeconds: round(r.dryRunSeconds, 3),
          applySeconds: round(r.applySeconds, 3),
          totalSeconds: round(r.totalSeconds, 3),
          report: r.report,
        })),
        reimport: {
          uai: first.uai,
          dryRunSeconds: round(reimport.dryRunSeconds, 3),
          applySeconds: round(reimport.applySeconds, 3),
          created: reimport.created,
          report: reimport.report,
          ratioToFirstImport: round(reimportRatio, 2),
        },
        reference: { seconds: round(reference.seconds, 3), rows: reference.rows },
      },
      targets: [
        {
          label: `une école de ${SCHOOL_PUPILS} élèves : simulation + application < ${SCHOOL_TARGET_S} s`,
          met: total < SCHOOL_TARGET_S,
          detail: `${ms(total)} ms (médiane de ${rounds.length} écoles de ${rounds.map((r) => r.pupils).join(', ')} élèves)`,
        },
        {
          label: 'le second import des mêmes fichiers ne crée rien',
          met: reimport.created === 0,
          detail: `${reimport.created} comptes créés`,
        },
        {
          label: 'le second import des mêmes fichiers ne prend pas plus de temps que le premier',
          met: reimport.totalSeconds <= first.totalSeconds,
          detail: `${ms(reimport.totalSeconds)} ms contre ${ms(first.totalSeconds)} ms (× ${round(reimportRatio, 2)})`,
        },
      ],
    }
  } finally {
    await database?.close()
    await dataDir.remove()
  }
}

/**
 * A pool whose connections log the plan of every statement they run, nested ones too, with actual
 * times and buffers (auto_explain, shipped with the embedded PostgreSQL), into the cluster's log.
 */
async function explainNewConnections(database: OpenDatabase, log: Log): Promise<Db> {
  for (const setting of [
    "session_preload_libraries = 'auto_explain'",
    'auto_explain.log_min_duration = 0',
    'auto_explain.log_analyze = on',
    'auto_explain.log_buffers = on',
    'auto_explain.log_nested_statements = on',
  ]) {
    await sql.raw(`alter system set ${setting}`).execute(database.db)
  }
  await sql`select pg_reload_conf()`.execute(database.db)
  log('Plans du second import (auto_explain) dans le journal demandé')
  return createDatabase({ connectionString: database.connectionString, poolSize: 4 })
}

/** The deployment without anyone and the files of its schools, in a new data directory. */
async function prepare(
  dataDir: TempDataDir,
  schools: number,
  seed: number,
  log: Log,
): Promise<{
  env: NodeJS.ProcessEnv
  filesDir: string
  files: OndeFilesSummary
  filesSeconds: number
  structuresSeconds: number
}> {
  const env = preauEnv(dataDir.dir)
  const pupils = schools * PUPILS_PER_SCHOOL
  log(`Structures de ${schools.toLocaleString('fr-FR')} écoles, sans personne (graine ${seed})…`)
  const structures = await generateBenchData(env, { pupils, seed, structuresOnly: true }, log)
  const filesDir = path.join(dataDir.dir, 'onde')
  log(`Exports ONDE de ces écoles dans ${filesDir}…`)
  const started = performance.now()
  const child = spawnPreau(
    [
      'bench',
      'onde-files',
      '--schools',
      String(schools),
      '--seed',
      String(seed),
      '--out',
      filesDir,
      '--json',
    ],
    env,
  )
  const { code, stdout } = await collect(child.process, log)
  const filesSeconds = (performance.now() - started) / 1000
  if (code !== 0) throw new Error(`preau bench onde-files a échoué (code ${code}) :\n${child.output()}`)
  return {
    env,
    filesDir,
    files: JSON.parse(stdout) as OndeFilesSummary,
    filesSeconds,
    structuresSeconds: structures.wallSeconds,
  }
}

/** The `count` schools of the plan whose pupil count is nearest `pupils`. */
function schoolsNear(pupils: number, count: number, seed: number): { uai: string; pupils: number }[] {
  const { plan } = planOf(SCHOOLS_TO_PICK_FROM * PUPILS_PER_SCHOOL, seed)
  return plan.collectivities
    .flatMap((c) => c.schools)
    .map((school) => ({ uai: school.uai, pupils: school.classes.reduce((n, k) => n + k.pupils, 0) }))
    .sort((a, b) => Math.abs(a.pupils - pupils) - Math.abs(b.pupils - pupils) || (a.uai < b.uai ? -1 : 1))
    .slice(0, count)
}

/** Fails at once, before generating anything, when the CLI has no `import onde` command yet. */
async function ensureImportCommand(): Promise<void> {
  const child = spawnPreau(['import', 'onde', '--help'], process.env)
  const { code } = await collect(child.process, () => {})
  if (code !== 0) {
    throw new Error(
      `la commande « preau import onde » n’existe pas encore ou ne répond pas (preau import onde --help : code ${code}) : ce scénario la mesure et ne peut pas tourner sans elle.\n${child.output()}`,
    )
  }
}

type Measured = {
  code: number | null
  seconds: number
  stdout: string
  tail: string
  /** The process's peak resident memory (VmHWM) as last read, in megabytes. */
  peakRssMb: number
  /** The largest VmRSS sampled. */
  maxSampledRssMb: number
  samples: number
}

/** The import ran to its end: without anomaly, or with anomalies its report lists (applied all the same). */
const imported = (run: Measured) => run.code === EXIT.ok || run.code === EXIT.anomalies

function runImport(flags: string[], dir: string, env: NodeJS.ProcessEnv, log: Log): Promise<Measured> {
  return runCli(['import', 'onde', dir, ...flags], env, log)
}

/**
 * Runs a `preau` command as its own process, timed from spawn to exit, its memory read from /proc every
 * 100 ms: VmHWM is the kernel's own peak, so the last reading before exit misses at most the final
 * 100 ms of growth.
 */
async function runCli(args: string[], env: NodeJS.ProcessEnv, log: Log = () => {}): Promise<Measured> {
  const started = performance.now()
  const child = spawnPreau(args, env)
  const pid = child.process.pid
  let peakKb = 0
  let maxRssKb = 0
  let samples = 0
  const sample = () => {
    if (pid === undefined) return
    let status: string
    try {
      status = readFileSync(`/proc/${pid}/status`, 'utf8')
    } catch {
      return // exited meanwhile
    }
    samples++
    peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))
    maxRssKb = Math.max(maxRssKb, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0))
  }
  const timer = setInterval(sample, SAMPLE_MS)
  sample()
  try {
    const { code, stdout } = await collect(child.process, log)
    return {
      code,
      seconds: (performance.now() - started) / 1000,
      stdout,
      tail: child.output(),
      peakRssMb: peakKb / 1024,
      maxSampledRssMb: maxRssKb / 1024,
      samples,
    }
  } finally {
    clearInterval(timer)
  }
}

/** Waits for a child's exit, keeping its stdout and relaying its stderr lines to `log`. */
async function collect(child: ChildProcess, log: Log): Promise<{ code: number | null; stdout: string }> {
  const chunks: Buffer[] = []
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk))
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) log(`  ${line.trim()}`)
  })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { code, stdout: Buffer.concat(chunks).toString('utf8') }
}

/** What the import's JSON report says it did, in one line; null when stdout holds no such report. */
function summariseReport(stdout: string): string | null {
  let report: unknown
  try {
    report = JSON.parse(stdout)
  } catch {
    return null
  }
  const schools = (report as { schools?: unknown }).schools
  if (!Array.isArray(schools)) return null
  const sum = (kind: 'pupils' | 'guardians' | 'teachers', field: 'created' | 'updated' | 'unchanged') =>
    schools.reduce((total: number, school) => total + Number(school?.[kind]?.[field] ?? 0), 0)
  const part = (kind: 'pupils' | 'guardians' | 'teachers', label: string) =>
    `${label} ${sum(kind, 'created')} créés, ${sum(kind, 'updated')} modifiés, ${sum(kind, 'unchanged')} inchangés`
  const { anomalies, anomalyCodes } = report as { anomalies?: unknown; anomalyCodes?: unknown }
  const codes = Object.entries((anomalyCodes as Record<string, number> | undefined) ?? {})
    .map(([code, count]) => `${code} ${count}`)
    .join(', ')
  return `${schools.length} écoles ; ${part('pupils', 'élèves')} ; ${part('guardians', 'responsables')} ; ${part('teachers', 'enseignants')} ; ${Number(anomalies ?? 0)} anomalies${codes ? ` (${codes})` : ''}`
}

/** Members of the schools by profile, family links and classes, as the import left them. */
async function countImported(connectionString: string) {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    const { rows } = await client.query<Record<string, string>>(`
      select
        (select count(*) from memberships where profile = 'pupil') as pupils,
        (select count(*) from memberships where profile = 'parent') as guardians,
        (select count(*) from memberships where profile = 'teacher') as teachers,
        (select count(*) from family_links) as family_links,
        (select count(*) from classes) as classes`)
    const row = rows[0] ?? {}
    return {
      pupils: Number(row.pupils),
      guardians: Number(row.guardians),
      teachers: Number(row.teachers),
      familyLinks: Number(row.family_links),
      classes: Number(row.classes),
    }
  } finally {
    await client.end()
  }
}

/** The bare tables of the reference: every column of each file as text, plus the school and the line. */
const REFERENCE_TABLES = {
  pupils: [
    'last_name',
    'usage_name',
    'first_name',
    'birth_date',
    'sex',
    'address1',
    'postcode1',
    'city1',
    'country1',
    'address2',
    'postcode2',
    'city2',
    'country2',
    'cycle',
    'level',
    'class_name',
    'certificate',
    'associations',
    'photos',
    'promotion',
  ],
  guardians: [
    'civility',
    'usage_name',
    'last_name',
    'first_name',
    'address',
    'postcode',
    'city',
    'country',
    'email',
    'home_phone',
    'work_phone',
    'mobile_phone',
  ],
  childLinks: ['n', 'usage_name', 'last_name', 'first_name', 'class_name'],
  teachers: [
    'civility',
    'usage_name',
    'last_name',
    'first_name',
    'address',
    'postcode',
    'city',
    'country',
    'email',
    'home_phone',
    'mobile_phone',
    'director',
    'class_name',
  ],
} as const
type ReferenceTable = keyof typeof REFERENCE_TABLES
const REFERENCE_ORDER = Object.keys(REFERENCE_TABLES) as ReferenceTable[]
const GUARDIAN_COLUMNS = REFERENCE_TABLES.guardians.length
const CHILD_BLOCK = 4

const tableName = (table: ReferenceTable) => `bench_onde_${table === 'childLinks' ? 'child_links' : table}`
const copyTarget = (table: ReferenceTable) =>
  `${tableName(table)} (uai, line, ${REFERENCE_TABLES[table].join(', ')})`

/**
 * The reference: every school's three files read (one file at a time), split on line ends and `;`, quotes
 * stripped, and sent with COPY in batches of a few megabytes into bare tables (text columns, no key, no
 * index), in one transaction; the next batch is split while PostgreSQL ingests the previous one. Timed
 * from the first read to the commit. The tables are dropped afterwards and a checkpoint flushes what they
 * dirtied, so that the import starts from the same database.
 */
async function timeReferenceCopy(
  connectionString: string,
  dir: string,
): Promise<{ seconds: number; rows: Record<ReferenceTable, number> & { total: number } }> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    for (const table of REFERENCE_ORDER) {
      const columns = ['uai', 'line', ...REFERENCE_TABLES[table]].map((column) => `${column} text`)
      await client.query(`create table ${tableName(table)} (${columns.join(', ')})`)
    }
    const rows = { pupils: 0, guardians: 0, childLinks: 0, teachers: 0 }
    const started = performance.now()
    await client.query('begin')
    let batch = new ReferenceBatch()
    let inFlight: Promise<void> = Promise.resolve()
    const send = async (full: ReferenceBatch) => {
      await inFlight
      inFlight = full.send(client)
      inFlight.catch(() => {})
    }
    for (const uai of (await fs.readdir(dir)).sort()) {
      for (const kind of ['pupils', 'guardians', 'teachers'] as const) {
        const text = (await fs.readFile(path.join(dir, uai, ONDE_FILE_NAMES[kind]))).toString('latin1')
        const lines = text.split(/\r?\n/)
        for (let i = 1; i < lines.length; i++) {
          const line = lines[i]!
          if (line === '') continue
          const cells = line.split(';').map(unquote)
          const prefix = `${uai}\t${i + 1}\t`
          if (kind === 'guardians') {
            batch.add('guardians', prefix + cells.slice(0, GUARDIAN_COLUMNS).join('\t'))
            rows.guardians++
            for (let n = 0, at = GUARDIAN_COLUMNS; at < cells.length; n++, at += CHILD_BLOCK) {
              const block = cells.slice(at, at + CHILD_BLOCK)
              if (block.every((cell) => cell === '')) continue
              batch.add('childLinks', `${prefix}${n + 1}\t${block.join('\t')}`)
              rows.childLinks++
            }
          } else {
            batch.add(kind, prefix + cells.join('\t'))
            rows[kind]++
          }
        }
      }
      if (batch.bytes >= BATCH_BYTES) {
        await send(batch)
        batch = new ReferenceBatch()
      }
    }
    await send(batch)
    await inFlight
    await client.query('commit')
    const seconds = (performance.now() - started) / 1000
    for (const table of REFERENCE_ORDER) await client.query(`drop table ${tableName(table)}`)
    await client.query('checkpoint')
    return {
      seconds,
      rows: { ...rows, total: rows.pupils + rows.guardians + rows.childLinks + rows.teachers },
    }
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw error
  } finally {
    await client.end()
  }
}

/** A cell as written, its surrounding quotes removed, escaped for COPY's text format. */
function unquote(cell: string): string {
  const value = cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1) : cell
  return copyText(value)
}

/** COPY text lines per reference table, waiting to be sent. */
class ReferenceBatch {
  private readonly lines: Record<ReferenceTable, string[]> = {
    pupils: [],
    guardians: [],
    childLinks: [],
    teachers: [],
  }
  bytes = 0

  add(table: ReferenceTable, line: string): void {
    this.lines[table].push(line)
    this.bytes += line.length + 1
  }

  async send(client: pg.Client): Promise<void> {
    for (const table of REFERENCE_ORDER) {
      const lines = this.lines[table]
      if (lines.length === 0) continue
      await copyData(client, copyTarget(table), Buffer.from(`${lines.join('\n')}\n`))
    }
  }
}
