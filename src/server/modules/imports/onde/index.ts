import type { FastifyInstance } from 'fastify'
import { registerUserReference } from '../../person-merge/index.ts'
import { expireMissingMemberships } from './grace-period.ts'
import { ondeImportRoutes } from './routes.ts'

// A decision names the other school's account: it follows the person when two accounts are merged.
registerUserReference({
  table: 'import_account_decisions',
  column: 'other_user_id',
  onMerge: 'move-unless-present',
  key: ['school_id', 'profile', 'person_key'],
})
registerUserReference({ table: 'import_account_decisions', column: 'decided_by', onMerge: 'move' })

export { expireMissingMemberships } from './grace-period.ts'
export { ondeImportPolicies } from './policy.ts'
export {
  applyImportRun,
  createImportRun,
  decideDuplicates,
  discardImportRun,
  type ImportSettings,
  readImportReport,
} from './service.ts'

/** The daily end of grace periods (and clean-up of runs left unapplied). */
export const GRACE_PERIOD_JOB = 'imports.grace-period'
/** Every night at 02:45, Paris time: before the retention job that follows departures. */
const GRACE_PERIOD_CRON = '45 2 * * *'

/** The ONDE import of a school's pupils, guardians and teachers, and the grace period of those it drops. */
export async function ondeImportModule(app: FastifyInstance): Promise<void> {
  app.jobs.define(GRACE_PERIOD_JOB, async () => {
    const result = await expireMissingMemberships(app.db, new Date(), app.config.importGraceDays)
    for (const userId of result.signedOut) app.sessions.forgetUser(userId)
    app.log.info(
      {
        job: GRACE_PERIOD_JOB,
        left: result.left,
        runsDropped: result.runsDropped,
        runsLost: result.runsLost,
      },
      'grace periods ended',
    )
  })
  app.jobs.schedule(GRACE_PERIOD_JOB, GRACE_PERIOD_CRON)
  await app.register(ondeImportRoutes)
}
