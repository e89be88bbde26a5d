import path from 'node:path'
import { parseArgs } from 'node:util'
import { ROOT } from './lib/preau.ts'
import { type ScenarioResult, writeResult } from './lib/results.ts'
import { formatTable } from './lib/table.ts'
import { runContributions } from './scenarios/contributions.ts'
import { runDatagen } from './scenarios/datagen.ts'
import { runDirectory } from './scenarios/directory.ts'
import { runFirstLoad } from './scenarios/first-load.ts'
import { runHttp } from './scenarios/http.ts'
import { runLogin } from './scenarios/login.ts'
import { runMessaging } from './scenarios/messaging.ts'
import { REGION_SCHOOLS, runOndeImport, runOndeSchool } from './scenarios/onde-import.ts'
import { runRealtime } from './scenarios/realtime.ts'
import { runStartup } from './scenarios/startup.ts'
import { runStatistics } from './scenarios/statistics.ts'
import { runTenancy } from './scenarios/tenancy.ts'

/**
 * Préau's benchmarks: `node bench/run.ts [scenario…] [options]` (or `npm run bench -- <scenario>`).
 * Each scenario prints a table of medians with the ratio to a reference measured in the same run, and
 * writes its figures to bench/results/<scenario>-<timestamp>.json. See docs/benchmarks.md.
 */
const USAGE = `Usage : node bench/run.ts [http] [startup] [datagen] [login] [directory] [onde-import]
                           [onde-school] [tenancy] [first-load] [messaging] [realtime]
                           [contributions] [statistics] [options]
        (sans scénario : tous)

  --rounds <n>       tours mesurés (http, login, directory, onde-school, first-load : 3 ;
                     startup, tenancy : 5)
  --duration <s>     secondes par mesure (10)
  --warmup <s>       échauffement par cible (3)
  --connections <n>  connexions HTTP simultanées (http : 10, login : 4, directory : 2)
  --profile          http, login, realtime : profile aussi Préau sous la charge (--cpu-prof)
  --pupils <n>       datagen, directory, contributions, messaging avec --data-dir : élèves à générer
                     (600000, l'échelle régionale)
  --data-dir <dossier> directory, messaging : garde la région générée dans ce dossier et la reprend au
                     tour suivant ; messaging y mesure les pages de boîte et de fil (32 personnes)
                     au lieu du petit monde
  --schools <n>      onde-import : écoles à importer (5000, l'échelle régionale) ; tenancy : écoles (50) ;
                     statistics : écoles (1000)
  --messages <n>     datagen : messages à générer aussi (référence : leur COPY brut) ;
                     messaging : messages en base (2000000 ; la cible est 20 millions) ; avec --data-dir,
                     messages que preau bench data --messages écrit dans la région
  --items <n>        realtime : éléments du fil à écrire (1000000)
  --sockets <n>      realtime : WebSockets inactives à ouvrir (5000)
  --sends <n>        realtime : messages envoyés par l'API de A, et NOTIFY, par mesure (200) ;
                     messaging : envois à 700 parents par tour (30)
  --events <n>       statistics : évènements d'une journée à agréger (3000000)
  --seed <n>         datagen, directory, onde-import, onde-school : graine (1)
  --explain <fichier> onde-school : EXPLAIN ANALYZE de chaque requête du second import dans ce fichier
  --json             résultats JSON sur la sortie standard, tableaux sur la sortie d'erreur
  -h, --help         cette aide`

const SCENARIOS = [
  'http',
  'startup',
  'datagen',
  'login',
  'directory',
  'onde-import',
  'onde-school',
  'tenancy',
  'first-load',
  'messaging',
  'realtime',
  'contributions',
  'statistics',
] as const
type ScenarioName = (typeof SCENARIOS)[number]

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string' },
    profile: { type: 'boolean', default: false },
    pupils: { type: 'string', default: '600000' },
    schools: { type: 'string' },
    messages: { type: 'string' },
    seed: { type: 'string', default: '1' },
    explain: { type: 'string' },
    'data-dir': { type: 'string' },
    items: { type: 'string' },
    sockets: { type: 'string' },
    sends: { type: 'string' },
    events: { type: 'string', default: '3000000' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const unknown = positionals.filter((name) => !(SCENARIOS as readonly string[]).includes(name))
if (unknown.length > 0) {
  console.error(`Scénario inconnu : ${unknown.join(', ')}\n\n${USAGE}`)
  process.exit(2)
}

const positive = (name: string, value: string | undefined, fallback: number): number => {
  const n = Number(value ?? fallback)
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`--${name} : un entier positif est attendu.`)
    process.exit(2)
  }
  return n
}

// With --json, stdout carries the JSON alone: tables and progress go to stderr.
const print = values.json ? (text: string) => console.error(text) : (text: string) => console.log(text)
const log = (line: string) => console.error(`· ${line}`)
const resultsDir = path.join(ROOT, 'bench', 'results')
const chosen = (positionals.length > 0 ? positionals : SCENARIOS) as ScenarioName[]

const scenarios: Record<
  ScenarioName,
  { options: Record<string, unknown>; run: () => Promise<ScenarioResult> }
