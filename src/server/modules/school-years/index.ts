import type { FastifyInstance } from 'fastify'
import { runDailyRetention } from './purge.ts'
import { schoolYearsRoutes } from './routes.ts'

export { systemAudit } from './audit.ts'
export type { DueDeletionsPreview } from './deletions.queries.ts'
export { schoolYearsPolicies } from './policy.ts'
export {
  type PurgeReport,
  previewDueDeletions,
  purgeDueDeletions,
  runDailyRetention,
  scheduleDepartedDeletions,
} from './purge.ts'
export { openNextSchoolYear, previewRollover } from './service.ts'
export { parisDay } from './years.ts'

/** The daily job that schedules and carries out the deletion of departed people's personal data. */
export const RETENTION_JOB = 'school-years.retention'
/** Every night at 03:15, Paris time: outside the hours of use. */
const RETENTION_CRON = '15 3 * * *'

/**
 * School years: the rollover (preview, opening the next year) for the syndicate, the deletion of
 * departed people's personal data (daily job), and each person's objection to keeping their contributions.
 */
export async function schoolYearsModule(app: FastifyInstance): Promise<void> {
  app.jobs.define(RETENTION_JOB, async () => {
    const report = await runDailyRetention(app.db, new Date())
    for (const userId of report.userIds) app.sessions.forgetUser(userId)
    if (report.failed > 0) {
      app.log.warn({ job: RETENTION_JOB, failed: report.failed }, 'some personal data deletions failed')
    }
  })
  app.jobs.schedule(RETENTION_JOB, RETENTION_CRON)
  await app.register(schoolYearsRoutes)
}
