import type { FastifyInstance } from 'fastify'
import { registerUserReference, type UserReference } from '../person-merge/index.ts'
import { deleteExpiredExports } from './export.queries.ts'
import { prepareExport } from './export.ts'
import { dataProtectionRoutes } from './routes.ts'
import { EXPORT_JOB } from './service.ts'

// What a merge of two accounts of one person does with this module's rows (ADR 0014): the register keeps
// its editor; a « Mes données » archive of the merged account ends (ask again).
for (const reference of [
  { table: 'processing_activities', column: 'updated_by', onMerge: 'move' },
  { table: 'data_exports', column: 'user_id', onMerge: 'end' },
] satisfies UserReference[])
  registerUserReference(reference)

export { dataProtectionPolicies } from './policy.ts'

const EXPIRED_EXPORTS_JOB = 'data-protection.expired-exports'
/** Before the blob store's collection (04:15), which then deletes the archives' files. */
const EXPIRED_EXPORTS_CRON = '50 3 * * *'

/**
 * Data protection: the register of processing activities, « Mes données » (an archive of everything
 * Préau holds about the person, prepared by a job), and the dry run of the retention jobs.
 */
export async function dataProtectionModule(app: FastifyInstance): Promise<void> {
  app.jobs.define<{ exportId: string; userId: string }>(EXPORT_JOB, ({ exportId, userId }) =>
    prepareExport(app, exportId, userId),
  )
  app.jobs.define(EXPIRED_EXPORTS_JOB, async () => {
    await deleteExpiredExports(app.db, new Date())
  })
  app.jobs.schedule(EXPIRED_EXPORTS_JOB, EXPIRED_EXPORTS_CRON)
  await app.register(dataProtectionRoutes)
}
