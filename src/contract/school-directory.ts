import { z } from 'zod'
import { resourceId } from './ids.ts'
import { SchoolKind } from './structures.ts'

/**
 * The import of the national school directory (`fr-en-annuaire-education`) into one member collectivity:
 * a dry run says what would be created, updated, left as it is, ignored, and every anomaly with its line;
 * applying does the same in one transaction. The API, the web app and the command line share this report.
 */

/** The largest directory file accepted (the whole national file weighs well under this). */
export const SCHOOL_DIRECTORY_MAX_BYTES = 200 * 1024 * 1024

/** The content types the file may be sent with, as the raw request body. */
export const SCHOOL_DIRECTORY_CONTENT_TYPES = ['text/csv', 'application/octet-stream'] as const

/** The fields of a school the directory keeps up to date. */
const SCHOOL_DIRECTORY_FIELDS = ['name', 'kind', 'inseeCode', 'circonscription'] as const
export const SchoolDirectoryField = z.enum(SCHOOL_DIRECTORY_FIELDS)
export type SchoolDirectoryField = z.infer<typeof SchoolDirectoryField>

/**
 * Anomalies of the plan itself (the lines of the file may also carry the anomalies of reading it:
 * `invalid-uai`, `missing-value`, `invalid-insee-code`, `malformed-line`…).
 */
const SCHOOL_DIRECTORY_ANOMALY_CODES = [
  'duplicate-uai',
  'other-collectivity',
  'closed-school',
  'not-a-primary-school',
  'commune-not-covered',
] as const
export type SchoolDirectoryAnomalyCode = (typeof SCHOOL_DIRECTORY_ANOMALY_CODES)[number]

export const SchoolDirectoryImportParams = z.object({
  collectivityId: resourceId('Collectivité introuvable.'),
})

export const SchoolDirectoryImportQuery = z.object({
  apply: z
    .stringbool()
    .default(false)
    .describe('false (par défaut) : simulation, rien ne change ; true : applique en une transaction'),
  file: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .default('annuaire.csv')
    .describe('Le nom du fichier, repris dans les messages'),
})

export const SchoolDirectoryChange = z.object({
  field: SchoolDirectoryField,
  from: z.string().nullable(),
  to: z.string().nullable(),
})
export type SchoolDirectoryChange = z.infer<typeof SchoolDirectoryChange>

/** A school of the file that the import creates, updates or finds unchanged. */
export const SchoolDirectoryEntry = z.object({
  line: z.number().int(),
  uai: z.string(),
  name: z.string().describe('Le nom dans Préau après import'),
  kind: SchoolKind,
  inseeCode: z.string(),
  communeName: z.string().nullable(),
  /** Null for a school a dry run would create. */
  schoolId: z.uuid().nullable(),
  /** What changes (updated schools only). */
  changes: z.array(SchoolDirectoryChange),
})
export type SchoolDirectoryEntry = z.infer<typeof SchoolDirectoryEntry>

export const SchoolDirectoryAnomaly = z.object({
  file: z.string(),
  line: z.number().int(),
  code: z.string().describe('Stable code: a reading anomaly (`invalid-uai`…) or one of the plan'),
  message: z.string().describe('In French, without the file and the line'),
  uai: z.string().nullable(),
})
export type SchoolDirectoryAnomaly = z.infer<typeof SchoolDirectoryAnomaly>

export const SchoolDirectoryCounts = z.object({
  /** Usable lines of the file (a school with a valid UAI, name and commune). */
  read: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Schools of communes the collectivity does not cover. */
  ignoredOtherCommunes: z.number().int(),
  /** Establishments that are neither a nursery nor an elementary school (collèges, lycées…). */
  ignoredNotPrimary: z.number().int(),
  /** Closed (or not yet open) schools that Préau does not have. */
  ignoredClosed: z.number().int(),
  /** Private schools that Préau does not have: a collectivity's schools are its public ones. */
  ignoredPrivate: z.number().int(),
  anomalies: z.number().int(),
})
export type SchoolDirectoryCounts = z.infer<typeof SchoolDirectoryCounts>

export const SchoolDirectoryReport = z.object({
  collectivity: z.object({ id: z.uuid(), name: z.string(), siren: z.string() }),
  file: z.object({ name: z.string(), encoding: z.string() }),
  /** False for a dry run: nothing was changed. */
  applied: z.boolean(),
  counts: SchoolDirectoryCounts,
  created: z.array(SchoolDirectoryEntry),
  updated: z.array(SchoolDirectoryEntry),
  unchanged: z.array(SchoolDirectoryEntry),
  /** In file order; at most the first 1,000 (`counts.anomalies` has them all). */
  anomalies: z.array(SchoolDirectoryAnomaly),
})
export type SchoolDirectoryReport = z.infer<typeof SchoolDirectoryReport>

/** The most anomalies a report lists (a garbage file would otherwise make a report of every line). */
export const SCHOOL_DIRECTORY_MAX_LISTED_ANOMALIES = 1000
