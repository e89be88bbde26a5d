/**
 * Anomalies: every problem found in a readable file, attached to its file and physical line, with a stable
 * code for programs and a French message for the director. Reading never throws on bad content; it says
 * what it did with the line instead (`outcome`).
 */

/** Stable codes of the anomalies the parsing layer reports. */
export const ANOMALY_CODES = [
  'missing-column',
  'no-rows',
  'ignored-footer',
  'malformed-line',
  'missing-fields',
  'mixed-encoding',
  'missing-value',
  'invalid-date',
  'unknown-level',
  'invalid-email',
  'invalid-phone',
  'invalid-value',
  'invalid-uai',
  'invalid-insee-code',
  'no-child',
] as const
export type AnomalyCode = (typeof ANOMALY_CODES)[number]

/**
 * What happened to the line (or the file) because of the anomaly:
 * - `row-kept`: the record is still produced, the faulty value left empty;
 * - `row-dropped`: the line produces no record;
 * - `file-rejected`: nothing from this file may be imported (a mandatory column is missing, no data).
 */
export type AnomalyOutcome = 'row-kept' | 'row-dropped' | 'file-rejected'

/** One problem of one line of one file. `line` is the physical line in the file (header = 1). */
export interface ImportAnomaly {
  file: string
  line: number
  code: AnomalyCode
  /** In French, without the file and line (see `describeAnomaly`): it reaches directors as is. */
  message: string
  outcome: AnomalyOutcome
  /** The record field concerned (`birthDate`, `children[1].className`…), when there is one. */
  field?: string
}

/** Builds an anomaly; `field` is left out when there is none, so records compare cleanly in tests. */
export function makeAnomaly(
  file: string,
  line: number,
  code: AnomalyCode,
  message: string,
  outcome: AnomalyOutcome,
  field?: string,
): ImportAnomaly {
  return field === undefined
    ? { file, line, code, message, outcome }
    : { file, line, code, message, outcome, field }
}

/** The anomaly as one self-contained French sentence: « eleves.csv », ligne 12 : … */
export function describeAnomaly(anomaly: ImportAnomaly): string {
  return `« ${anomaly.file} », ligne ${anomaly.line} : ${anomaly.message}`
}
