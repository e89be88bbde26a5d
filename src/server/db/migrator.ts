import { Migrator } from 'kysely/migration'
import type { Db } from './connection.ts'
import { migrations } from './migrations/index.ts'

const MIGRATION_TABLE = 'schema_migrations'
const MIGRATION_LOCK_TABLE = 'schema_migrations_lock'

function createMigrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  })
}

export type MigrationStatus = { name: string; appliedAt: Date | null }[]

/** Applies every pending migration in one ordered pass (Kysely takes a lock: concurrent starts are safe). */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest()
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')
    const cause = error instanceof Error ? error.message : String(error)
    throw new Error(`La migration ${failed?.migrationName ?? ''} a échoué : ${cause}`, { cause: error })
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName)
}

/** Lists every known migration with the date it was applied, or null when pending. */
export async function readMigrationStatus(db: Db): Promise<MigrationStatus> {
  const infos = await createMigrator(db).getMigrations()
  return infos.map((info) => ({ name: info.name, appliedAt: info.executedAt ?? null }))
}

/** The name of the last migration this code knows, which a current database has applied. */
export const latestMigrationName = Object.keys(migrations).sort().at(-1) ?? ''

export { MIGRATION_TABLE }
