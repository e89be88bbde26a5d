import { createReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import cliProgress from 'cli-progress'
import { type Command, InvalidArgumentError } from 'commander'
import { isValidSiren } from '../../contract/codes.ts'
import type {
  SchoolDirectoryChange,
  SchoolDirectoryEntry,
  SchoolDirectoryReport,
} from '../../contract/school-directory.ts'
import { type Config, loadConfig } from '../../server/config.ts'
import { readMigrationStatus } from '../../server/db/migrator.ts'
import { openDatabase } from '../../server/db/open.ts'
import { recordAuditEntry } from '../../server/modules/audit/index.ts'
import {
  findImportCollectivityBySiren,
  importSchoolDirectory,
  SchoolDirectoryInputError,
} from '../../server/modules/imports/school-directory/index.ts'
import { CliError, EXIT } from '../exit-codes.ts'

/**
 * `preau import annuaire FICHIER --collectivity SIREN [--apply] [--json]`: the national school directory
 * (`fr-en-annuaire-education`) into one member collectivity, as the syndicate console does it — a dry run
 * unless `--apply`, which applies in one transaction with one audit entry.
 */

type ImportAnnuaireOptions = { collectivity: string; apply?: boolean; json?: boolean }

const HELP_AFTER = `
Sans --apply, rien ne change : le rapport dit ce que l’import ferait.
Le fichier est l’export CSV « fr-en-annuaire-education » (ou un extrait) ; seules les écoles
publiques maternelles et élémentaires des communes de la collectivité sont importées, par UAI.

Codes de sortie :
  0  terminé, sans anomalie
  1  échec (base injoignable, erreur inattendue)
  2  mauvais usage (option manquante, SIREN invalide)
  4  fichier illisible ou inutilisable (rien n’a changé), ou collectivité inconnue
  5  terminé, mais le rapport signale des anomalies (lignes non importées) ;
     avec --apply, le reste a bien été appliqué`

/** Adds `annuaire` to the `import` command group. */
export function addImportAnnuaireCommand(group: Command): void {
  group
    .command('annuaire')
    .description('importe l’annuaire de l’éducation nationale dans une collectivité membre')
    .argument('<fichier>', 'le fichier CSV de l’annuaire')
    .requiredOption('--collectivity <siren>', 'le SIREN de la collectivité membre', parseSiren)
    .option('--apply', 'applique l’import (sinon : simulation, rien ne change)')
    .option('--json', 'le rapport en JSON sur la sortie standard')
    .addHelpText('after', HELP_AFTER)
    .action((file: string, options: ImportAnnuaireOptions) => importAnnuaire(loadConfig(), file, options))
}

function parseSiren(value: string): string {
  const siren = value.replace(/\s/g, '')
  if (!isValidSiren(siren)) {
    throw new InvalidArgumentError('SIREN invalide : 9 chiffres dont le dernier est une clé de contrôle.')
  }
  return siren
}

async function importAnnuaire(config: Config, file: string, options: ImportAnnuaireOptions): Promise<void> {
  const size = await readableFileSize(file)
  const database = await openDatabase(config, { shareRunning: true })
  try {
    if ((await readMigrationStatus(database.db)).some((migration) => !migration.appliedAt)) {
      throw new CliError('La base n’est pas à jour : lancez d’abord « preau db migrate ».')
    }
    const collectivity = await findImportCollectivityBySiren(database.db, options.collectivity)
    if (!collectivity) {
      throw new CliError(`Aucune collectivité membre n’a le SIREN ${options.collectivity}.`, EXIT.input)
    }
    const progress = !options.json && process.stderr.isTTY ? new ReadingProgress(size) : null
    let report: SchoolDirectoryReport
    try {
      report = await importSchoolDirectory(database.db, {
        collectivity,
        source: progress ? progress.track(createReadStream(file)) : createReadStream(file),
        file: path.basename(file),
        apply: options.apply === true,
        // Run from the server's own machine: no account acted, the trail says so.
        audit: (event, db) =>
          recordAuditEntry(db, null, { ...event, details: { ...event.details, via: 'cli' } }),
      })
    } catch (error) {
      if (error instanceof SchoolDirectoryInputError) throw new CliError(error.message, EXIT.input)
      throw error
    } finally {
      progress?.stop()
    }
    if (options.json) console.log(JSON.stringify(report, null, 2))
    else printReport(report)
    if (report.counts.anomalies > 0) {
      throw new CliError(
        `${report.counts.anomalies} anomalie(s) : ces lignes n’ont pas été importées (voir le rapport).`,
        EXIT.anomalies,
      )
    }
  } finally {
    await database.close()
  }
}

/** The file's size, or a one-line refusal when it is not a readable file. */
async function readableFileSize(file: string): Promise<number> {
  try {
    const stat = await fs.stat(file)
    if (!stat.isFile()) throw new CliError(`« ${file} » n’est pas un fichier.`, EXIT.input)
    await fs.access(file, fs.constants.R_OK)
    return stat.size
  } catch (error) {
    if (error instanceof CliError) throw error
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'fichier introuvable' : code === 'EACCES' ? 'lecture refusée' : code
    throw new CliError(`Impossible de lire « ${file} » : ${why}.`, EXIT.input)
  }
}

/** A progress bar of the bytes read, on a terminal (the whole national file takes a few seconds). */
class ReadingProgress {
  private readonly bar: cliProgress.SingleBar
  constructor(total: number) {
    this.bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: 'Lecture de l’annuaire [{bar}] {percentage}% | {read}',
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    )
    this.bar.start(Math.max(total, 1), 0, { read: '' })
  }

  async *track(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let read = 0
    for await (const chunk of source) {
      read += chunk.length
      this.bar.update(read, { read: `${(read / 1_048_576).toFixed(1)} Mo` })
      yield chunk
    }
  }

  stop(): void {
    this.bar.stop()
  }
}

