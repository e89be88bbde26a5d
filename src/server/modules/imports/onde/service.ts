import type { ImportReport } from '../../../../contract/imports.ts'
import type { Db } from '../../../db/connection.ts'
import { HttpProblem } from '../../../plugins/errors.ts'
import { bulkSettings } from './bulk-transaction.ts'
import { planRun } from './planning.ts'
import { buildReport, buildUnplannedReport } from './run-report.ts'
import {
  checkStagedRows,
  currentYearId,
  findRun,
  type ImportSettings,
  kindsBySchool,
  markingLostRuns,
  notStaged,
  type StoredFile,
  stillReading,
} from './runs.ts'
import { dropStagedRows, hasIntactStagedRows, LOST_FILES_MESSAGE, markRunLost } from './staged-rows.ts'
import { RunStaging, type StagedFileInput } from './staging.ts'

/**
 * The ONDE import, start to end: a run stages its files and plans them (the dry run), the report is
 * kept with the run, decisions on possible duplicates plan it again, apply writes it all in one
 * transaction under a lock per school (`run-apply.ts`), discard forgets it. Used by the API and the
 * command line, which call it all from here.
 */

export { applyImportRun } from './run-apply.ts'
export type { ImportSettings } from './runs.ts'

/**
 * Creates a run from its files and plans it: nothing outside the run changes. A file that cannot be read
 * throws `ImportFileError` and leaves nothing behind.
 */
export async function createImportRun(
  db: Db,
  settings: ImportSettings,
  input: {
    schoolId: string | null
    actorId: string | null
    files: AsyncIterable<StagedFileInput> | StagedFileInput[]
  },
  onProgress?: (event: { file: string; bytes: number }) => void,
  options: { plan: boolean } = { plan: true },
): Promise<ImportReport> {
  await currentYearId(db)
  const run = await db
    .insertInto('importRuns')
    .values({ schoolId: input.schoolId, createdBy: input.actorId })
    .returning('id')
    .executeTakeFirstOrThrow()
  const staging = new RunStaging(db, run.id, settings.maxBytes)
  const files: StoredFile[] = []
  try {
    for await (const file of input.files) {
      const staged = await staging.stageFile(file, (bytes) => onProgress?.({ file: file.name, bytes }))
      files.push({ ...staged, schoolId: file.schoolId })
    }
    await staging.finish()
    if (files.length === 0) {
      throw new HttpProblem(
        400,
        'no-file',
        'Déposez au moins un fichier : élèves, responsables ou enseignants.',
      )
    }
  } catch (error) {
    await db.deleteFrom('importRuns').where('id', '=', run.id).execute()
    throw error
  }
  await db
    .updateTable('importRuns')
    .set({ files: JSON.stringify(files), stagedRows: JSON.stringify(staging.stagedRows()) })
    .where('id', '=', run.id)
    .execute()
  // Without planning (a run applied at once), the report is the apply's.
  return options.plan
    ? planAndReport(db, settings, run.id)
    : readImportReport(db, settings, run.id, null, false)
}

export async function planAndReport(db: Db, settings: ImportSettings, runId: string): Promise<ImportReport> {
  return markingLostRuns(db, runId, () => planAndReportOnce(db, settings, runId))
}

async function planAndReportOnce(db: Db, settings: ImportSettings, runId: string): Promise<ImportReport> {
  return db.transaction().execute(async (trx) => {
    await bulkSettings(trx)
    const run = await findRun(trx, runId, null)
    await checkStagedRows(trx, run)
    const schools = kindsBySchool(run.files)
    await planRun(trx, { runId, schools, decisions: run.decisions, replan: run.report !== null })
    const report = await buildReport(trx, settings, run, await currentYearId(trx))
    await trx
      .updateTable('importRuns')
      .set({ report: JSON.stringify(report) })
      .where('id', '=', runId)
      .execute()
    return report
  })
}

/** The report of a run (kept since its last planning). */
export async function readImportReport(
  db: Db,
  settings: ImportSettings,
  runId: string,
  schoolId: string | null,
  planWhenMissing = true,
): Promise<ImportReport> {
  const run = await findRun(db, runId, schoolId)
  if (
    run.status === 'staged' &&
    run.stagedRows !== null &&
    !(await hasIntactStagedRows(db, run.id, run.stagedRows))
  ) {
    await markRunLost(db, run.id)
    run.status = 'lost'
  }
  if (run.status === 'lost') {
    const kept = run.report ?? (await buildUnplannedReport(db, settings, run))
    return {
      ...kept,
      status: 'lost',
      canApply: false,
      missingToConfirm: null,
      blocking: [LOST_FILES_MESSAGE],
    }
  }
  if (!run.report && !planWhenMissing) return buildUnplannedReport(db, settings, run)
  if (run.report)
    return {
      ...run.report,
      status: run.status,
      appliedAt: run.appliedAt?.toISOString() ?? null,
      canApply: run.report.canApply && run.status === 'staged',
      missingToConfirm: run.status === 'staged' ? (run.report.missingToConfirm ?? null) : null,
    }
  if (run.stagedRows === null) throw stillReading()
  return planAndReport(db, settings, runId)
}

/** Records the director's decisions on possible duplicates and plans the run again. */
export async function decideDuplicates(
  db: Db,
  settings: ImportSettings,
  runId: string,
  schoolId: string | null,
  decisions: Record<string, 'same' | 'distinct'>,
): Promise<ImportReport> {
  const run = await findRun(db, runId, schoolId)
  if (run.status !== 'staged') throw notStaged(run.status)
  if (run.stagedRows === null) throw stillReading()
  const known = new Set((run.report?.duplicates ?? []).map((duplicate) => duplicate.key))
  const unknown = Object.keys(decisions).filter((key) => !known.has(key))
  if (unknown.length > 0) {
    throw new HttpProblem(400, 'unknown-duplicate', 'Ce doublon possible n’existe pas dans cet import.')
  }
  await db
    .updateTable('importRuns')
    .set({ decisions: JSON.stringify({ ...run.decisions, ...decisions }) })
    .where('id', '=', runId)
    .execute()
  return planAndReport(db, settings, runId)
}

/** Forgets a run that was not applied. */
export async function discardImportRun(db: Db, runId: string, schoolId: string | null): Promise<void> {
  const run = await findRun(db, runId, schoolId)
  if (run.status !== 'staged') throw notStaged(run.status)
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('importRuns').set({ status: 'discarded' }).where('id', '=', runId).execute()
    await dropStagedRows(trx, [runId])
  })
}
