import {
  SCHOOL_DIRECTORY_MAX_BYTES,
  SCHOOL_DIRECTORY_MAX_LISTED_ANOMALIES,
  type SchoolDirectoryAnomaly,
  type SchoolDirectoryEntry,
  type SchoolDirectoryReport,
} from '../../../../contract/school-directory.ts'
import type { Db } from '../../../db/connection.ts'
import { isUniqueViolation } from '../../../plugins/errors.ts'
import type { AuditEvent } from '../../audit/index.ts'
import type { DirectorySchoolRecord } from '../parsing/records.ts'
import { SchoolDirectoryInputError } from './errors.ts'
import { type DirectoryPlan, planDirectoryImport } from './plan.ts'
import {
  type ExistingSchool,
  findCollectivitySchools,
  findSchoolsElsewhere,
  type ImportCollectivity,
  insertDirectorySchools,
  lockForDirectoryImport,
  updateDirectorySchool,
} from './queries.ts'
import { type DirectoryReading, readDirectory } from './read-directory.ts'

/**
 * The import of the national school directory into one member collectivity: read the file (streaming),
 * plan against the schools Préau has, and — when asked — apply the plan in one transaction with one
 * audit entry. The dry run and the apply share every decision; applying the same file twice changes
 * nothing the second time.
 */

/** Records the audit entry of an apply, inside its transaction. */
export type Auditor = (event: AuditEvent, db: Db) => Promise<void>

export type SchoolDirectoryImport = {
  collectivity: ImportCollectivity
  /** The file's bytes (a request body, a file stream). */
  source: AsyncIterable<Uint8Array | string>
  /** The file's name as the user knows it, for messages. */
  file: string
  apply: boolean
  audit: Auditor
  maxBytes?: number
}

/** The audit action of an applied import. */
export const SCHOOL_DIRECTORY_AUDIT_ACTION = 'schoolDirectory.import'

/**
 * Dry run (`apply: false`) or apply. Throws `SchoolDirectoryInputError` when the file cannot be used at
 * all (unreadable, too big, a mandatory column missing) or the collectivity covers no commune.
 */
export async function importSchoolDirectory(
  db: Db,
  input: SchoolDirectoryImport,
): Promise<SchoolDirectoryReport> {
  const { collectivity, file } = input
  if (collectivity.communeCodes.length === 0) {
    throw new SchoolDirectoryInputError(
      'no-communes',
      `${collectivity.name} n’a aucune commune renseignée : ajoutez les codes INSEE de ses communes avant d’importer l’annuaire.`,
      409,
    )
  }
  const known = await findCollectivitySchools(db, collectivity.id)
  const reading = await readDirectory(input.source, {
    file,
    maxBytes: input.maxBytes ?? SCHOOL_DIRECTORY_MAX_BYTES,
    communeCodes: collectivity.communeCodes,
    knownUais: new Set(known.keys()),
  })
  const uais = [...new Set(reading.records.map((record) => record.uai))]

  if (!input.apply) {
    const elsewhere = await findSchoolsElsewhere(db, collectivity.id, uais)
    const plan = planDirectoryImport(reading.records, { here: known, elsewhere })
    return buildReport(collectivity, file, reading, plan, new Map(), false)
  }

  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await lockForDirectoryImport(trx, collectivity.id))) {
        throw new SchoolDirectoryInputError('not-found', 'Collectivité introuvable.', 404)
      }
      // Planned again inside the transaction: what the dry run saw may have changed since.
      const here = await findCollectivitySchools(trx, collectivity.id)
      const elsewhere = await findSchoolsElsewhere(trx, collectivity.id, uais)
      const plan = planDirectoryImport(reading.records, { here, elsewhere })
      const createdIds = await insertDirectorySchools(
        trx,
        collectivity.id,
        plan.creations.map(({ record, values }) => ({ uai: record.uai, ...values })),
      )
      for (const update of plan.updates) {
        await updateDirectorySchool(trx, collectivity.id, update.school.id, update.patch)
      }
      const report = buildReport(collectivity, file, reading, plan, createdIds, true)
      await input.audit(
        {
          action: SCHOOL_DIRECTORY_AUDIT_ACTION,
          target: { type: 'collectivity', id: collectivity.id },
          details: {
            file,
            created: report.created.map((entry) => entry.uai),
            updated: report.updated.map((entry) => entry.uai),
            unchanged: report.counts.unchanged,
            anomalies: report.counts.anomalies,
          },
        },
        trx,
      )
      return report
    })
  } catch (error) {
    // A school added by hand between the plan and the insert: the whole import is rolled back.
    if (isUniqueViolation(error)) {
      throw new SchoolDirectoryInputError(
        'conflict',
        'Une école de ce fichier vient d’être ajoutée par ailleurs : rien n’a été importé, relancez l’import.',
        409,
      )
    }
    throw error
  }
}

function buildReport(
  collectivity: ImportCollectivity,
  file: string,
  reading: DirectoryReading,
  plan: DirectoryPlan,
  createdIds: ReadonlyMap<string, string>,
  applied: boolean,
): SchoolDirectoryReport {
  const anomalies: SchoolDirectoryAnomaly[] = [...reading.anomalies, ...plan.anomalies].sort(
    (a, b) => a.line - b.line,
  )
  const entry = (
    record: DirectorySchoolRecord,
    values: { name: string; kind: ExistingSchool['kind']; inseeCode: string },
    schoolId: string | null,
    changes: SchoolDirectoryEntry['changes'] = [],
  ): SchoolDirectoryEntry => ({
    line: record.line,
    uai: record.uai,
    name: values.name,
    kind: values.kind,
    inseeCode: values.inseeCode.trim(),
    communeName: record.communeName,
    schoolId,
    changes,
  })
  const created = plan.creations.map(({ record, values }) =>
    entry(record, values, createdIds.get(record.uai) ?? null),
  )
  const updated = plan.updates.map(({ record, school, patch, changes }) =>
    entry(record, { ...school, ...patch }, school.id, changes),
  )
  const unchanged = plan.unchanged.map(({ record, school }) => entry(record, school, school.id))
  return {
    collectivity: { id: collectivity.id, name: collectivity.name, siren: collectivity.siren },
    file: { name: file, encoding: reading.encoding },
    applied,
    counts: {
      read: reading.recordCount,
      created: created.length,
      updated: updated.length,
      unchanged: unchanged.length,
      ignoredOtherCommunes: reading.ignoredOtherCommunes,
      ignoredNotPrimary: plan.ignoredNotPrimary,
      ignoredClosed: plan.ignoredClosed,
      ignoredPrivate: plan.ignoredPrivate,
      anomalies: anomalies.length,
    },
    created,
    updated,
    unchanged,
    anomalies: anomalies.slice(0, SCHOOL_DIRECTORY_MAX_LISTED_ANOMALIES),
  }
}
