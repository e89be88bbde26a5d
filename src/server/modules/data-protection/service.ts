import type { FastifyInstance } from 'fastify'
import type { ProcessingActivityBody, RetentionPreview } from '../../../contract/data-protection.ts'
import type { Db } from '../../db/connection.ts'
import { notFound } from '../../plugins/errors.ts'
import { type AuditAuthor, auditedChange } from '../audit/index.ts'
import { previewDueDeletions } from '../school-years/index.ts'
import { countExpiredUsageEvents, usageDayOf, usageRetentionLimit } from '../statistics/index.ts'
import { insertExport, latestExport } from './export.queries.ts'
import { deleteActivity, insertActivity, updateActivity } from './register.queries.ts'
import { countExpiredExports } from './retention.queries.ts'

/** The export job: one archive at a time per person. */
export const EXPORT_JOB = 'data-protection.export'

export function addActivity(db: Db, author: AuditAuthor, body: ProcessingActivityBody) {
  return auditedChange(
    db,
    author,
    (trx) => insertActivity(trx, body, author.actorId),
    (row) => ({
      action: 'dataProtection.addActivity',
      target: { type: 'processing-activity', id: row.id },
      details: { name: row.name },
    }),
  )
}

export async function editActivity(db: Db, author: AuditAuthor, id: string, body: ProcessingActivityBody) {
  const row = await auditedChange(
    db,
    author,
    (trx) => updateActivity(trx, id, body, author.actorId),
    (updated) =>
      updated
        ? {
            action: 'dataProtection.editActivity',
            target: { type: 'processing-activity', id },
            details: { name: updated.name },
          }
        : null,
  )
  if (!row) throw notFound('Traitement introuvable.')
  return row
}

export async function removeActivity(db: Db, author: AuditAuthor, id: string) {
  const row = await auditedChange(
    db,
    author,
    (trx) => deleteActivity(trx, id),
    (deleted) =>
      deleted
        ? {
            action: 'dataProtection.removeActivity',
            target: { type: 'processing-activity', id },
            details: { name: deleted.name },
          }
        : null,
  )
  if (!row) throw notFound('Traitement introuvable.')
}

/**
 * Asks for a new archive of the person's data, unless one is being prepared (asking again then shows
 * its progress, and never starts a second job).
 */
export async function requestExport(app: FastifyInstance, userId: string) {
  const latest = await latestExport(app.db, userId)
  if (latest && (latest.status === 'queued' || latest.status === 'running')) return latest
  return app.db.transaction().execute(async (trx) => {
    const created = await insertExport(trx, userId)
    await app.jobs.enqueue(EXPORT_JOB, { exportId: created.id, userId }, { transaction: trx })
    return created
  })
}

/** What the retention jobs would do today: counts only, nothing changed and nobody named. */
export async function previewRetention(db: Db, now: Date): Promise<RetentionPreview> {
  const before = usageRetentionLimit(now)
  const [toDelete, departedPeople, expiredExports] = await Promise.all([
    countExpiredUsageEvents(db, before),
    previewDueDeletions(db, now),
    countExpiredExports(db, now),
  ])
  return { today: usageDayOf(now), usageEvents: { before, toDelete }, departedPeople, expiredExports }
}
