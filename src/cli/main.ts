import { Command, CommanderError, InvalidArgumentError } from 'commander'
import { ConfigError, loadConfig } from '../server/config.ts'
import { DataDirLockedError } from '../server/db/embedded/index.ts'
import { PROJECT_VERSION } from '../server/project.ts'
import { dbBackup, dbClusters, dbMigrate, dbStatus } from './commands/db.ts'
import { demoLoad } from './commands/demo.ts'
import { addImportAnnuaireCommand } from './commands/import-annuaire.ts'
import { addImportPeopleCommands } from './commands/import-people.ts'
import { addSchoolYearCommand } from './commands/school-year.ts'
import { serve } from './commands/serve.ts'
import { CliError, EXIT } from './exit-codes.ts'

/**
 * The `preau` command. Configuration comes from the environment (see README.md); each command prints
 * one clear line on failure and exits with a code from `exit-codes.ts`.
 */
function buildProgram(): Command {
  const program = new Command('preau')
    .description("Préau : l'ENT des écoles primaires et la plateforme du syndicat qui l'exploite")
    .version(PROJECT_VERSION, '-v, --version', 'affiche la version')
    .helpOption('-h, --help', "affiche l'aide")
    .helpCommand('help [commande]', "affiche l'aide d'une commande")
    .showHelpAfterError('(preau --help pour la liste des commandes)')
    .exitOverride()

  program
    .command('serve')
    .description('démarre Préau (base intégrée sauf si DATABASE_URL est définie)')
    .action(() => serve(loadConfig()))

  const db = program.command('db').description('la base de données')
  db.command('migrate')
    .description('applique les migrations en attente')
    .action(() => dbMigrate(loadConfig()))
  db.command('status')
    .description('liste les migrations appliquées et en attente (code 1 si une est en attente)')
    .option('--json', 'sortie JSON')
    .action((options: { json?: boolean }) => dbStatus(loadConfig(), options))
  db.command('backup')
    .description('copie la base intégrée (même en marche) dans un dossier neuf, restaurable tel quel')
    .argument('<dossier>', 'le dossier à créer')
    .action((target: string) => dbBackup(loadConfig(), target))
  db.command('clusters')
    .description(
      'sous root : les bases gardées sous /var/lib/preau/clusters, et celles dont le dossier de données a disparu',
    )
    .option('--remove-orphans', 'supprime les bases orphelines (jamais une base en marche)')
    .option('--json', 'sortie JSON')
    .action((options: { removeOrphans?: boolean; json?: boolean }) => dbClusters(options))

  const demo = program.command('demo').description('le déploiement de démonstration')
  demo
    .command('load')
    .description('charge la démonstration dans une base vide')
    .action(() => demoLoad(loadConfig()))

  const bench = program.command('bench').description('outils de mesure')
  bench
    .command('data')
    .description('génère des structures et des comptes à toute échelle (COPY), pour les mesures')
    .requiredOption('--pupils <n>', "nombre d'élèves (ex. 600000 pour la région)", parsePositiveInteger)
    .option('--seed <n>', 'graine du générateur déterministe', parsePositiveInteger, 1)
    .option('--structures-only', 'collectivités et écoles seulement, sans classe ni compte (avant un import)')
    .option(
      '--messages <n>',
      'messages échangés dans les écoles depuis la rentrée, après les comptes (ex. 20000000)',
      parsePositiveInteger,
    )
    .option('--json', 'résumé en JSON sur la sortie standard')
    .action(async (options: BenchDataOptions) => {
      const { benchData } = await import('./commands/bench-data.ts')
      await benchData(loadConfig(), options)
    })
  bench
    .command('onde-files')
    .description(
      'écrit des exports ONDE (élèves, responsables, enseignants) pour les écoles de `bench data`, un dossier par UAI',
    )
    .requiredOption('--schools <n>', "nombre d'écoles (ex. 5000 pour la région)", parsePositiveInteger)
    .requiredOption('--out <dossier>', 'dossier à créer (vide ou absent)')
    .option('--seed <n>', 'graine (la même que pour bench data)', parsePositiveInteger, 1)
    .option('--json', 'résumé en JSON sur la sortie standard')
    .action(async (options: { schools: number; out: string; seed: number; json?: boolean }) => {
      const { benchOndeFiles } = await import('./commands/bench-onde-files.ts')
      await benchOndeFiles(options)
    })

  const importCommand = program.command('import').description('imports de fichiers')
  addImportAnnuaireCommand(importCommand)
  addImportPeopleCommands(importCommand)
  addSchoolYearCommand(program)
  return program
}

type BenchDataOptions = {
  pupils: number
  seed: number
  structuresOnly?: boolean
  messages?: number
  json?: boolean
}

function parsePositiveInteger(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('un entier positif est attendu.')
  return n
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' })
    return EXIT.ok
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    if (error instanceof ConfigError) {
      console.error(error.message)
      return EXIT.config
    }
    if (error instanceof CliError) {
      console.error(error.message)
      return error.exitCode
    }
    if (error instanceof DataDirLockedError || error instanceof Error) {
      console.error(`Erreur : ${error.message}`)
      if (process.env.PREAU_DEBUG) console.error(error)
      return EXIT.failure
    }
    console.error('Erreur inattendue :', error)
    return EXIT.failure
  }
}

/** Runs the command line and exits with its code, except for a server that keeps running. */
export async function main(argv: string[]): Promise<void> {
  const code = await runCli(argv)
  if (code !== EXIT.ok || argv[0] !== 'serve') process.exit(code)
}

if (import.meta.main) await main(process.argv.slice(2))
