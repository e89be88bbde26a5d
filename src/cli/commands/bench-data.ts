import cliProgress from 'cli-progress'
import pg from 'pg'
import {
  BENCH_PASSWORD,
  DeploymentExistsError,
  GenerationOptionsError,
  type GenerationPhase,
  type GenerationSummary,
  generateDeployment,
} from '../../../bench/data/generate.ts'
import type { Config } from '../../server/config.ts'
import { migrateToLatest } from '../../server/db/migrator.ts'
import { openDatabase } from '../../server/db/open.ts'
import { hashPassword } from '../../server/modules/identity/passwords.ts'
import { CliError, EXIT } from '../exit-codes.ts'

const PHASE_LABELS: Record<GenerationPhase, string> = {
  structures: 'Structures',
  people: 'Comptes',
  constraints: 'Index et contraintes',
  messages: 'Messages',
  messageConstraints: 'Index des messages',
  analyze: 'ANALYZE',
}

/**
 * `preau bench data --pupils N [--seed S] [--structures-only] [--messages M] [--json]`: generates a
 * deployment of N pupils (region scale: 600,000) into the database of the configuration, which must not
 * hold a deployment yet. `--structures-only` stops after the collectivities and schools (no class, no
 * account), the state an ONDE import starts from. `--messages M` then writes M messages exchanged in the
 * schools, with their mailbox rows and news-feed items (the Messagerie target: 20 million). Progress on
 * stderr; the summary (or its JSON) on stdout.
 */
export async function benchData(
  config: Config,
  options: { pupils: number; seed: number; structuresOnly?: boolean; messages?: number; json?: boolean },
): Promise<void> {
  if (options.messages && options.structuresOnly)
    throw new CliError(
      'Des messages demandent des comptes pour les écrire : --messages ne va pas avec --structures-only.',
      EXIT.usage,
    )
  const database = await openDatabase(config)
  // COPY needs a raw connection of its own, beside the Kysely pool.
  const client = new pg.Client({ connectionString: database.connectionString })
  try {
    await migrateToLatest(database.db)
    const passwordHash = await hashPassword(BENCH_PASSWORD)
    await client.connect()
    const progress = new ProgressDisplay(options.pupils, options.messages ?? 0)
    let summary: GenerationSummary
    try {
      summary = await generateDeployment(client, {
        pupils: options.pupils,
        seed: options.seed,
        structuresOnly: options.structuresOnly,
        messages: options.messages,
        passwordHash,
        onProgress: (p) => progress.update(p.phase, p.pupilsDone, p.rows, p.step, p.messagesDone),
      })
    } finally {
      progress.stop()
    }
    if (options.json) console.log(JSON.stringify({ ...summary, password: BENCH_PASSWORD }, null, 2))
    else printSummary(summary)
  } catch (error) {
    if (error instanceof DeploymentExistsError) throw new CliError(error.message)
    if (error instanceof GenerationOptionsError) throw new CliError(error.message, EXIT.usage)
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
  private phaseStarted = performance.now()
  private readonly messages: number
  /** Without a terminal, a line at each tenth of the messages (a load of 20 million takes minutes). */
  private nextMessageLine = 0

  constructor(pupils: number, messages: number) {
    this.messages = messages
    this.bar = process.stderr.isTTY
      ? new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: '{phase} [{bar}] {percentage}% | {value}/{total} {unit} | {rate} lignes/s | {step}',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null
    this.bar?.start(pupils, 0, { phase: PHASE_LABELS.structures, rate: 0, step: '', unit: 'élèves' })
  }

  update(phase: GenerationPhase, pupilsDone: number, rows: number, step = '', messagesDone = 0): void {
    const now = performance.now()
    if (phase !== this.phase) {
      if (!this.bar) console.error(`${PHASE_LABELS[phase]}…`)
      if (phase === 'messages') {
        this.bar?.setTotal(this.messages)
        this.phaseStarted = now
      }
    }
    this.phase = phase
    const isMessages = phase === 'messages' || phase === 'messageConstraints'
    // The messages' rate counts from their own start: the people's rows are another table's.
    const seconds = (now - (isMessages ? this.phaseStarted : this.started)) / 1000
    const rate = formatNumber(Math.round(rows / Math.max(seconds, 0.001)))
    const value = isMessages ? messagesDone : pupilsDone
    const unit = isMessages ? 'messages' : 'élèves'
    this.bar?.update(value, { phase: PHASE_LABELS[phase].padEnd(20), rate, step, unit })
    if (!this.bar && phase === 'messages' && messagesDone >= this.nextMessageLine && messagesDone > 0) {
      console.error(
        `  ${formatNumber(messagesDone)} / ${formatNumber(this.messages)} messages, ${formatNumber(rows)} lignes, ${rate} lignes/s`,
      )
      this.nextMessageLine = messagesDone + Math.max(1, Math.round(this.messages / 10))
    }
    if (!this.bar && phase === 'messageConstraints' && step) console.error(`  ${step}`)
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
    ...(summary.messages > 0
      ? ([
          ['  messages', n(rows.messages)],
          ['  mailbox_entries', n(rows.mailboxEntries)],
          ['  feed_items', n(rows.feedItems)],
          ['  feed_deliveries', n(rows.feedDeliveries)],
        ] as [string, string][])
      : []),
    ['Débit', `${n(summary.rowsPerSecond)} lignes/s`],
    [
      'Durées',
      `COPY ${seconds.people.toFixed(1)} s, index et contraintes ${seconds.constraints.toFixed(1)} s`,
    ],
    ...(summary.messages > 0
      ? ([
          [
            '',
            `messages : COPY ${seconds.messages.toFixed(1)} s, index et contraintes ${seconds.messageConstraints.toFixed(1)} s`,
          ],
        ] as [string, string][])
      : []),
    ['', `structures ${seconds.structures.toFixed(1)} s, ANALYZE ${seconds.analyze.toFixed(1)} s`],
  ]
  const width = Math.max(...table.map(([label]) => label.length))
  for (const [label, value] of table) console.log(`  ${label.padEnd(width)}  ${value}`)
  console.log(`Mot de passe de tous les comptes : ${BENCH_PASSWORD}`)
}

const formatNumber = (value: number) => value.toLocaleString('fr-FR')
