import net from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.ts'
import type { Config } from './config.ts'
import type { Db } from './db/connection.ts'
import type { EmbeddedEvent } from './db/embedded/index.ts'
import { migrateToLatest } from './db/migrator.ts'
import { type OpenDatabase, openDatabase } from './db/open.ts'
import type { DemoDeployment } from './demo/demo-deployment.ts'
import { isDeploymentEmpty, loadDemoDeployment } from './demo/load-demo.ts'
import { openBlobStorage } from './plugins/blobs/index.ts'
import { loadSecretKey, readSecretKeyFile } from './secrets.ts'

export type RunningPreau = {
  app: FastifyInstance
  database: OpenDatabase
  url: string
  /** Set when this start loaded the demo deployment. */
  demo: DemoDeployment | null
  /** Drains requests, closes the pool, stops the embedded database. */
  stop: () => Promise<void>
}

/**
 * Starts Préau: opens the database (embedded or external), applies pending migrations, loads the demo
 * deployment on first start when configured to, then listens. Any failure undoes what was started.
 * Should the embedded PostgreSQL die and fail to restart, `onDatabaseLost` is called (the command exits
 * non-zero, for a supervisor to act).
 */
export async function startPreau(
  config: Config,
  options: { onDatabaseLost?: (error: Error) => void } = {},
): Promise<RunningPreau> {
  // What would stop the start later is checked first, before a cluster is created or migrated.
  if (!config.secretKey) await readSecretKeyFile(config)
  await checkPortIsFree(config)
  let app: FastifyInstance | null = null
  const onEvent = (event: EmbeddedEvent) => {
    reportEmbeddedEvent(app, event)
    if (event.type === 'gave-up') options.onDatabaseLost?.(event.error)
  }
  const database = await openDatabase(config, { onEvent })
  try {
    await migrateToLatest(database.db)
    const wantsDemo = config.demo === 'always' || (config.demo === 'auto' && database.mode === 'embedded')
    const demo =
      wantsDemo && (await isDeploymentEmpty(database.db))
        ? await loadDemoWithFiles(database.db, config)
        : null
    const secretKey = await loadSecretKey(config)
    app = await buildApp({
      config,
      db: database.db,
      databaseUrl: database.connectionString,
      secretKey,
      databaseStatus: database.status,
    })
    await listen(app, config)
    const started = app
    return {
      app: started,
      database,
      url: config.publicUrl,
      demo,
      stop: async () => {
        await started.close()
        await database.close()
      },
    }
  } catch (error) {
    await app?.close().catch(() => {})
    await database.close()
    throw error
  }
}

/** One clear line per step of a postmaster's death and restart, with PostgreSQL's last lines. */
function reportEmbeddedEvent(app: FastifyInstance | null, event: EmbeddedEvent): void {
  const log = app?.log
  const write = (level: 'info' | 'warn' | 'error' | 'fatal', details: object, message: string) => {
    if (log) log[level](details, message)
    else console.error(`${message} ${JSON.stringify(details)}`)
  }
  switch (event.type) {
    case 'postmaster-exited':
      write(
        'error',
        { code: event.code, signal: event.signal, postgresLastLines: event.lastLines },
        'embedded PostgreSQL stopped unexpectedly: answering 503 and restarting it (crash recovery)',
      )
      break
    case 'restarted':
      write('info', { attempt: event.attempt, ms: event.ms }, 'embedded PostgreSQL serving again')
      break
    case 'restart-failed':
      write('warn', { attempt: event.attempt, err: event.error }, 'embedded PostgreSQL did not restart yet')
      break
    case 'gave-up':
      write('fatal', { err: event.error }, 'embedded PostgreSQL could not be restarted: stopping Préau')
      break
    case 'orphan-stopped':
      write('warn', { pid: event.pid }, 'stopped a PostgreSQL left running by a Préau that was killed')
      break
    case 'cluster-set-aside':
      write(
        'warn',
        { clusterDir: event.clusterDir, movedTo: event.movedTo },
        'the cluster found for this data directory was not its own: set aside (preau db clusters), a new one is created',
      )
      break
  }
}

/** The demo, its messages' files written to the deployment's blob store. */
async function loadDemoWithFiles(db: Db, config: Config): Promise<DemoDeployment> {
  const blobStorage = await openBlobStorage(config)
  try {
    return await loadDemoDeployment(db, new Date(), { blobStorage })
  } finally {
    await blobStorage.close()
  }
}

/** A port already taken is said before the database is created, migrated or loaded with the demo. */
async function checkPortIsFree(config: Config): Promise<void> {
  if (config.port === 0) return
  const probe = net.createServer()
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject)
      probe.listen({ port: config.port, host: config.host, exclusive: true }, resolve)
    })
  } catch (error) {
    throw listenError(error, config)
  } finally {
    await new Promise((resolve) => probe.close(resolve))
  }
}

async function listen(app: FastifyInstance, config: Config): Promise<void> {
  try {
    await app.listen({ port: config.port, host: config.host })
  } catch (error) {
    throw listenError(error, config)
  }
}

function listenError(error: unknown, config: Config): Error {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE') {
    return new Error(
      `Le port ${config.port} est déjà utilisé : arrêtez l'autre programme ou choisissez un autre PORT.`,
    )
  }
  if (code === 'EACCES') {
    return new Error(`Le port ${config.port} est réservé : choisissez un PORT au-dessus de 1024.`)
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new Error(`L'adresse HOST=${config.host} n'existe pas sur cette machine.`)
  }
  return error as Error
}
