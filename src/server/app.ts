import { randomUUID } from 'node:crypto'
import path from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import type { Config } from './config.ts'
import type { Db } from './db/connection.ts'
import { loggerOptions, RequestLogController, requestLogger } from './logging.ts'
import { accountsModule } from './modules/accounts/index.ts'
import { auditModule } from './modules/audit/index.ts'
import { communicationModule, reachCachePlugin } from './modules/communication/index.ts'
import { contributionsModule } from './modules/contributions/index.ts'
import { dataProtectionModule } from './modules/data-protection/index.ts'
import { deploymentModule } from './modules/deployment/index.ts'
import { directoryModule, rostersPlugin } from './modules/directory/index.ts'
import { feedModule } from './modules/feed/index.ts'
import { flashMessagesModule } from './modules/flash-messages/index.ts'
import { governanceModule } from './modules/governance/index.ts'
import { identityModule } from './modules/identity/index.ts'
import { ondeImportModule } from './modules/imports/onde/index.ts'
import { schoolDirectoryModule } from './modules/imports/school-directory/index.ts'
import { membersModule } from './modules/members/index.ts'
import { messagingModule } from './modules/messaging/index.ts'
import { notificationsModule } from './modules/notifications/index.ts'
import { personMergeModule } from './modules/person-merge/index.ts'
import { policies } from './modules/policies.ts'
import { portalModule } from './modules/portal/index.ts'
import { schoolYearsModule } from './modules/school-years/index.ts'
import { statisticsModule, usageRecorderPlugin } from './modules/statistics/index.ts'
import { structuresModule } from './modules/structures/index.ts'
import { systemModule } from './modules/system/index.ts'
import { sessionPlugin } from './plugins/auth/session.ts'
import { blobsPlugin } from './plugins/blobs/index.ts'
import { compressionPlugin } from './plugins/compression.ts'
import { dbPlugin } from './plugins/db.ts'
import { errorsPlugin } from './plugins/errors.ts'
import { jobsPlugin } from './plugins/jobs.ts'
import { mailPlugin } from './plugins/mail.ts'
import { metricsPlugin } from './plugins/metrics.ts'
import { openapiPlugin } from './plugins/openapi.ts'
import { policyPlugin } from './plugins/policy/index.ts'
import { realtimePlugin } from './plugins/realtime/index.ts'
import { securityPlugin } from './plugins/security.ts'
import { webPlugin } from './plugins/web.ts'
import { PROJECT_ROOT, PROJECT_VERSION } from './project.ts'
import { createSecretBox, type SecretBox } from './secrets.ts'

declare module 'fastify' {
  interface FastifyInstance {
    secrets: SecretBox
    /** The validated configuration, for plugins and modules that need a setting. */
    config: Config
    /** `up`, or the embedded database being restarted after a crash (`recovering`), or lost (`down`). */
    databaseStatus: () => 'up' | 'recovering' | 'down'
  }
}

export type AppOptions = {
  config: Config
  db: Db
  /** The same database as `db`, for the job queue's own pool. */
  databaseUrl: string
  /** Key of the secrets kept encrypted in the database. */
  secretKey: Buffer
  /** Run job workers in this process (default true). */
  runJobs?: boolean
  /** Folder of the built web app; defaults to `dist/web`. */
  webRoot?: string
  /** A pino destination for tests; defaults to stdout. */
  logStream?: NodeJS.WritableStream
  /** The database server's state when Préau runs it (embedded): `/health` answers 503 unless `up`. */
  databaseStatus?: () => 'up' | 'recovering' | 'down'
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

/**
 * Assembles Préau: infrastructure plugins first (errors, security, database, session, policy, docs,
 * metrics), then the domain modules, then the web app. Routes of every module are checked at `ready()`.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    logController: new RequestLogController(),
    childLoggerFactory: requestLogger,
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id']
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
    },
    routerOptions: { ignoreTrailingSlash: true },
  })
  app.decorate('config', config)
  app.decorate('databaseStatus', options.databaseStatus ?? (() => 'up' as const))
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    done()
  })

  await app.register(errorsPlugin)
  await app.register(securityPlugin, { config })
  // Before any route: it compresses the answers of the routes registered after it.
  await app.register(compressionPlugin)
  await app.register(dbPlugin, { db: options.db })
  app.decorate('secrets', createSecretBox(options.secretKey))
  await app.register(jobsPlugin, {
    connectionString: options.databaseUrl,
    runWorkers: options.runJobs ?? true,
  })
  await app.register(mailPlugin, { config })
  await app.register(blobsPlugin, { config })
  await app.register(usageRecorderPlugin, { secretKey: options.secretKey })
  await app.register(sessionPlugin, { config })
  await app.register(reachCachePlugin)
  await app.register(rostersPlugin)
  await app.register(policyPlugin, { policies })
  await app.register(realtimePlugin, { config, connectionString: options.databaseUrl })
  await app.register(openapiPlugin, { version: PROJECT_VERSION, config })
  await app.register(metricsPlugin, { config })

  await app.register(systemModule)
  await app.register(identityModule)
  await app.register(portalModule)
  await app.register(deploymentModule)
  await app.register(auditModule)
  await app.register(communicationModule)
  await app.register(directoryModule)
  await app.register(structuresModule)
  await app.register(accountsModule)
  await app.register(schoolYearsModule)
  await app.register(schoolDirectoryModule)
  await app.register(ondeImportModule)
  await app.register(messagingModule)
  await app.register(feedModule)
  await app.register(governanceModule)
  await app.register(membersModule)
  await app.register(contributionsModule)
  await app.register(statisticsModule)
  await app.register(dataProtectionModule)
  await app.register(personMergeModule)
  await app.register(flashMessagesModule)
  await app.register(notificationsModule)

  await app.register(webPlugin, { root: options.webRoot ?? path.join(PROJECT_ROOT, 'dist', 'web') })
  return app
}
