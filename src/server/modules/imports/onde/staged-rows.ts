import { sql } from 'kysely'
import type { Db } from '../../../db/connection.ts'
import { HttpProblem } from '../../../plugins/errors.ts'
import { PLANNING_CODES } from './planning.ts'

/**
 * Staged rows live in UNLOGGED tables: crash recovery empties them (PostgreSQL killed, machine lost)
 * while the run, in a logged table, says it is still staged. Applying such a run would mark everyone of
 * the school missing. So a run records how many rows it staged, and every planning and apply checks
 * them first; a run whose rows are gone becomes `lost` and must be uploaded again.
 */

export type StagedRows = {
  pupils: number
  guardians: number
  guardianChildren: number
  teachers: number
  /** Anomalies of reading (planning adds and removes its own). */
  anomalies: number
}

export const STAGING_TABLES = [
  'import_guardian_children',
  'import_guardians',
  'import_pupils',
  'import_teachers',
  'import_anomalies',
] as const

export const LOST_FILES_MESSAGE = 'Les fichiers déposés ont été perdus, déposez-les à nouveau.'

export const lostFiles = () => new HttpProblem(409, 'import-lost', LOST_FILES_MESSAGE)

/** What the run's staging tables hold now. */
export async function countStagedRows(db: Db, runId: string): Promise<StagedRows> {
  const { rows } = await sql<StagedRows>`
    select
      (select count(*)::int from import_pupils where run_id = ${runId}) as pupils,
      (select count(*)::int from import_guardians where run_id = ${runId}) as guardians,
      (select count(*)::int from import_guardian_children where run_id = ${runId}) as "guardianChildren",
      (select count(*)::int from import_teachers where run_id = ${runId}) as teachers,
      (select count(*)::int from import_anomalies where run_id = ${runId}
        and code <> all(${PLANNING_CODES as unknown as string[]}::text[])) as anomalies
  `.execute(db)
  return rows[0]!
}

/**
 * True when the run's staged rows are all there. A run still being read (no count recorded) is not
 * intact either: it cannot be planned or applied yet.
 */
export async function hasIntactStagedRows(db: Db, runId: string, recorded: unknown): Promise<boolean> {
  if (!recorded || typeof recorded !== 'object') return false
  const now = await countStagedRows(db, runId)
  const expected = recorded as Partial<StagedRows>
  return (Object.keys(now) as (keyof StagedRows)[]).every((key) => now[key] === (expected[key] ?? 0))
}

/** Deletes the staged rows of runs (applied, discarded or lost: nobody reads them again). */
export async function dropStagedRows(db: Db, runIds: readonly string[]): Promise<void> {
  if (runIds.length === 0) return
  for (const table of STAGING_TABLES) {
    await sql`delete from ${sql.table(table)} where run_id = any(${runIds}::uuid[])`.execute(db)
  }
}

/** Marks a run whose staged rows were lost, and deletes what is left of them. */
export async function markRunLost(db: Db, runId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { numUpdatedRows } = await trx
      .updateTable('importRuns')
      .set({ status: 'lost' })
      .where('id', '=', runId)
      .where('status', '=', 'staged')
      .executeTakeFirst()
    if (numUpdatedRows > 0n) await dropStagedRows(trx, [runId])
  })
}

/**
 * The nightly clean-up of staging: runs nobody applied within a week are discarded, runs whose staging
 * never ended (the process was killed while reading) for a day are discarded, staged runs whose rows
 * were lost are marked lost, and the staged rows of every run that is no longer staged are deleted
 * (anomalies of applied runs aside).
 */
export async function cleanUpStaging(
  db: Db,
  now: Date,
): Promise<{ runsDropped: number; runsLost: number; rowsDeleted: number }> {
  const { rows: stale } = await sql<{ id: string }>`
    update import_runs set status = 'discarded'
    where status = 'staged' and (
      created_at < ${now}::timestamptz - interval '7 days'
      or (staged_rows is null and created_at < ${now}::timestamptz - interval '1 day')
    )
    returning id
  `.execute(db)
  let runsLost = 0
  const staged = await db
    .selectFrom('importRuns')
    .select(['id', 'stagedRows'])
    .where('status', '=', 'staged')
    .where('stagedRows', 'is not', null)
    .execute()
  for (const run of staged) {
    if (await hasIntactStagedRows(db, run.id, run.stagedRows)) continue
    await markRunLost(db, run.id)
    runsLost++
  }
  let rowsDeleted = 0
  for (const table of STAGING_TABLES) {
    // The anomalies of an applied run stay: its report lists them.
    const kept = table === 'import_anomalies' ? ['staged', 'applied'] : ['staged']
    const result = await sql`
      delete from ${sql.table(table)} x
      where not exists (select 1 from import_runs r where r.id = x.run_id and r.status = any(${kept}::text[]))
    `.execute(db)
    rowsDeleted += Number(result.numAffectedRows ?? 0)
  }
  return { runsDropped: stale.length, runsLost, rowsDeleted }
}
