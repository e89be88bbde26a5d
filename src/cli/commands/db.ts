import fs from 'node:fs/promises'
import path from 'node:path'
import type { Config } from '../../server/config.ts'
import { backupEmbeddedCluster } from '../../server/db/embedded/backup.ts'
import { isRoot } from '../../server/db/embedded/binaries.ts'
import { CLUSTERS_ROOT, listClusters } from '../../server/db/embedded/cluster-identity.ts'
import { migrateToLatest, readMigrationStatus } from '../../server/db/migrator.ts'
import { openDatabase } from '../../server/db/open.ts'
import { CliError, EXIT } from '../exit-codes.ts'

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

/**
 * `preau db clusters [--remove-orphans]`: under root, the clusters kept under /var/lib/preau/clusters and
 * whether their data directory still knows them; removes those whose data directory is gone, new or
 * another one (never one that runs).
 */
export async function dbClusters(options: { removeOrphans?: boolean; json?: boolean }): Promise<void> {
  const clusters = await listClusters()
  if (options.json) {
    console.log(JSON.stringify({ root: CLUSTERS_ROOT, clusters }, null, 2))
  } else if (clusters.length === 0) {
    console.log(
      isRoot()
        ? `Aucune base sous ${CLUSTERS_ROOT}.`
        : 'Hors root, chaque base vit dans son dossier de données (<dossier>/postgres) : rien à lister ici.',
    )
  } else {
    for (const cluster of clusters) {
      const state =
        cluster.state === 'in-use'
          ? `utilisée par ${cluster.dataDir}`
          : cluster.state === 'running'
            ? 'en marche'
            : cluster.state === 'unknown'
              ? 'antérieure aux identités : dossier de données inconnu (gardée)'
              : `orpheline (${cluster.reason})`
      console.log(`${cluster.dir}  ${state}`)
    }
  }
  const orphans = clusters.filter((cluster) => cluster.state === 'orphan')
  if (!options.removeOrphans) {
    if (orphans.length > 0 && !options.json)
      console.log(
        `${orphans.length} base(s) orpheline(s) : « preau db clusters --remove-orphans » les supprime.`,
      )
    return
  }
  for (const orphan of orphans) {
    await fs.rm(orphan.dir, { recursive: true, force: true })
    if (!options.json) console.log(`Supprimée : ${orphan.dir}`)
  }
}

/**
 * `preau db backup DIR`: a physical copy of the embedded cluster (running or not) into DIR, which starts
 * as a cluster of its own (see docs/operations.md). With DATABASE_URL, use that server's own tools.
 */
export async function dbBackup(config: Config, target: string): Promise<void> {
  if (config.databaseUrl)
    throw new CliError(
      'Avec DATABASE_URL, sauvegardez avec les outils du serveur (pg_dump, pg_basebackup) : voir docs/operations.md.',
      EXIT.usage,
    )
  const database = await openDatabase(config, { shareRunning: true })
  try {
    const dataDir = await fs.realpath(config.dataDir)
    const { locateEmbeddedCluster } = await import('../../server/db/embedded/index.ts')
    const clusterDir = database.clusterDir ?? locateEmbeddedCluster(dataDir).clusterDir
    const { bytes } = await backupEmbeddedCluster(database.connectionString, clusterDir, path.resolve(target))
    console.log(
      `Sauvegarde terminée : ${path.resolve(target)} (${(bytes / 1024 / 1024).toFixed(1)} Mo). Pour restaurer : docs/operations.md.`,
    )
  } finally {
    await database.close()
  }
}
