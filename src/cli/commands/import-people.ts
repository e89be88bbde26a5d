import { createReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import cliProgress from 'cli-progress'
import { type Command, InvalidArgumentError } from 'commander'
import type { Transaction } from 'kysely'
import { isValidUai } from '../../contract/codes.ts'
import type { ImportCounts, ImportFileKind, ImportReport } from '../../contract/imports.ts'
import { type Config, loadConfig } from '../../server/config.ts'
import type { Db } from '../../server/db/connection.ts'
import { readMigrationStatus } from '../../server/db/migrator.ts'
import { openDatabase } from '../../server/db/open.ts'
import type { Database } from '../../server/db/schema.ts'
import {
  applyImportRun,
  createImportRun,
  type ImportSettings,
} from '../../server/modules/imports/onde/index.ts'
import type { StagedFileInput } from '../../server/modules/imports/onde/staging.ts'
import { isImportFileError } from '../../server/modules/imports/parsing/errors.ts'
import { HttpProblem } from '../../server/plugins/errors.ts'
import { openJobSender } from '../../server/plugins/jobs.ts'
import { SEND_JOB } from '../../server/plugins/mail.ts'
import { CliError, EXIT } from '../exit-codes.ts'

/**
 * `preau import onde` and `preau import teachers`: the school's people from ONDE exports and hand-made
 * CSV files, as the director's screen does it — a dry run unless `--apply`. `onde` also takes a folder
 * holding one sub-folder per school named by its UAI (a whole circonscription or region at once).
 */

type ImportPeopleOptions = {
  school?: string
  apply?: boolean
  confirmMissing?: number
  json?: boolean
}

const HELP_AFTER = `
Sans --apply, rien ne change : le rapport dit ce que l’import ferait.
Chaque fichier est reconnu à ses en-têtes (élèves, responsables, enseignants) ; encodage, séparateur
et guillemets sont devinés. Avec un dossier et sans --school, chaque sous-dossier porte l’UAI de son école.
Les doublons possibles restent des comptes distincts tant que la direction n’a pas décidé (page de l’import).

Codes de sortie :
  0  terminé, sans anomalie
  1  échec (base injoignable, erreur inattendue)
  2  mauvais usage (option manquante)
  4  fichier illisible ou inutilisable, école inconnue, colonne obligatoire absente : rien n’a changé
  5  terminé, mais le rapport signale des anomalies (avec --apply, l’import a bien été appliqué)`

const CONFIRM_MISSING_FLAG = '--confirm-missing <n>'
const CONFIRM_MISSING_HELP =
  'avec --apply : confirme le nombre de personnes marquées absentes quand il dépasse IMPORT_CONFIRM_MISSING_PERCENT % d’une école'

function parseCount(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('un entier positif ou nul est attendu.')
  return n
}

/** Adds `onde` and `teachers` to the `import` command group. */
export function addImportPeopleCommands(group: Command): void {
  group
    .command('onde')
    .description(
      'importe élèves, responsables (exports ONDE) et enseignants d’une école, ou d’un dossier d’écoles',
    )
    .argument('<fichiers...>', 'les fichiers CSV, ou un dossier (un sous-dossier par UAI)')
    .option('--school <uai>', 'l’UAI de l’école des fichiers')
    .option('--apply', 'applique l’import (sinon : simulation, rien ne change)')
    .option(CONFIRM_MISSING_FLAG, CONFIRM_MISSING_HELP, parseCount)
    .option('--json', 'le rapport en JSON sur la sortie standard')
    .addHelpText('after', HELP_AFTER)
    .action((paths: string[], options: ImportPeopleOptions) => importPeople(loadConfig(), paths, options))
  group
    .command('teachers')
    .description('importe les enseignants d’une école (fichier CSV fait main)')
    .argument('<fichier>', 'le fichier CSV des enseignants')
    .requiredOption('--school <uai>', 'l’UAI de l’école')
    .option('--apply', 'applique l’import (sinon : simulation, rien ne change)')
    .option(CONFIRM_MISSING_FLAG, CONFIRM_MISSING_HELP, parseCount)
    .option('--json', 'le rapport en JSON sur la sortie standard')
    .addHelpText('after', HELP_AFTER)
    .action((file: string, options: ImportPeopleOptions) =>
      importPeople(loadConfig(), [file], options, 'teachers'),
    )
}

interface PlannedFile {
  path: string
  uai: string
}

/** The files to read, each with its school's UAI: given by --school, or by the folder it sits in. */
async function listFiles(paths: string[], school: string | undefined): Promise<PlannedFile[]> {
  const files: PlannedFile[] = []
  for (const given of paths) {
    const stat = await fs.stat(given).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(
        `Impossible de lire « ${given} » : ${error.code === 'ENOENT' ? 'introuvable' : error.code}.`,
        EXIT.input,
      )
    })
    if (stat.isFile()) {
      if (!school) throw new CliError('Indiquez l’école des fichiers avec --school UAI.', EXIT.usage)
      files.push({ path: given, uai: school })
      continue
    }
    const entries = (await fs.readdir(given, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )
    const csv = entries.filter((entry) => entry.isFile() && /\.(csv|txt)$/i.test(entry.name))
    if (school) {
      for (const entry of csv) files.push({ path: path.join(given, entry.name), uai: school })
      continue
    }
    for (const entry of entries.filter((e) => e.isDirectory())) {
      const uai = entry.name.toUpperCase()
      if (!isValidUai(uai)) {
        throw new CliError(
          `« ${path.join(given, entry.name)} » : le nom du dossier doit être l’UAI de l’école.`,
          EXIT.input,
        )
      }
      const inner = (await fs.readdir(path.join(given, entry.name)))
        .filter((name) => /\.(csv|txt)$/i.test(name))
        .sort()
      for (const name of inner) files.push({ path: path.join(given, entry.name, name), uai })
    }
  }
  if (files.length === 0) throw new CliError('Aucun fichier CSV à importer.', EXIT.input)
  return files
}

