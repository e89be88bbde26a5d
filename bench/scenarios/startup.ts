import { setTimeout as sleep } from 'node:timers/promises'
import { ensureWebBuild } from '../../src/cli/web-build.ts'
import { createTempDataDir, preauEnv, spawnPreau, stopPreau } from '../lib/preau.ts'
import { findFreePort, type Memory, memoryOf, waitForHttp } from '../lib/processes.ts'
import type { ScenarioResult } from '../lib/results.ts'
import { median, round } from '../lib/stats.ts'

/**
 * Time from spawning `preau serve` to `GET /ready` answering 200: once on a new data directory (cold: initdb,
 * migrations, demo), then warm over several rounds; and at idle, the memory of the Node process and of its
 * embedded PostgreSQL, read from /proc.
 */
export type StartupOptions = { rounds: number; idleSeconds: number }

const WARM_READY_TARGET_MS = 5_000
const NODE_RSS_TARGET_MB = 150

/** `webBuilt`: this start rebuilt the web app (its sources changed meanwhile), which costs time and leaves Vite in memory. */
type WarmRound = { readyMs: number; webBuilt: boolean; node: Memory; postgres: Memory }

/** What `serve` prints when it builds the web app before starting (src/cli/web-build.ts). */
const WEB_BUILD_LINE = "Construction de l'interface web"

export async function runStartup(
  options: StartupOptions,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const dataDir = await createTempDataDir('startup')
  try {
    const port = await findFreePort()
    const env = preauEnv(dataDir.dir, { PORT: String(port) })
    const url = `http://127.0.0.1:${port}/ready`
    const start = async () => {
      // Build the web app here first if its sources changed, so that `serve` measures a start, not a build.
      await ensureWebBuild(log)
      const since = performance.now()
      const child = spawnPreau(['serve'], env)
      try {
        const readyMs = await waitForHttp(url, child, { since, timeoutMs: 180_000 })
        return { child, readyMs }
      } catch (error) {
        await stopPreau(child, dataDir.dir)
        throw error
      }
    }

    log('Démarrage à froid (dossier de données neuf)…')
    const cold = await start()
    await stopPreau(cold.child, dataDir.dir)

    const rounds: WarmRound[] = []
    for (let r = 1; r <= options.rounds; r++) {
      const { child, readyMs } = await start()
      // Idle memory, once start-up garbage had a chance to go and the pool settled.
      await sleep(options.idleSeconds * 1000)
      const memory = memoryOf(child.process.pid!)
      const webBuilt = child.output().includes(WEB_BUILD_LINE)
      rounds.push({ readyMs: round(readyMs, 0), webBuilt, ...memory })
      log(
        `Tour ${r}/${options.rounds} : prêt en ${Math.round(readyMs)} ms, RSS Node ${memory.node.rssMb} Mo${webBuilt ? ' (a reconstruit l’interface web : écarté)' : ''}`,
      )
      await stopPreau(child, dataDir.dir)
    }

    // A round that rebuilt the web app measures Vite, not Préau: keep it in the JSON, out of the medians.
    const clean = rounds.filter((r) => !r.webBuilt)
    const counted = clean.length > 0 ? clean : rounds
    const warm = median(counted.map((r) => r.readyMs))
    const nodeRss = median(counted.map((r) => r.node.rssMb))
    const postgresRss = median(counted.map((r) => r.postgres.rssMb))
    const postgresPss = median(counted.map((r) => r.postgres.pssMb))
    const postgresProcesses = median(counted.map((r) => r.postgres.processes))
    const rebuilt = rounds.filter((r) => r.webBuilt)
    return {
      tables: [
        {
          title: `Démarrage — médianes de ${counted.length} démarrages à chaud`,
          columns: ['mesure', 'valeur', 'min', 'max', 'objectif'],
          rows: [
            ['démarrage à froid (ms)', round(cold.readyMs, 0), '', '', ''],
            [
              'démarrage à chaud (ms)',
              warm,
              Math.min(...counted.map((r) => r.readyMs)),
              Math.max(...counted.map((r) => r.readyMs)),
              `< ${WARM_READY_TARGET_MS}`,
            ],
            ['RSS Node au repos (Mo)', nodeRss, '', '', `< ${NODE_RSS_TARGET_MB}`],
            [`RSS PostgreSQL (Mo, ${postgresProcesses} processus)`, postgresRss, '', '', ''],
            ['PSS PostgreSQL (Mo)', postgresPss, '', '', ''],
          ],
          notes: [
            'du lancement de « node src/cli/main.ts serve » à GET /ready = 200',
            `mémoire lue dans /proc après ${options.idleSeconds} s au repos ; PSS partage la mémoire commune (shared_buffers) entre processus`,
            ...(rebuilt.length > 0
              ? [
                  `${rebuilt.length} démarrage(s) écarté(s) : serve a reconstruit l’interface web (sources modifiées entre-temps), RSS Node ${rebuilt.map((r) => r.node.rssMb).join(', ')} Mo`,
                ]
              : []),
          ],
        },
      ],
      figures: {
        coldReadyMs: round(cold.readyMs, 0),
        warmReadyMs: warm,
        nodeRssMb: nodeRss,
        postgresRssMb: postgresRss,
        postgresPssMb: postgresPss,
        rounds,
      },
      targets: [
        {
          label: `démarrage à chaud < ${WARM_READY_TARGET_MS / 1000} s`,
          met: warm < WARM_READY_TARGET_MS,
          detail: `${warm} ms`,
        },
        {
          label: `RSS Node au repos < ${NODE_RSS_TARGET_MB} Mo`,
          met: nodeRss < NODE_RSS_TARGET_MB,
          detail: `${nodeRss} Mo`,
        },
      ],
    }
  } finally {
    await dataDir.remove()
  }
}
