import type { Config } from '../../server/config.ts'
import { migrateToLatest } from '../../server/db/migrator.ts'
import { openDatabase } from '../../server/db/open.ts'
import { DEMO_PASSWORD, isDeploymentEmpty, loadDemoDeployment } from '../../server/demo/load-demo.ts'
import { openBlobStorage } from '../../server/plugins/blobs/index.ts'
import { CliError } from '../exit-codes.ts'

/** `preau demo load`: writes the demo deployment into an empty database. */
export async function demoLoad(config: Config): Promise<void> {
  const database = await openDatabase(config, { shareRunning: true })
  try {
    await migrateToLatest(database.db)
    if (!(await isDeploymentEmpty(database.db))) {
      throw new CliError(
        'Cette base contient déjà un déploiement : la démonstration ne se charge que dans une base vide.',
      )
    }
    const blobStorage = await openBlobStorage(config)
    const demo = await loadDemoDeployment(database.db, new Date(), { blobStorage }).finally(() =>
      blobStorage.close(),
    )
    console.log(
      `Démonstration chargée : ${demo.schools.length} écoles, ${demo.classes.length} classes, ${demo.users.length} comptes.`,
    )
    console.log(`Mot de passe de tous les comptes : ${DEMO_PASSWORD}`)
    for (const account of demo.showcase) console.log(`  ${account.label} : ${account.login}`)
  } finally {
    await database.close()
  }
}
