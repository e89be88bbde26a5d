import type { ImportedFile, ImportFileKind, ImportReport } from '../../../../contract/imports.ts'
import type { Db } from '../../../db/connection.ts'
import { HttpProblem } from '../../../plugins/errors.ts'
import type { MailMessage } from '../../../plugins/mail.ts'
import { hasIntactStagedRows, LOST_FILES_MESSAGE, lostFiles, markRunLost } from './staged-rows.ts'

/**
 * A run as stored, and the checks every step of its life makes before touching it: a current school year,
 * the run still staged, its staged rows all there (else the run is marked lost, after the transaction that
 * found it so).
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

export interface RunRow {
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

export async function currentYearId(db: Db): Promise<string> {
  const year = await db
    .selectFrom('schoolYears')
    .select('id')
    .where('isCurrent', '=', true)
    .executeTakeFirst()
  if (!year) throw noCurrentYear()
  return year.id
}

export function kindsBySchool(files: readonly StoredFile[]): Map<string, ImportFileKind[]> {
  const schools = new Map<string, ImportFileKind[]>()
  for (const file of files) {
    const kinds = schools.get(file.schoolId) ?? []
    kinds.push(file.kind)
    schools.set(file.schoolId, kinds)
  }
  return schools
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

export const stillReading = () =>
  new HttpProblem(
    409,
    'import-reading',
    'Les fichiers de cet import sont encore en cours de lecture : patientez un instant.',
  )

/** Refuses a run whose staged rows are not all there (see `staged-rows.ts`). */
export async function checkStagedRows(db: Db, run: Pick<RunRow, 'id' | 'stagedRows'>): Promise<void> {
  if (run.stagedRows === null) throw stillReading()
  if (!(await hasIntactStagedRows(db, run.id, run.stagedRows))) throw new StagedRowsLost()
}

/** Runs `work`; when it finds the run's staged rows lost, marks the run `lost` once its transaction is over. */
export async function markingLostRuns<T>(db: Db, runId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof StagedRowsLost) await markRunLost(db, runId)
    throw error
  }
}

export const notStaged = (status: string) =>
  status === 'lost'
    ? lostFiles()
    : new HttpProblem(
        409,
        'import-closed',
        status === 'applied'
          ? 'Cet import a déjà été appliqué.'
          : 'Cet import a été abandonné : déposez les fichiers à nouveau.',
      )
