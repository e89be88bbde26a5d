import type { ImportReport } from '../../../../contract/imports.ts'
import type { Db } from '../../../db/connection.ts'
import { HttpProblem } from '../../../plugins/errors.ts'
import { recordAuditEntry } from '../../audit/index.ts'
import { joinedByDecision, joinedMail } from './account-duplicates.ts'
import { applyRun } from './apply.ts'
import { bulkSettings, lockSchools, skipRowTriggers } from './bulk-transaction.ts'
import { planRun } from './planning.ts'
import { buildReport } from './run-report.ts'
import {
  checkStagedRows,
  currentYearId,
  findRun,
  type ImportSettings,
  kindsBySchool,
  markingLostRuns,
  notStaged,
} from './runs.ts'

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
