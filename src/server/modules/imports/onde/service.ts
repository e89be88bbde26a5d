import type {
  ImportedFile,
  ImportFileKind,
  ImportReport,
  PossibleDuplicate,
} from '../../../../contract/imports.ts'
import type { Db } from '../../../db/connection.ts'
import { HttpProblem } from '../../../plugins/errors.ts'
import type { MailMessage } from '../../../plugins/mail.ts'
import { recordAuditEntry } from '../../audit/index.ts'
import { joinedByDecision, joinedMail } from './account-duplicates.ts'
import { applyRun } from './apply.ts'
import { bulkSettings, lockSchools, skipRowTriggers } from './bulk-transaction.ts'
import { missingToConfirm } from './missing-share.ts'
import { planRun } from './planning.ts'
import { schoolReports } from './report.ts'
import {
  dropStagedRows,
  hasIntactStagedRows,
  LOST_FILES_MESSAGE,
  lostFiles,
  markRunLost,
} from './staged-rows.ts'
import { RunStaging, type StagedFileInput } from './staging.ts'

/**
 * The ONDE import, start to end: a run stages its files and plans them (the dry run), the report is
 * kept with the run, decisions on possible duplicates plan it again, apply writes it all in one
 * transaction under a lock per school, discard forgets it. Used by the API and the command line.
 */

export interface ImportSettings {
  /** Days people missing from an import keep their access. */
  graceDays: number
  /** Days an activation code of a new account stays valid. */
  codeDays: number
  /** Larger files are refused. */
  maxBytes: number
  /**
   * An apply marking more than this percentage of a school's people missing needs `confirmMissing`
   * (default 20).
   */
  missingConfirmPercent?: number
  /** Queues an e-mail in the apply's transaction (the server's mail jobs); without it, none is sent. */
  queueMail?: (message: MailMessage, trx: Db) => Promise<void>
}

export type StoredFile = ImportedFile & { schoolId: string }

interface RunRow {
  id: string
  schoolId: string | null
  status: 'staged' | 'applied' | 'discarded' | 'lost'
  files: StoredFile[]
  stagedRows: unknown
  report: ImportReport | null
  decisions: Record<string, 'same' | 'distinct'>
  createdAt: Date
  appliedAt: Date | null
}

const noCurrentYear = () =>
  new HttpProblem(
    409,
    'no-current-school-year',
    'Aucune année scolaire n’est ouverte : ouvrez l’année avant d’importer.',
  )

async function currentYearId(db: Db): Promise<string> {
  const year = await db
    .selectFrom('schoolYears')
    .select('id')
    .where('isCurrent', '=', true)
    .executeTakeFirst()
  if (!year) throw noCurrentYear()
  return year.id
}

function kindsBySchool(files: readonly StoredFile[]): Map<string, ImportFileKind[]> {
  const schools = new Map<string, ImportFileKind[]>()
  for (const file of files) {
    const kinds = schools.get(file.schoolId) ?? []
    kinds.push(file.kind)
    schools.set(file.schoolId, kinds)
  }
  return schools
}

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

export async function findRun(db: Db, runId: string, schoolId: string | null): Promise<RunRow> {
  let query = db
    .selectFrom('importRuns')
    .select([
      'id',
      'schoolId',
      'status',
      'files',
      'stagedRows',
      'report',
      'decisions',
      'createdAt',
      'appliedAt',
    ])
    .where('id', '=', runId)
  if (schoolId !== null) query = query.where('schoolId', '=', schoolId)
  const run = await query.executeTakeFirst()
  if (!run) throw new HttpProblem(404, 'not-found', 'Cet import n’existe pas.')
  return run as RunRow
}

/** Thrown inside a transaction when a run's staged rows are gone; the run is marked lost after it. */
class StagedRowsLost extends HttpProblem {
  constructor() {
    super(409, 'import-lost', LOST_FILES_MESSAGE)
  }
}

const stillReading = () =>
  new HttpProblem(
    409,
    'import-reading',
    'Les fichiers de cet import sont encore en cours de lecture : patientez un instant.',
  )

/** Refuses a run whose staged rows are not all there (see `staged-rows.ts`). */
async function checkStagedRows(db: Db, run: Pick<RunRow, 'id' | 'stagedRows'>): Promise<void> {
  if (run.stagedRows === null) throw stillReading()
  if (!(await hasIntactStagedRows(db, run.id, run.stagedRows))) throw new StagedRowsLost()
}

/** Runs `work`; when it finds the run's staged rows lost, marks the run `lost` once its transaction is over. */
async function markingLostRuns<T>(db: Db, runId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof StagedRowsLost) await markRunLost(db, runId)
    throw error
  }
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

