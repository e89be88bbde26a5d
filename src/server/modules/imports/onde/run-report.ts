import type { ImportReport, PossibleDuplicate } from '../../../../contract/imports.ts'
import type { Db } from '../../../db/connection.ts'
import { missingToConfirm } from './missing-share.ts'
import { schoolReports } from './report.ts'
import { type ImportSettings, kindsBySchool, type RunRow } from './runs.ts'

/**
 * A run's report as the director reads it: the schools' counts (`report.ts`) with the anomalies by code,
 * what blocks the apply, the possible duplicates and their decisions, how many people would go missing.
 */

export async function buildReport(
  db: Db,
  settings: ImportSettings,
  run: RunRow,
  yearId: string,
): Promise<ImportReport> {
  const schools = await schoolReports(db, run.id, yearId, kindsBySchool(run.files))
  const codes = await db
    .selectFrom('importAnomalies')
    .select(['code', (eb) => eb.fn.countAll<number>().as('count')])
    .where('runId', '=', run.id)
    .groupBy('code')
    .execute()
  const blocking = await db
    .selectFrom('importAnomalies')
    .select(['file', 'message'])
    .where('runId', '=', run.id)
    .where('outcome', '=', 'file-rejected')
    .orderBy('id')
    .limit(50)
    .execute()
  const duplicates = await db
    .selectFrom('importAnomalies')
    .select(['schoolId', 'file', 'subject'])
    .where('runId', '=', run.id)
    .where('code', '=', 'possible-duplicate')
    .orderBy('id')
    .execute()
  const anomalyCodes = Object.fromEntries(codes.map((row) => [row.code, Number(row.count)]))
  const toConfirm =
    run.status === 'staged' ? missingToConfirm(schools, settings.missingConfirmPercent ?? 20) : null
  return {
    id: run.id,
    status: run.status,
    createdAt: run.createdAt.toISOString(),
    appliedAt: run.appliedAt?.toISOString() ?? null,
    files: run.files.map(({ schoolId: _, ...file }) => file),
    schools,
    anomalyCodes,
    anomalies: Object.values(anomalyCodes).reduce((sum, count) => sum + count, 0),
    duplicates: duplicates.map((row) => {
      const subject = row.subject as { key: string; name: string; groups: number[][] }
      return {
        key: subject.key,
        schoolId: row.schoolId ?? '',
        name: subject.name,
        file: row.file,
        groups: subject.groups,
        decision: run.decisions[subject.key] ?? null,
      } satisfies PossibleDuplicate
    }),
    blocking: blocking.map((row) => `« ${row.file} » : ${row.message}`),
    canApply: run.status === 'staged' && blocking.length === 0,
    missingToConfirm: toConfirm,
    graceDays: settings.graceDays,
  }
}

/** A run staged but not planned: its files and anomalies, no counts yet. */
export async function buildUnplannedReport(
  db: Db,
  settings: ImportSettings,
  run: RunRow,
): Promise<ImportReport> {
  const report = await buildReport(db, settings, { ...run, files: [] }, '')
  return { ...report, files: run.files.map(({ schoolId: _, ...file }) => file) }
}
