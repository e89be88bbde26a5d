import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Transaction } from 'kysely'
import { fromKysely, PgBoss } from 'pg-boss'
import type { Database } from '../db/schema.ts'
import { createLogThrottle, isDatabaseUnavailable } from '../db/unavailable.ts'

/**
 * Background jobs in PostgreSQL (pg-boss: no other server). Modules declare handlers with
 * `app.jobs.define(name, handler)` while registering; workers start when the app is ready and stop,
 * after finishing what they hold, when it closes. `enqueue` inside a transaction commits with it.
 */
export type JobHandler<Data> = (data: Data) => Promise<void>

type Jobs = {
  define: <Data extends object>(name: string, handler: JobHandler<Data>) => void
  /**
   * Also runs the job `name` (already defined) on a cron expression, Paris time. The schedule lives in
   * PostgreSQL: with several instances, each occurrence still runs once.
   */
  schedule: (name: string, cron: string) => void
  enqueue: (name: string, data: object, options?: { transaction?: Transaction<Database> }) => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: Jobs
  }
}

export const jobsPlugin = fp(
  async (app: FastifyInstance, options: { connectionString: string; runWorkers: boolean }) => {
    // LISTEN/NOTIFY wakes a worker the moment a job is queued (an e-mail leaves at once); polling stays as a floor.
    const boss = new PgBoss({
      connectionString: options.connectionString,
      // A fetch loop per queue (five today) besides sends and maintenance: with fewer connections the
      // loops wait for each other and a job can sit queued for seconds.
      max: 6,
      application_name: 'preau-jobs',
      useListenNotify: options.runWorkers,
    })
    // While the database is away every poll fails: one line every 10 s says so, not one per poll.
    const unavailableLog = createLogThrottle(10_000)
    boss.on('error', (error) => {
      if (!isDatabaseUnavailable(error)) return app.log.error({ err: error }, 'job queue error')
      const { write, skipped } = unavailableLog()
      if (write) app.log.error({ err: error, alsoFailed: skipped }, 'job queue: database unavailable')
    })
    const handlers = new Map<string, JobHandler<object>>()
    const schedules = new Map<string, string>()
    let started = false

    app.decorate('jobs', {
      define: (name, handler) => {
        handlers.set(name, handler as JobHandler<object>)
      },
      schedule: (name, cron) => {
        if (!handlers.has(name)) throw new Error(`No job handler named ${name}`)
        schedules.set(name, cron)
      },
      enqueue: async (name, data, enqueueOptions = {}) => {
        if (!handlers.has(name)) throw new Error(`No job handler named ${name}`)
        const db = enqueueOptions.transaction ? { db: fromKysely(enqueueOptions.transaction) } : {}
        await boss.send(name, data, { retryLimit: 5, retryBackoff: true, ...db })
      },
    } satisfies Jobs)

    app.addHook('onReady', async () => {
      await boss.start()
      started = true
      for (const [name, handler] of handlers) {
        await boss.createQueue(name, { notify: true })
        const cron = schedules.get(name)
        if (cron) await boss.schedule(name, cron, {}, { tz: 'Europe/Paris' })
        if (options.runWorkers) {
          // NOTIFY wakes the worker at once; when a wake-up is missed, pg-boss would otherwise wait its
          // 30-second backstop (an e-mail queued behind a busy batch sat there): poll every 2 s anyway.
          const polling = { pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2 }
          await boss.work<object>(name, polling, async (jobs) => {
            for (const job of jobs) {
              try {
                await handler(job.data)
              } catch (error) {
                // Logged here with the job's name (never its data: it may hold an address); pg-boss retries it.
                app.log.error({ err: error, job: name, jobId: job.id }, 'job failed')
                throw error
              }
            }
          })
        }
      }
    })
    app.addHook('onClose', async () => {
      if (started) await boss.stop({ graceful: true, timeout: 10_000 })
    })
  },
  { name: 'jobs' },
)

/**
 * Queueing without working: for a process that only sends jobs (the command line), done by the servers'
 * workers. No worker, schedule or maintenance of its own; a job queued in a transaction commits with it.
 */
export async function openJobSender(connectionString: string) {
  const boss = new PgBoss({
    connectionString,
    max: 2,
    application_name: 'preau-cli',
    supervise: false,
    schedule: false,
  })
  await boss.start()
  const queues = new Set<string>()
  return {
    enqueue: async (name: string, data: object, options: { transaction?: Transaction<Database> } = {}) => {
      // The servers create their queues at start; a command may run before any server ever did.
      if (!queues.has(name)) {
        await boss.createQueue(name, { notify: true })
        queues.add(name)
      }
      const db = options.transaction ? { db: fromKysely(options.transaction) } : {}
      await boss.send(name, data, { retryLimit: 5, retryBackoff: true, ...db })
    },
    close: () => boss.stop({ graceful: false }),
  }
}
