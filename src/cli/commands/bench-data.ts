import cliProgress from 'cli-progress'
import pg from 'pg'
import {
  BENCH_PASSWORD,
  DeploymentExistsError,
  type GenerationPhase,
  type GenerationSummary,
  generateDeployment,
} from '../../../bench/data/generate.ts'
import type { Config } from '../../server/config.ts'
import { migrateToLatest } from '../../server/db/migrator.ts'
import { openDatabase } from '../../server/db/open.ts'
import { hashPassword } from '../../server/modules/identity/passwords.ts'
import { CliError } from '../exit-codes.ts'

const PHASE_LABELS: Record<GenerationPhase, string> = {
  structures: 'Structures',
  people: 'Comptes',
  constraints: 'Index et contraintes',
  analyze: 'ANALYZE',
}

/**
 * `preau bench data --pupils N [--seed S] [--structures-only] [--json]`: generates a deployment of N
 * pupils (region scale: 600,000) into the database of the configuration, which must not hold a deployment
 * yet. `--structures-only` stops after the collectivities and schools (no class, no account), the state
 * an ONDE import starts from. Progress on stderr; the summary (or its JSON) on stdout.
 */
export async function benchData(
  config: Config,
  options: { pupils: number; seed: number; structuresOnly?: boolean; json?: boolean },
): Promise<void> {
  const database = await openDatabase(config)
  // COPY needs a raw connection of its own, beside the Kysely pool.
  const client = new pg.Client({ connectionString: database.connectionString })
  try {
    await migrateToLatest(database.db)
    const passwordHash = await hashPassword(BENCH_PASSWORD)
    await client.connect()
    const progress = new ProgressDisplay(options.pupils)
    let summary: GenerationSummary
    try {
      summary = await generateDeployment(client, {
        pupils: options.pupils,
        seed: options.seed,
        structuresOnly: options.structuresOnly,
        passwordHash,
        onProgress: (p) => progress.update(p.phase, p.pupilsDone, p.rows, p.step),
      })
    } finally {
      progress.stop()
    }
    if (options.json) console.log(JSON.stringify({ ...summary, password: BENCH_PASSWORD }, null, 2))
    else printSummary(summary)
  } catch (error) {
    if (error instanceof DeploymentExistsError) throw new CliError(error.message)
    throw error
  } finally {
    await client.end().catch(() => {})
    await database.close()
  }
}

/** A progress bar on a terminal; one line per phase otherwise (logs of CI, the benchmark harness). */
class ProgressDisplay {
  private readonly bar: cliProgress.SingleBar | null
  private readonly started = performance.now()
  private phase: GenerationPhase | null = null

  constructor(pupils: number) {
    this.bar = process.stderr.isTTY
      ? new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: '{phase} [{bar}] {percentage}% | {value}/{total} élèves | {rate} lignes/s | {step}',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null
    this.bar?.start(pupils, 0, { phase: PHASE_LABELS.structures, rate: 0, step: '' })
  }

  update(phase: GenerationPhase, pupilsDone: number, rows: number, step = ''): void {
    if (phase !== this.phase && !this.bar) console.error(`${PHASE_LABELS[phase]}…`)
    this.phase = phase
    const seconds = (performance.now() - this.started) / 1000
    const rate = formatNumber(Math.round(rows / Math.max(seconds, 0.001)))
    this.bar?.update(pupilsDone, { phase: PHASE_LABELS[phase].padEnd(20), rate, step })
  }

  stop(): void {
    this.bar?.stop()
  }
}

function printSummary(summary: GenerationSummary): void {
  const n = formatNumber
  const { accounts, rows, seconds } = summary
  if (accounts.total === 0) {
    console.log(
      `Structures générées en ${seconds.total.toFixed(1)} s (graine ${summary.seed}, échelle ${n(summary.pupils)} élèves) : ${n(summary.schools)} écoles, ${n(summary.collectivities)} collectivités, l'année scolaire en cours ; aucune classe ni aucun compte.`,
    )
    return
  }
  console.log(
    `Déploiement généré en ${seconds.total.toFixed(1)} s (graine ${summary.seed}) : ${n(summary.pupils)} élèves, ${n(summary.schools)} écoles, ${n(summary.classes)} classes, ${n(summary.collectivities)} collectivités.`,
  )
  const table: [string, string][] = [
    ['Comptes', n(accounts.total)],
    ['  élèves', n(accounts.pupils)],
    ['  parents', n(accounts.parents)],
    ['  personnels', n(accounts.staff)],
    ['Lignes', n(rows.total)],
    ['  users', n(rows.users)],
    ['  memberships', n(rows.memberships)],
    ['  class_members', n(rows.classMembers)],
    ['  family_links', n(rows.familyLinks)],
    ['  structures et rôles', n(rows.structures + rows.adminRoles)],
    ['Débit', `${n(summary.rowsPerSecond)} lignes/s`],
    [
      'Durées',
      `COPY ${seconds.people.toFixed(1)} s, index et contraintes ${seconds.constraints.toFixed(1)} s`,
    ],
    ['', `structures ${seconds.structures.toFixed(1)} s, ANALYZE ${seconds.analyze.toFixed(1)} s`],
  ]
  const width = Math.max(...table.map(([label]) => label.length))
  for (const [label, value] of table) console.log(`  ${label.padEnd(width)}  ${value}`)
  console.log(`Mot de passe de tous les comptes : ${BENCH_PASSWORD}`)
}

const formatNumber = (value: number) => value.toLocaleString('fr-FR')
