import { type Command, InvalidArgumentError } from 'commander'
import type { PlannedDeletion, RolloverPreview } from '../../contract/school-years.ts'
import { type Config, loadConfig } from '../../server/config.ts'
import type { Db } from '../../server/db/connection.ts'
import { CliError } from '../exit-codes.ts'

/**
 * `preau school-year preview | open --label 2027-2028 | purge [--now yyyy-mm-dd]`: the rollover as the
 * syndicate console does it, and the daily deletion of departed people's personal data on demand.
 * The server modules load only when a subcommand runs, so that `preau --help` stays quick.
 */

const HELP_AFTER = `
preview  ce que fera l’ouverture de l’année suivante : classes archivées, élèves en attente
         d’une classe, personnes dont les données seront supprimées et quand (rien ne change).
open     ouvre l’année suivante ; son libellé (--label) confirme le choix. Une seconde
         ouverture de la même année est refusée.
purge    programme la suppression des données des personnes parties, et supprime celles
         qui sont dues (comme la tâche de chaque nuit). --now choisit le jour (essais, rattrapage).

Codes de sortie : 0 terminé ; 1 échec (base injoignable, année refusée…) ; 2 mauvais usage.`

/** Adds the `school-year` command group. */
export function addSchoolYearCommand(program: Command): void {
  const group = program
    .command('school-year')
    .description('l’année scolaire : bascule et suppression des données des personnes parties')
    .addHelpText('after', HELP_AFTER)
  group
    .command('preview')
    .description('ce que fera l’ouverture de l’année suivante (rien ne change)')
    .option('--limit <n>', 'nombre de personnes listées', parseLimit, 50)
    .option('--json', 'l’aperçu en JSON sur la sortie standard')
    .action((options: { limit: number; json?: boolean }) => schoolYearPreview(loadConfig(), options))
  group
    .command('open')
    .description('ouvre l’année scolaire suivante et archive les classes de l’année en cours')
    .requiredOption('--label <année>', 'l’année à ouvrir, pour confirmer (ex. 2027-2028)')
    .action((options: { label: string }) => schoolYearOpen(loadConfig(), options))
  group
    .command('purge')
    .description('supprime les données personnelles dues (3 mois après le départ)')
    .option('--now <aaaa-mm-jj>', 'le jour de la purge (par défaut : aujourd’hui)', parseDay)
    .action((options: { now?: Date }) => schoolYearPurge(loadConfig(), options))
}

function parseLimit(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 500)
    throw new InvalidArgumentError('un entier de 1 à 500 est attendu.')
  return n
}

/** A day `yyyy-mm-dd`, as noon UTC: the same day in Paris whatever the season. */
function parseDay(value: string): Date {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : null
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError('une date aaaa-mm-jj est attendue (ex. 2027-09-20).')
  }
  return day
}

async function withDatabase<T>(config: Config, work: (db: Db) => Promise<T>): Promise<T> {
  const { openDatabase } = await import('../../server/db/open.ts')
  const { readMigrationStatus } = await import('../../server/db/migrator.ts')
  const database = await openDatabase(config, { shareRunning: true })
  try {
    const pending = (await readMigrationStatus(database.db)).filter((migration) => !migration.appliedAt)
    if (pending.length > 0) {
      throw new CliError(`${pending.length} migration(s) en attente : lancez « preau db migrate ».`)
    }
    return await work(database.db)
  } finally {
    await database.close()
  }
}