async function buildReport(
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

/** A run staged but not planned: its files and anomalies, no counts yet. */
async function buildUnplannedReport(db: Db, settings: ImportSettings, run: RunRow): Promise<ImportReport> {
  const report = await buildReport(db, settings, { ...run, files: [] }, '')
  return { ...report, files: run.files.map(({ schoolId: _, ...file }) => file) }
}

const notStaged = (status: string) =>
  status === 'lost'
    ? lostFiles()
    : new HttpProblem(
        409,
        'import-closed',
        status === 'applied'
          ? 'Cet import a déjà été appliqué.'
          : 'Cet import a été abandonné : déposez les fichiers à nouveau.',
      )

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

/**
 * Applies a run in one transaction: all or nothing. Imports of the same school wait for each other (see
 * `lockSchools`); the run is planned again under the locks, so what is written matches the database of
 * that moment. A run whose staged rows were lost is refused (and marked lost); one that would mark more
 * than `missingConfirmPercent` of a school missing needs `confirmMissing` equal to that number.
 */
export async function applyImportRun(
  db: Db,
  settings: ImportSettings,
  runId: string,
  schoolId: string | null,
  actorId: string | null,
  options: { confirmMissing?: number | undefined } = {},
): Promise<ImportReport & { newAccounts: number }> {
  return markingLostRuns(db, runId, () => applyOnce(db, settings, runId, schoolId, actorId, options))
}

async function applyOnce(
  db: Db,
  settings: ImportSettings,
  runId: string,
  schoolId: string | null,
  actorId: string | null,
  options: { confirmMissing?: number | undefined },
): Promise<ImportReport & { newAccounts: number }> {
  const result = await db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('importRuns')
      .select(['id', 'status'])
      .where('id', '=', runId)
      .$if(schoolId !== null, (q) => q.where('schoolId', '=', schoolId))
      .forUpdate()
      .executeTakeFirst()
    if (!locked) throw new HttpProblem(404, 'not-found', 'Cet import n’existe pas.')
    if (locked.status !== 'staged') throw notStaged(locked.status)
    await bulkSettings(trx)
    const run = await findRun(trx, runId, null)
    await checkStagedRows(trx, run)
    const schools = kindsBySchool(run.files)
    await lockSchools(trx, [...schools.keys()])
    await skipRowTriggers(trx)
    const yearId = await currentYearId(trx)
    await planRun(trx, { runId, schools, decisions: run.decisions, replan: run.report !== null })
    const report = await buildReport(trx, settings, run, yearId)
    if (report.blocking.length > 0) {
      throw new HttpProblem(409, 'import-blocked', `Import impossible : ${report.blocking[0]}`)
    }
    if (report.missingToConfirm !== null && options.confirmMissing !== report.missingToConfirm) {
      const n = report.missingToConfirm.toLocaleString('fr-FR')
      throw new HttpProblem(
        409,
        'confirm-missing',
        `Cet import marquerait ${n} personne(s) absente(s), plus de ${settings.missingConfirmPercent ?? 20} % d’une école : confirmez ce nombre (${n}) pour l’appliquer.`,
        { missingToConfirm: report.missingToConfirm },
      )
    }
    const joined = settings.queueMail ? await joinedByDecision(trx, runId) : []
    const { newAccounts } = await applyRun(trx, { runId, yearId, schools, codeDays: settings.codeDays })
    for (const person of joined) await settings.queueMail?.(joinedMail(person), trx)
    const appliedAt = new Date()
    const applied: ImportReport = {
      ...report,
      status: 'applied',
      appliedAt: appliedAt.toISOString(),
      canApply: false,
      missingToConfirm: null,
    }
    await trx
      .updateTable('importRuns')
      .set({ status: 'applied', appliedAt, appliedBy: actorId, report: JSON.stringify(applied) })
      .where('id', '=', runId)
      .execute()
    // Staged rows of an applied run are dropped by the nightly job (`cleanUpStaging`): deleting
    // millions of them here would double the time of a region's import for rows nobody reads again.
    for (const school of report.schools) {
      await recordAuditEntry(trx, actorId, {
        action: 'imports.apply',
        schoolId: school.schoolId,
        target: { type: 'import', id: runId },
        details: {
          files: run.files.filter((file) => file.schoolId === school.schoolId).map((file) => file.name),
          pupils: school.pupils,
          guardians: school.guardians,
          teachers: school.teachers,
          classes: school.classes,
        },
      })
    }
    return { ...applied, newAccounts }
  })
  return result
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