const KIND_LABELS: Record<SchoolDirectoryEntry['kind'], string> = {
  maternelle: 'maternelle',
  elementaire: 'élémentaire',
  primaire: 'primaire',
}

const FIELD_LABELS: Record<SchoolDirectoryChange['field'], string> = {
  name: 'nom',
  kind: 'type',
  inseeCode: 'commune',
  circonscription: 'circonscription',
}

function printReport(report: SchoolDirectoryReport): void {
  const { counts, collectivity } = report
  const done = report.applied
  console.log(
    `Annuaire « ${report.file.name} » pour ${collectivity.name} (SIREN ${collectivity.siren}) — ${
      done ? 'appliqué.' : 'simulation : rien n’a changé.'
    }`,
  )
  const table: [string, number][] = [
    ['Lignes lues', counts.read],
    [done ? 'Écoles créées' : 'Écoles à créer', counts.created],
    [done ? 'Écoles mises à jour' : 'Écoles à mettre à jour', counts.updated],
    ['Écoles inchangées', counts.unchanged],
    ['Ignorées : autres communes', counts.ignoredOtherCommunes],
    ['Ignorées : pas une école maternelle ou élémentaire', counts.ignoredNotPrimary],
    ['Ignorées : écoles fermées', counts.ignoredClosed],
    ['Ignorées : écoles privées', counts.ignoredPrivate],
    ['Anomalies', counts.anomalies],
  ]
  const width = Math.max(...table.map(([label]) => label.length))
  for (const [label, value] of table)
    console.log(`  ${label.padEnd(width)}  ${value.toLocaleString('fr-FR')}`)

  printEntries(done ? 'Écoles créées :' : 'Écoles à créer :', report.created)
  printEntries(done ? 'Écoles mises à jour :' : 'Écoles à mettre à jour :', report.updated)
  if (report.anomalies.length > 0) {
    console.log('Anomalies :')
    for (const anomaly of report.anomalies) {
      console.log(`  « ${anomaly.file} », ligne ${anomaly.line} : ${anomaly.message}`)
    }
    const more = counts.anomalies - report.anomalies.length
    if (more > 0) console.log(`  … et ${more.toLocaleString('fr-FR')} autres (voir --json).`)
  }
  if (!done && counts.created + counts.updated > 0) console.log('Pour appliquer : relancez avec --apply.')
}

function printEntries(title: string, entries: SchoolDirectoryEntry[]): void {
  if (entries.length === 0) return
  console.log(title)
  for (const entry of entries) {
    const said = (change: SchoolDirectoryChange, value: string | null) =>
      change.field === 'kind' && value ? KIND_LABELS[value as SchoolDirectoryEntry['kind']] : (value ?? '')
    const changes = entry.changes
      .map(
        (change) =>
          `${FIELD_LABELS[change.field]} « ${said(change, change.from)} » → « ${said(change, change.to)} »`,
      )
      .join(' ; ')
    const commune = entry.communeName ? `${entry.inseeCode} ${entry.communeName}` : entry.inseeCode
    console.log(
      `  ligne ${entry.line}  ${entry.uai}  ${entry.name} (${KIND_LABELS[entry.kind]}, ${commune})${changes ? ` : ${changes}` : ''}`,
    )
  }
}