const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`

const PROFILES: Record<string, string> = {
  pupil: 'élève',
  parent: 'parent',
  teacher: 'enseignant',
  staff: 'personnel',
  collectivity_agent: 'agent de collectivité',
  academic: 'académie',
  guest: 'invité',
}

function deletionLine(deletion: PlannedDeletion): string {
  const profiles = deletion.profiles.map((profile) => PROFILES[profile] ?? profile).join(', ')
  const schools = deletion.schools.map((school) => school.name).join(', ')
  const fate =
    deletion.account === 'deleted'
      ? 'compte et contributions supprimés (opposition)'
      : 'compte anonymisé, contributions gardées'
  return `  ${deletion.dueOn}  ${deletion.displayName} (${profiles}, ${schools}) : ${fate}`
}

function printPreview(preview: Omit<RolloverPreview, 'allowedActions'>): void {
  const { currentYear, nextYear, totals } = preview
  console.log(`Année en cours : ${currentYear ? currentYear.label : 'aucune'}`)
  console.log(
    `Année à ouvrir : ${nextYear.label} (du ${nextYear.startsOn} au ${nextYear.endsOn})${nextYear.isPrepared ? ', déjà préparée' : ''}`,
  )
  console.log(
    `Classes archivées : ${totals.classes} dans ${plural(totals.schools, 'école', 'écoles')} ; ` +
      `élèves en attente d’une classe : ${totals.pupilsWaiting}`,
  )
  for (const school of preview.schools) {
    const names = school.classes.map((klass) => klass.name).join(', ')
    console.log(
      `  ${school.name} (${school.uai}) : ${plural(school.classes.length, 'classe', 'classes')}` +
        `${names ? ` (${names})` : ''}, ${plural(school.pupilsWaiting, 'élève', 'élèves')} en attente`,
    )
  }
  console.log(`Données personnelles à supprimer : ${plural(totals.deletions, 'personne', 'personnes')}`)
  for (const deletion of preview.deletions) console.log(deletionLine(deletion))
  if (preview.deletions.length < totals.deletions) {
    console.log(`  … et ${totals.deletions - preview.deletions.length} autres (--limit, --json)`)
  }
}

/** `preau school-year preview`: what opening the next year would do; the read of names is audited. */
async function schoolYearPreview(config: Config, options: { limit: number; json?: boolean }) {
  const { previewRollover, systemAudit } = await import('../../server/modules/school-years/index.ts')
  await withDatabase(config, async (db) => {
    const preview = await previewRollover(db, new Date(), { limit: options.limit })
    await systemAudit(
      { action: 'read:rollover-deletions', details: { via: 'cli', people: preview.deletions.length } },
      db,
    )
    if (options.json) console.log(JSON.stringify(preview, null, 2))
    else printPreview(preview)
  })
}

/** `preau school-year open --label 2027-2028`. */
async function schoolYearOpen(config: Config, options: { label: string }) {
  const { openNextSchoolYear, systemAudit } = await import('../../server/modules/school-years/index.ts')
  const { HttpProblem } = await import('../../server/plugins/errors.ts')
  const label = options.label.trim()
  if (!/^\d{4}-\d{4}$/.test(label)) throw new CliError('Une année scolaire s’écrit 2026-2027.')
  await withDatabase(config, async (db) => {
    try {
      const opened = await openNextSchoolYear(db, new Date(), label, systemAudit)
      console.log(
        `Année ${opened.schoolYear.label} ouverte : ${plural(opened.archivedClasses, 'classe archivée', 'classes archivées')}, ` +
          `${plural(opened.pupilsUnassigned, 'élève sorti', 'élèves sortis')} de sa classe (en attente de l’import), ` +
          `${plural(opened.scheduledDeletions, 'suppression programmée', 'suppressions programmées')}.`,
      )
    } catch (error) {
      if (error instanceof HttpProblem) throw new CliError(error.message)
      throw error
    }
  })
}

/** `preau school-year purge [--now yyyy-mm-dd]`: what the nightly job does, for the given day. */
async function schoolYearPurge(config: Config, options: { now?: Date }) {
  const { parisDay, runDailyRetention } = await import('../../server/modules/school-years/index.ts')
  await withDatabase(config, async (db) => {
    const now = options.now ?? new Date()
    const report = await runDailyRetention(db, now)
    console.log(
      `Purge du ${parisDay(now)} : ` +
        `${plural(report.anonymised, 'compte anonymisé', 'comptes anonymisés')}, ` +
        `${plural(report.deleted, 'compte supprimé', 'comptes supprimés')} (opposition), ` +
        `${plural(report.cancelled, 'suppression annulée', 'suppressions annulées')} (retour), ` +
        `${plural(report.postponed, 'reportée', 'reportées')} (nouveau départ), ` +
        `${plural(report.scheduled, 'nouvelle suppression programmée', 'nouvelles suppressions programmées')}.`,
    )
    if (report.failed > 0) {
      throw new CliError(
        `${plural(report.failed, 'suppression a échoué', 'suppressions ont échoué')} : elles restent programmées.`,
      )
    }
  })
}