> = {
  http: (() => {
    const options = {
      rounds: positive('rounds', values.rounds, 3),
      duration: positive('duration', values.duration, 10),
      warmup: positive('warmup', values.warmup, 3),
      connections: positive('connections', values.connections, 10),
      profile: values.profile,
      resultsDir,
    }
    return { options, run: () => runHttp(options, log) }
  })(),
  login: (() => {
    const options = {
      rounds: positive('rounds', values.rounds, 3),
      duration: positive('duration', values.duration, 10),
      warmup: positive('warmup', values.warmup, 3),
      connections: positive('connections', values.connections, 4),
      accounts: 16,
      profile: values.profile,
      resultsDir,
    }
    return { options, run: () => runLogin(options, log) }
  })(),
  directory: (() => {
    const options = {
      rounds: positive('rounds', values.rounds, 3),
      duration: positive('duration', values.duration, 10),
      warmup: positive('warmup', values.warmup, 3),
      connections: positive('connections', values.connections, 2),
      pupils: positive('pupils', values.pupils, 600_000),
      seed: positive('seed', values.seed, 1),
      ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    }
    return { options, run: () => runDirectory(options, log) }
  })(),
  startup: (() => {
    const options = { rounds: positive('rounds', values.rounds, 5), idleSeconds: 3 }
    return { options, run: () => runStartup(options, log) }
  })(),
  datagen: (() => {
    const options = {
      pupils: positive('pupils', values.pupils, 600_000),
      seed: positive('seed', values.seed, 1),
      ...(values.messages ? { messages: positive('messages', values.messages, 0) } : {}),
    }
    return { options, run: () => runDatagen(options, log) }
  })(),
  'onde-import': (() => {
    const options = {
      schools: positive('schools', values.schools, REGION_SCHOOLS),
      seed: positive('seed', values.seed, 1),
    }
    return { options, run: () => runOndeImport(options, log) }
  })(),
  'onde-school': (() => {
    const options = {
      rounds: positive('rounds', values.rounds, 3),
      seed: positive('seed', values.seed, 1),
      explain: values.explain ?? null,
    }
    return { options, run: () => runOndeSchool(options, log) }
  })(),
  tenancy: (() => {
    const options = {
      rounds: positive('rounds', values.rounds, 5),
      queries: 2_000,
      schools: positive('schools', values.schools, 50),
      membersPerSchool: 300,
    }
    return { options, run: () => runTenancy(options, log) }
  })(),
  messaging: (() => {
    const options = {
      rounds: positive('rounds', values.rounds, 3),
      messages: positive('messages', values.messages, 2_000_000),
      sends: positive('sends', values.sends, 30),
      pages: 640,
      duration: positive('duration', values.duration, 10),
      pupils: positive('pupils', values.pupils, 600_000),
      seed: positive('seed', values.seed, 1),
      ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    }
    return { options, run: () => runMessaging(options, log) }
  })(),
  'first-load': (() => {
    const options = { rounds: positive('rounds', values.rounds, 3) }
    return { options, run: () => runFirstLoad(options, log) }
  })(),
  realtime: (() => {
    const options = {
      items: positive('items', values.items, 1_000_000),
      sockets: positive('sockets', values.sockets, 5_000),
      notices: positive('sends', values.sends, 200),
      sends: positive('sends', values.sends, 200),
      spacingMs: 20,
      duration: positive('duration', values.duration, 10),
      connections: positive('connections', values.connections, 32),
      profile: values.profile,
      resultsDir,
    }
    return { options, run: () => runRealtime(options, log) }
  })(),
  contributions: (() => {
    const options = {
      rounds: positive('rounds', values.rounds, 5),
      pupils: positive('pupils', values.pupils, 600_000),
      members: 300,
      schools: 5_000,
    }
    return { options, run: () => runContributions(options, log) }
  })(),
  statistics: (() => {
    const options = {
      schools: positive('schools', values.schools, 1000),
      days: 365,
      queries: 200,
      events: positive('events', values.events, 3_000_000),
    }
    return { options, run: () => runStatistics(options, log) }
  })(),
}

const outcomes: Record<string, unknown> = {}
let failed = false
for (const name of chosen) {
  const scenario = scenarios[name]
  const startedAt = new Date()
  log(`Scénario ${name}`)
  try {
    const result = await scenario.run()
    for (const table of result.tables) print(formatTable(table))
    for (const target of result.targets)
      print(`  ${target.met ? '✔' : '✘'} ${target.label} : ${target.detail}`)
    const { resultsDir: _, ...options } = scenario.options
    const file = await writeResult(resultsDir, name, { startedAt, options, result })
    print(`  → ${path.relative(ROOT, file)}`)
    outcomes[name] = { file, targets: result.targets, figures: result.figures }
  } catch (error) {
    failed = true
    console.error(`Le scénario ${name} a échoué : ${error instanceof Error ? error.message : String(error)}`)
    outcomes[name] = { error: error instanceof Error ? error.message : String(error) }
  }
}
if (values.json) console.log(JSON.stringify(outcomes, null, 2))
process.exit(failed ? 1 : 0)
