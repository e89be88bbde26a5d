import type { ImportAnomaly } from '../../../../contract/imports.ts'
import type { Db } from '../../../db/connection.ts'
import { findRun, type StoredFile } from './runs.ts'

/** Reading a school's runs and a run's anomalies, a page at a time. */

/** A page of a run's anomalies in file order, filtered by code or file; `after` is the last id seen. */
export async function listImportAnomalies(
  db: Db,
  runId: string,
  schoolId: string | null,
  filter: { code?: string | undefined; file?: string | undefined; after?: number | undefined; limit: number },
): Promise<{ items: ImportAnomaly[]; next: string | null }> {
  await findRun(db, runId, schoolId)
  const rows = await db
    .selectFrom('importAnomalies')
    .select(['id', 'schoolId', 'file', 'line', 'code', 'message', 'outcome', 'field'])
    .where('runId', '=', runId)
    .$if(filter.code !== undefined, (q) => q.where('code', '=', filter.code!))
    .$if(filter.file !== undefined, (q) => q.where('file', '=', filter.file!))
    .$if(filter.after !== undefined, (q) => q.where('id', '>', String(filter.after)))
    .orderBy('id')
    .limit(filter.limit + 1)
    .execute()
  const items = rows.slice(0, filter.limit).map((row) => ({
    ...row,
    id: String(row.id),
    outcome: row.outcome as ImportAnomaly['outcome'],
  }))
  return { items, next: rows.length > filter.limit ? String(items.at(-1)!.id) : null }
}

/** The latest runs of a school, newest first. */
export async function listImportRuns(db: Db, schoolId: string, limit = 20) {
  const rows = await db
    .selectFrom('importRuns as r')
    .leftJoin('users as u', 'u.id', 'r.createdBy')
    .select(['r.id', 'r.status', 'r.createdAt', 'r.appliedAt', 'r.files', 'u.displayName'])
    .where('r.schoolId', '=', schoolId)
    .orderBy('r.createdAt', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    appliedAt: row.appliedAt?.toISOString() ?? null,
    files: (row.files as StoredFile[]).map((file) => file.name),
    createdBy: row.displayName,
  }))
}