async function schoolIds(db: Db, uais: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('schools').select(['id', 'uai']).where('uai', 'in', uais).execute()
  const found = new Map(rows.map((row) => [row.uai, row.id]))
  const unknown = uais.filter((uai) => !found.has(uai))
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).join(', ')
    throw new CliError(
      `École inconnue (UAI ${shown}${unknown.length > 5 ? '…' : ''}) : importez d’abord l’annuaire.`,
      EXIT.input,
    )
  }
  return found
}

async function importPeople(
  config: Config,
  paths: string[],
  options: ImportPeopleOptions,
  kind?: ImportFileKind,
): Promise<void> {
  const school = options.school?.toUpperCase()
  if (school !== undefined && !isValidUai(school)) {
    throw new CliError(
      `UAI invalide « ${options.school} » : 7 chiffres et une lettre de contrôle.`,
      EXIT.usage,
    )
  }
  const files = await listFiles(paths, school)
  const total = (await Promise.all(files.map((file) => fs.stat(file.path)))).reduce(
    (sum, s) => sum + s.size,
    0,
  )
  const database = await openDatabase(config, { shareRunning: true })
  let jobs: Awaited<ReturnType<typeof openJobSender>> | null = null
  try {
    if ((await readMigrationStatus(database.db)).some((migration) => !migration.appliedAt)) {
      throw new CliError('La base n’est pas à jour : lancez d’abord « preau db migrate ».')
    }
    const ids = await schoolIds(database.db, [...new Set(files.map((file) => file.uai))])
    // The e-mails an applied import writes (« vous retrouvez vos écoles sur un seul compte ») are queued
    // in its transaction; the servers' workers send them (at once when a server runs, else at its start).
    jobs = options.apply ? await openJobSender(database.connectionString) : null
    const sender = jobs
    const settings: ImportSettings = {
      graceDays: config.importGraceDays,
      codeDays: config.activationCodeDays,
      maxBytes: config.importMaxBytes,
      missingConfirmPercent: config.importMissingConfirmPercent,
      ...(sender && {
        queueMail: (message, trx) =>
          sender.enqueue(SEND_JOB, message, { transaction: trx as Transaction<Database> }),
      }),
    }
    const bar = !options.json && process.stderr.isTTY ? progressBar(total) : null
    let read = 0
    async function* inputs(): AsyncGenerator<StagedFileInput> {
      for (const file of files) {
        yield {
          name: path.basename(file.path),
          schoolId: ids.get(file.uai)!,
          uai: school ? null : file.uai,
          ...(kind ? { kind } : {}),
          source: createReadStream(file.path, { highWaterMark: 256 * 1024 }),
        }
      }
    }
    let report: ImportReport
    try {
      report = await createImportRun(
        database.db,
        settings,
        { schoolId: school ? ids.get(school)! : null, actorId: null, files: inputs() },
        ({ bytes }) => {
          read += bytes
          bar?.update(read, { step: 'Lecture' })
        },
        // Applied at once: apply plans the run itself, planning it twice would only cost time.
        { plan: !options.apply },
      )
      if (options.apply) {
        if (!report.canApply)
          throw new CliError(`Rien n’a changé : ${report.blocking[0] ?? 'import impossible.'}`, EXIT.input)
        bar?.update(total, { step: 'Application' })
        report = await applyImportRun(database.db, settings, report.id, null, null, {
          confirmMissing: options.confirmMissing,
        })
      }
    } catch (error) {
      if (isImportFileError(error)) throw new CliError(`${error.message} Rien n’a changé.`, EXIT.input)
      if (error instanceof HttpProblem && error.code === 'confirm-missing') {
        const n = (error.extra as { missingToConfirm: number }).missingToConfirm
        throw new CliError(
          `Rien n’a changé : ${error.message.split(' : ')[0]}. Vérifiez les fichiers, puis relancez avec --confirm-missing ${n}.`,
          EXIT.input,
        )
      }
      if (error instanceof HttpProblem) throw new CliError(error.message, EXIT.input)
      throw error
    } finally {
      bar?.stop()
    }
    const anomalies = await database.db
      .selectFrom('importAnomalies')
      .select(['file', 'line', 'code', 'message', 'outcome'])
      .where('runId', '=', report.id)
      .orderBy('id')
      .execute()
    if (options.json) {
      console.log(JSON.stringify({ ...report, totals: totalsOf(report), anomalyList: anomalies }, null, 2))
    } else {
      printReport(report, anomalies)
    }
    if (report.blocking.length > 0)
      throw new CliError(`Import impossible : ${report.blocking[0]}`, EXIT.input)
    if (anomalies.length > 0) {
      throw new CliError(
        `${anomalies.length.toLocaleString('fr-FR')} anomalie(s) à regarder (voir le rapport).`,
        EXIT.anomalies,
      )
    }
  } finally {
    await jobs?.close()
    await database.close()
  }
}

