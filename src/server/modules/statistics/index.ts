import type { FastifyInstance } from 'fastify'
import { aggregateDay, deleteExpiredUsageEvents } from './aggregation.ts'
import { usageDayOf } from './pseudonym.ts'
import { statisticsRoutes } from './routes.ts'

export { countExpiredUsageEvents, snapshotActivation } from './aggregation.ts'
export { statisticsPolicies } from './policy.ts'
export { recordSignIn, usageRecorderPlugin } from './recorder.ts'
export { aggregateDay, usageDayOf }

/** Every hour: today's aggregates so far, and yesterday's again (its last events came after 23:00). */
export const AGGREGATION_JOB = 'statistics.aggregate'
const AGGREGATION_CRON = '7 * * * *'
export const USAGE_RETENTION_JOB = 'statistics.retention'
const USAGE_RETENTION_CRON = '40 3 * * *'

/** The day a year before `now` (Paris): raw usage events of days before it are deleted. */
export function usageRetentionLimit(now: Date): string {
  const day = usageDayOf(now)
  return `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`.replace(/-02-29$/, '-02-28')
}

/**
 * Usage statistics (ADR 0013): pseudonymised events recorded by `app.usage` (see `recorder.ts`), daily
 * aggregates computed by a job, dashboards for the syndicate, collectivities, circonscriptions and
 * schools.
 */
export async function statisticsModule(app: FastifyInstance): Promise<void> {
  app.jobs.define(AGGREGATION_JOB, async () => {
    const now = new Date()
    await app.usage.flush()
    await aggregateDay(app.db, usageDayOf(new Date(now.getTime() - 86_400_000)), now)
    await aggregateDay(app.db, usageDayOf(now), now)
  })
  app.jobs.schedule(AGGREGATION_JOB, AGGREGATION_CRON)
  app.jobs.define(USAGE_RETENTION_JOB, async () => {
    const deleted = await deleteExpiredUsageEvents(app.db, usageRetentionLimit(new Date()))
    if (deleted > 0)
      app.log.info({ job: USAGE_RETENTION_JOB, deleted }, 'usage events older than a year deleted')
  })
  app.jobs.schedule(USAGE_RETENTION_JOB, USAGE_RETENTION_CRON)
  await app.register(statisticsRoutes)
}
