import type { Config } from '../../server/config.ts'
import { DEMO_PASSWORD } from '../../server/demo/load-demo.ts'
import { startPreau } from '../../server/main.ts'
import { ensureWebBuild } from '../web-build.ts'

/** `preau serve`: builds the web app if needed, starts everything, stops cleanly on SIGINT/SIGTERM. */
export async function serve(config: Config): Promise<void> {
  const started = Date.now()
  await ensureWebBuild((line) => console.log(line))
  let lost: ((error: Error) => void) | null = null
  const preau = await startPreau(config, { onDatabaseLost: (error) => lost?.(error) })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(`\nPréau est prêt sur ${preau.url} (démarré en ${seconds} s).`)
  if (preau.database.mode === 'embedded' && preau.database.clusterDir) {
    console.log(`Base PostgreSQL intégrée : ${preau.database.clusterDir}`)
  }
  if (preau.demo) {
    console.log(`\nDéploiement de démonstration chargé. Comptes (mot de passe : ${DEMO_PASSWORD}) :`)
    const width = Math.max(...preau.demo.showcase.map((account) => account.label.length))
    for (const account of preau.demo.showcase)
      console.log(`  ${account.label.padEnd(width)}  ${account.login}`)
  }
  console.log('\nCtrl+C pour arrêter.')

  let stoppingSince = 0
  const stop = async (signal: NodeJS.Signals) => {
    if (stoppingSince) {
      // The same Ctrl+C may arrive twice (from the terminal and from `bin/preau.js`): only a second
      // press, a moment later, forces the exit.
      if (Date.now() - stoppingSince < 1_500) return
      console.error('Arrêt forcé.')
      process.exit(130)
    }
    stoppingSince = Date.now()
    console.log(`\n${signal} reçu : fin des requêtes en cours, arrêt de la base…`)
    const timer = setTimeout(() => {
      console.error('Arrêt trop long : sortie forcée.')
      process.exit(1)
    }, 30_000)
    timer.unref()
    await preau.stop()
    console.log('Préau est arrêté.')
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  // The embedded PostgreSQL died and would not start again: say so and exit non-zero, so that a
  // supervisor (systemd, a container runtime) restarts Préau or calls someone.
  lost = (error) => {
    console.error(
      `La base PostgreSQL intégrée s'est arrêtée et n'a pas pu redémarrer : ${error.message} Préau s'arrête (code 1).`,
    )
    const timer = setTimeout(() => process.exit(1), 15_000)
    timer.unref()
    preau.stop().finally(() => process.exit(1))
  }
}
