import { sql } from 'kysely'
import type { Config } from '../config.ts'
import { createDatabase, type Db } from './connection.ts'
import {
  type EmbeddedEvent,
  type EmbeddedStatus,
  findRunningEmbeddedPostgres,
  startEmbeddedPostgres,
} from './embedded/index.ts'

export type OpenDatabase = {
  db: Db
  connectionString: string
  mode: 'embedded' | 'external'
  /** Where the embedded cluster lives (embedded mode only). */
  clusterDir: string | null
  /** True when the embedded cluster was created by this start. */
  isNew: boolean
  /** The embedded server's state (a restart after a crash); always `up` for an external server. */
  status: () => EmbeddedStatus
  /** Closes the pool, then stops the embedded server if this process started it. */
  close: () => Promise<void>
}

const MIN_SERVER_VERSION = 150000

/**
 * The database of this configuration: the external PostgreSQL of DATABASE_URL, or the embedded one of
 * the data directory. With `shareRunning`, a CLI command reuses the embedded server of a Préau already
 * running on the same data directory instead of being refused by its lock.
 */
export async function openDatabase(
  config: Config,
  options: {
    shareRunning?: boolean
    onLog?: (line: string) => void
    onEvent?: (event: EmbeddedEvent) => void
  } = {},
): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    const db = createDatabase({ connectionString: config.databaseUrl, poolSize: config.databasePoolSize })
    await checkServer(db, 'la base PostgreSQL de DATABASE_URL')
    return {
      db,
      connectionString: config.databaseUrl,
      mode: 'external',
      clusterDir: null,
      isNew: false,
      status: () => 'up',
      close: () => db.destroy(),
    }
  }
  if (options.shareRunning) {
    const running = await findRunningEmbeddedPostgres(config.dataDir)
    if (running) {
      const db = createDatabase({ connectionString: running, poolSize: 4 })
      await checkServer(db, 'la base intégrée du Préau en cours d’exécution')
      return {
        db,
        connectionString: running,
        mode: 'embedded',
        clusterDir: null,
        isNew: false,
        status: () => 'up',
        close: () => db.destroy(),
      }
    }
  }
  const embedded = await startEmbeddedPostgres(config.dataDir, {
    onLog: options.onLog,
    onEvent: options.onEvent,
  })
  const db = createDatabase({
    connectionString: embedded.connectionString,
    poolSize: config.databasePoolSize,
  })
  return {
    db,
    connectionString: embedded.connectionString,
    mode: 'embedded',
    clusterDir: embedded.clusterDir,
    isNew: embedded.isNew,
    status: embedded.status,
    close: async () => {
      await db.destroy()
      await embedded.stop()
    },
  }
}

async function checkServer(db: Db, label: string): Promise<void> {
  let version: number
  try {
    const { rows } = await sql<{ serverVersionNum: string }>`show server_version_num`.execute(db)
    version = Number(rows[0]?.serverVersionNum ?? 0)
  } catch (error) {
    await db.destroy()
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new Error(
      `Impossible de joindre ${label} (${reason}) : vérifiez l'adresse, les identifiants et que le serveur tourne.`,
    )
  }
  if (version < MIN_SERVER_VERSION) {
    await db.destroy()
    throw new Error(
      `Préau demande PostgreSQL 15 ou plus récent ; ${label} est en version ${Math.floor(version / 10000)}.`,
    )
  }
}
