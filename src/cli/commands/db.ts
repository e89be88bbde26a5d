import type { Config } from '../../server/config.ts'
import { migrateToLatest, readMigrationStatus } from '../../server/db/migrator.ts'
import { openDatabase } from '../../server/db/open.ts'
import { CliError } from '../exit-codes.ts'

/** `preau db migrate`: applies pending migrations (to the running Préau's database if one runs). */
export async function dbMigrate(config: Config): Promise<void> {
  const database = await openDatabase(config, { shareRunning: true })
  try {
    const applied = await migrateToLatest(database.db)
    if (applied.length === 0) console.log('La base est à jour : aucune migration à appliquer.')
    for (const name of applied) console.log(`Migration appliquée : ${name}`)
  } finally {
    await database.close()
  }
}

/** `preau db status`: each migration, applied (with its date) or pending; exits 1 when some are pending. */
export async function dbStatus(config: Config, options: { json?: boolean }): Promise<void> {
  const database = await openDatabase(config, { shareRunning: true })
  try {
    const status = await readMigrationStatus(database.db)
    const pending = status.filter((migration) => !migration.appliedAt)
    if (options.json) {
      console.log(JSON.stringify({ mode: database.mode, migrations: status }, null, 2))
    } else {
      console.log(`Base : ${database.mode === 'embedded' ? 'PostgreSQL intégré' : 'DATABASE_URL'}`)
      for (const migration of status) {
        const state = migration.appliedAt ? `appliquée le ${migration.appliedAt.toISOString()}` : 'EN ATTENTE'
        console.log(`  ${migration.name}  ${state}`)
      }
    }
    if (pending.length > 0)
      throw new CliError(`${pending.length} migration(s) en attente : lancez « preau db migrate ».`)
  } finally {
    await database.close()
  }
}