function progressBar(total: number) {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{step} [{bar}] {percentage}% | {value}/{total} octets',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(Math.max(total, 1), 0, { step: 'Lecture' })
  return bar
}

type Totals = Record<'pupils' | 'guardians' | 'teachers', ImportCounts>

function totalsOf(report: ImportReport): Totals {
  const sum = (key: keyof Totals): ImportCounts =>
    report.schools.reduce(
      (acc, school) => ({
        created: acc.created + school[key].created,
        updated: acc.updated + school[key].updated,
        unchanged: acc.unchanged + school[key].unchanged,
        missing: acc.missing + school[key].missing,
      }),
      { created: 0, updated: 0, unchanged: 0, missing: 0 },
    )
  return { pupils: sum('pupils'), guardians: sum('guardians'), teachers: sum('teachers') }
}

function printReport(
  report: ImportReport,
  anomalies: { file: string; line: number; message: string }[],
): void {
  const applied = report.status === 'applied'
  const schools = report.schools.length
  console.log(
    `Import de ${report.files.length} fichier(s) pour ${schools === 1 ? report.schools[0]!.name : `${schools} écoles`} — ${
      applied ? 'appliqué.' : 'simulation : rien n’a changé.'
    }`,
  )
  const totals = totalsOf(report)
  const n = (value: number) => value.toLocaleString('fr-FR').padStart(9)
  console.log(
    `  ${''.padEnd(13)}${'nouveaux'.padStart(9)}${'modifiés'.padStart(9)}${'inchangés'.padStart(10)}${'absents'.padStart(9)}`,
  )
  for (const [label, key] of [
    ['Élèves', 'pupils'],
    ['Responsables', 'guardians'],
    ['Enseignants', 'teachers'],
  ] as const) {
    const c = totals[key]
    console.log(`  ${label.padEnd(13)}${n(c.created)}${n(c.updated)} ${n(c.unchanged)}${n(c.missing)}`)
  }
  const classes = report.schools.reduce((sum, school) => sum + school.classes.created, 0)
  console.log(`  Classes ${applied ? 'créées' : 'à créer'} : ${classes.toLocaleString('fr-FR')}`)
  if (totals.pupils.missing + totals.guardians.missing + totals.teachers.missing > 0) {
    console.log(`  Les absents gardent leur accès ${report.graceDays} jours, puis quittent l’école.`)
  }
  for (const anomaly of anomalies.slice(0, 200)) {
    console.log(`  « ${anomaly.file} », ligne ${anomaly.line} : ${anomaly.message}`)
  }
  if (anomalies.length > 200)
    console.log(`  … et ${(anomalies.length - 200).toLocaleString('fr-FR')} autres (voir --json).`)
  if (!applied && report.canApply) console.log('Pour appliquer : relancez avec --apply.')
}
