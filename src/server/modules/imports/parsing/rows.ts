import type { AnomalyCode, AnomalyOutcome, ImportAnomaly } from './anomalies.ts'
import { makeAnomaly } from './anomalies.ts'
import type { FileKind } from './file-kinds.ts'
import type { HeaderMatch } from './headers.ts'
import type { RecordByKind } from './records.ts'
import { cleanOrNull } from './text.ts'
import { normaliseEmail, normalisePhone, parseDate } from './values.ts'

/**
 * Row extraction: the cells of one line → a typed record and the anomalies of that line. Never throws on
 * content: a value that cannot be read is left empty with an anomaly, and a line that cannot make a
 * record (no name…) yields none, with an anomaly that says so.
 */

/** Reads the cells of one line by field name and collects the line's anomalies. */
export interface RowReader {
  readonly file: string
  readonly line: number
  readonly anomalies: ImportAnomaly[]
  /** The cleaned value of the field's first column; null when empty or absent. */
  text(field: string): string | null
  /** The cleaned, non-empty values of every column of a repeatable field. */
  texts(field: string): string[]
  /** The cleaned value of a column by index. */
  at(index: number | undefined): string | null
  /** The field's column as the file names it, for messages (« Date naissance »). */
  header(field: string): string
  flag(code: AnomalyCode, message: string, outcome: AnomalyOutcome, field?: string): void
}

/** A reader over `cells`, as matched by `match`. */
export function createRowReader(
  match: HeaderMatch,
  file: string,
  line: number,
  cells: readonly string[],
): RowReader {
  const anomalies: ImportAnomaly[] = []
  const at = (index: number | undefined) => (index === undefined ? null : cleanOrNull(cells[index]))
  return {
    file,
    line,
    anomalies,
    at,
    text: (field) => at(match.columns[field]?.[0]),
    texts: (field) => (match.columns[field] ?? []).map(at).filter((value) => value !== null),
    header: (field) => {
      const index = match.columns[field]?.[0]
      return index === undefined ? field : (match.headers[index] ?? field)
    },
    flag: (code, message, outcome, field) => {
      anomalies.push(makeAnomaly(file, line, code, message, outcome, field))
    },
  }
}

/** « valeur » shortened for messages. */
export function quote(value: string): string {
  return `« ${value.length > 80 ? `${value.slice(0, 79)}…` : value} »`
}

/** A date field: ISO, or null with an anomaly (`invalid-date`, the row kept). */
export function readDate(row: RowReader, field: string, subject: string): string | null {
  const raw = row.text(field)
  if (raw === null) return null
  const date = parseDate(raw)
  if (date === null) {
    row.flag(
      'invalid-date',
      `date invalide ${quote(raw)} dans la colonne ${quote(row.header(field))} (jj/mm/aaaa ou aaaa-mm-jj attendu, et une date qui existe) : ${subject} est importé sans cette date.`,
      'row-kept',
      field,
    )
  }
  return date
}

/** An e-mail field: normalised, or null with an anomaly (`invalid-email`, the row kept). */
export function readEmail(row: RowReader, field = 'email'): string | null {
  const raw = row.text(field)
  if (raw === null) return null
  const email = normaliseEmail(raw)
  if (email === null) {
    row.flag('invalid-email', `adresse électronique invalide ${quote(raw)} : ignorée.`, 'row-kept', field)
  }
  return email
}

/** The phones of every phone column: normalised, each once; invalid ones left out with an anomaly. */
export function readPhones(row: RowReader, field = 'phones'): string[] {
  const phones: string[] = []
  for (const raw of row.texts(field)) {
    const phone = normalisePhone(raw)
    if (phone === null) {
      row.flag('invalid-phone', `numéro de téléphone invalide ${quote(raw)} : ignoré.`, 'row-kept', field)
    } else if (!phones.includes(phone)) {
      phones.push(phone)
    }
  }
  return phones
}

/** The names every person needs; null (and the row dropped, with an anomaly) when one is missing. */
export function readNames(row: RowReader, who: string): { lastName: string; firstName: string } | null {
  const lastName = row.text('lastName')
  const firstName = row.text('firstName')
  for (const [field, value] of [
    ['lastName', lastName],
    ['firstName', firstName],
  ] as const) {
    if (value === null) {
      const what = field === 'lastName' ? 'nom' : 'prénom'
      const column = row.header(field)
      row.flag(
        'missing-value',
        `${what} ${who} manquant (colonne ${quote(column)}) : ligne non importée.`,
        'row-dropped',
        field,
      )
    }
  }
  return lastName !== null && firstName !== null ? { lastName, firstName } : null
}

/** A usage name that only repeats the last name says nothing more: null then. */
export function distinctUsageName(usageName: string | null, lastName: string): string | null {
  return usageName !== null && usageName.toLocaleUpperCase('fr') !== lastName.toLocaleUpperCase('fr')
    ? usageName
    : null
}

/** Extracts the record of one line of a file of kind `K`. */
export type RowExtractor<K extends FileKind> = (row: RowReader, match: HeaderMatch) => RecordByKind[K] | null
