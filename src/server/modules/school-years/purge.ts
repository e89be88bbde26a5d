import type { Db } from '../../db/connection.ts'
import { systemAudit } from './audit.ts'
import {
  anonymiseAccounts,
  countDueDeletions,
  type DueDeletionsPreview,
  deleteAccount,
  inSavepoint,
  insertDepartedDeletions,
  lockDueDeletions,
  postponeDeletion,
  settleDeletions,
} from './deletions.queries.ts'
import { parisDay } from './years.ts'

/**
 * The deletion of departed people's personal data, 3 months after they left (arrêté of 30 November
 * 2006, art. 6). What they contributed stays for pedagogical purposes under an anonymous author
 * (« Ancien compte »), unless they objected: then the account goes, and what hangs on it with it.
 */

export type PurgeReport = {
  anonymised: number
  deleted: number
  /** Came back (a membership again, or a deployment role), or their account was already gone. */
  cancelled: number
  /** Left again since the deletion was scheduled: due 3 months after that later departure. */
  postponed: number
  /** Accounts whose deletion failed (kept scheduled, tried again by the next purge). */
  failed: number
  /** Who was anonymised or deleted, for the caller to forget their cached sessions. Never audited. */
  userIds: string[]
}

/** Deletions are carried out in batches, each its own transaction: a region's summer is tens of thousands. */
const BATCH = 500

/**
 * Carries out the deletions due on the Paris day of `now` or before, for people who still have no
 * membership nor role. One audit entry with the counts (no names) when something was done.
 */
export async function purgeDueDeletions(db: Db, now: Date): Promise<PurgeReport> {
  const today = parisDay(now)
  const report: PurgeReport = {
    anonymised: 0,
    deleted: 0,
    cancelled: 0,
    postponed: 0,
    failed: 0,
    userIds: [],
  }
  // A failed deletion stays due: skip it for the rest of this run so that the loop ends.
  const failedIds = new Set<string>()
  for (;;) {
    const batchSize = await db.transaction().execute(async (trx) => {
      const due = (await lockDueDeletions(trx, today, BATCH + failedIds.size)).filter(
        (row) => !failedIds.has(row.id),
      )
      const cancelled = due.filter((row) => !row.hasAccount || row.isBack)
      await settleDeletions(
        trx,
        cancelled.map((row) => row.id),
        now,
        { status: 'cancelled' },
      )
      report.cancelled += cancelled.length

      const toDelete = []
      const toAnonymise = []
      for (const row of due) {
        if (!row.hasAccount || row.isBack) continue
        if (row.dueOnNow && row.dueOnNow > today) {
          await postponeDeletion(trx, row.id, row.dueOnNow)
          report.postponed++
        } else if (row.hasObjected) toDelete.push(row)
        else toAnonymise.push(row)
      }

      await anonymiseAccounts(
        trx,
        toAnonymise.map((row) => row.userId),
        now,
      )
      await settleDeletions(
        trx,
        toAnonymise.map((row) => row.id),
        now,
        { status: 'done', outcome: 'anonymised' },
      )
      report.anonymised += toAnonymise.length
      report.userIds.push(...toAnonymise.map((row) => row.userId))

      // One by one: should something still refer to an account without cascading, only that one waits.
      for (const row of toDelete) {
        const error = await inSavepoint(trx, () => deleteAccount(trx, row.userId))
        if (error) {
          failedIds.add(row.id)
          report.failed++
          continue
        }
        await settleDeletions(trx, [row.id], now, { status: 'done', outcome: 'deleted' })
        report.deleted++
        report.userIds.push(row.userId)
      }
      return due.length
    })
    if (batchSize < BATCH) break
  }

  const { userIds: _ids, ...counts } = report
  if (Object.values(counts).some((count) => count > 0)) {
    await systemAudit({ action: 'schoolYears.purgePersonalData', details: { day: today, ...counts } }, db)
  }
  return report
}

/**
 * Schedules the deletion of everyone who left during the year (the rollover schedules the summer's
 * departures itself), so that no one waits for next summer: due 3 months after they left.
 */
export async function scheduleDepartedDeletions(db: Db, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const scheduled = await insertDepartedDeletions(trx, now, null)
    if (scheduled > 0) {
      await systemAudit(
        { action: 'schoolYears.scheduleDeletions', details: { day: parisDay(now), scheduled } },
        trx,
      )
    }
    return scheduled
  })
}

/** The daily retention job: schedule the departures of the day, then carry out what is due. */
export async function runDailyRetention(db: Db, now: Date): Promise<PurgeReport & { scheduled: number }> {
  const scheduled = await scheduleDepartedDeletions(db, now)
  return { scheduled, ...(await purgeDueDeletions(db, now)) }
}

/** The dry run of the purge of the Paris day of `now`: what it would do, nothing changed. */
export function previewDueDeletions(db: Db, now: Date): Promise<DueDeletionsPreview> {
  return countDueDeletions(db, parisDay(now))
}
