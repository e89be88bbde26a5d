import { z } from 'zod'
import { resourceId, SchoolId } from './ids.ts'

/**
 * The ONDE import as the API, the web app and the CLI see it: a run is created from uploaded files
 * (dry run: nothing changes), reviewed — counts per school, anomalies with their file and line, possible
 * duplicates to decide —, then applied in one transaction or discarded.
 */

/** The files of an import, by the slot they are uploaded in. */
export const IMPORT_FILE_KINDS = ['pupils', 'guardians', 'teachers'] as const
export const ImportFileKind = z.enum(IMPORT_FILE_KINDS)
export type ImportFileKind = z.infer<typeof ImportFileKind>

/** `lost`: the staged rows of the files were lost (database crash) before the run was applied. */
export const ImportRunStatus = z.enum(['staged', 'applied', 'discarded', 'lost'])
export type ImportRunStatus = z.infer<typeof ImportRunStatus>

/** What an import does to one category of people: new accounts, changed, same, and no longer listed. */
export const ImportCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  missing: z.number().int(),
})
export type ImportCounts = z.infer<typeof ImportCounts>

export const ImportedFile = z.object({
  name: z.string(),
  kind: ImportFileKind,
  encoding: z.string(),
  bytes: z.number().int(),
  records: z.number().int(),
  /** The file's school when the run covers several (its folder's UAI). */
  uai: z.string().nullable(),
})
export type ImportedFile = z.infer<typeof ImportedFile>

export const SchoolImportReport = z.object({
  schoolId: z.string(),
  uai: z.string(),
  name: z.string(),
  pupils: ImportCounts,
  guardians: ImportCounts,
  teachers: ImportCounts,
  classes: z.object({ created: z.number().int(), existing: z.number().int() }),
  familyLinks: z.object({ created: z.number().int(), existing: z.number().int() }),
  anomalies: z.number().int(),
})
export type SchoolImportReport = z.infer<typeof SchoolImportReport>

/** Two or more rows of guardians with the same names and nothing else in common: one person or several? */
export const PossibleDuplicate = z.object({
  key: z.string(),
  schoolId: z.string(),
  name: z.string(),
  file: z.string(),
  /** The lines of each person the rows would make if they stay distinct. */
  groups: z.array(z.array(z.number().int())),
  decision: z.enum(['same', 'distinct']).nullable(),
})
export type PossibleDuplicate = z.infer<typeof PossibleDuplicate>

export const ImportReport = z.object({
  id: z.string(),
  status: ImportRunStatus,
  createdAt: z.iso.datetime({ offset: true }),
  appliedAt: z.iso.datetime({ offset: true }).nullable(),
  files: z.array(ImportedFile),
  schools: z.array(SchoolImportReport),
  /** Anomalies per code, for the filters. */
  anomalyCodes: z.record(z.string(), z.number().int()),
  anomalies: z.number().int(),
  duplicates: z.array(PossibleDuplicate),
  /** A file rejected as a whole (missing mandatory column, no data) forbids applying. */
  blocking: z.array(z.string()),
  canApply: z.boolean(),
  /**
   * Set when applying would mark more than the configured share of a school missing: apply then asks
   * for this number (`confirmMissing`) as an explicit confirmation.
   */
  missingToConfirm: z.number().int().nullable().default(null),
  /** Days people missing from the import keep their access. */
  graceDays: z.number().int(),
})
export type ImportReport = z.infer<typeof ImportReport>

export const ImportAnomaly = z.object({
  id: z.string(),
  schoolId: z.string().nullable(),
  file: z.string(),
  line: z.number().int(),
  code: z.string(),
  message: z.string(),
  outcome: z.enum(['row-kept', 'row-dropped', 'file-rejected']),
  field: z.string().nullable(),
})
export type ImportAnomaly = z.infer<typeof ImportAnomaly>

export const ImportAnomaliesQuery = z.object({
  code: z.string().max(40).optional(),
  file: z.string().max(255).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export const ImportAnomaliesPage = z.object({
  items: z.array(ImportAnomaly),
  next: z.string().nullable(),
})

/** Applying a run; `confirmMissing` repeats the report's `missingToConfirm` when it asks for it. */
export const ApplyImportBody = z.object({ confirmMissing: z.number().int().min(0).optional() })

export const ImportRunParams = z.object({ schoolId: SchoolId, runId: resourceId('Cet import n’existe pas.') })

export const ImportDecisionsBody = z.object({
  decisions: z.record(z.string().max(300), z.enum(['same', 'distinct'])),
})

const ImportRunSummary = z.object({
  id: z.string(),
  status: ImportRunStatus,
  createdAt: z.iso.datetime({ offset: true }),
  appliedAt: z.iso.datetime({ offset: true }).nullable(),
  files: z.array(z.string()),
  createdBy: z.string().nullable(),
})
export const ImportRunsList = z.object({ items: z.array(ImportRunSummary) })

/**
 * A « doublon possible » across schools: a person of the school's files (names only in common) and an
 * account of another school, side by side — only what a director needs to decide. Contacts are masked.
 */
const DuplicateSide = z.object({
  displayName: z.string(),
  schools: z.array(z.string()),
  /** Parents: their children (first name, level); teachers: their classes (`firstName` is the class). */
  ties: z.array(z.object({ firstName: z.string(), level: z.string().nullable() })),
  email: z.string().nullable(),
  phone: z.string().nullable(),
})
export const AccountDuplicate = z.object({
  profile: z.enum(['parent', 'teacher']),
  /** The person's first line in the file. */
  line: z.number().int(),
  /** The other school's account. */
  userId: z.string(),
  decision: z.enum(['same', 'distinct']).nullable(),
  imported: DuplicateSide,
  existing: DuplicateSide,
})
export type AccountDuplicate = z.infer<typeof AccountDuplicate>
export const AccountDuplicatesList = z.object({ items: z.array(AccountDuplicate) })

export const AccountDuplicateDecisionBody = z.object({
  profile: z.enum(['parent', 'teacher']),
  line: z.number().int().positive(),
  userId: resourceId('Ce doublon possible n’existe pas dans cet import.'),
  decision: z.enum(['same', 'distinct'], { error: 'Choisissez « même personne » ou « deux personnes ».' }),
})
