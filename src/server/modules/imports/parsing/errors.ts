/**
 * The one error reading throws: the file cannot be read at all (not a text file, empty, too big, unknown
 * format, broken quoting that hides where records end). Bad content inside a readable file is never
 * thrown: it becomes an anomaly.
 */

export const FILE_ERROR_CODES = [
  'empty-file',
  'file-too-large',
  'not-a-text-file',
  'unrecognised-file',
  'wrong-file-kind',
  'unclosed-quote',
  'line-too-long',
  'unreadable-csv',
] as const
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number]

/** A file that cannot be read. `message` is French, names the file and, when there is one, the line. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError'
  readonly code: FileErrorCode
  readonly file: string
  readonly line: number | null

  constructor(code: FileErrorCode, file: string, message: string, line: number | null = null) {
    super(message)
    this.code = code
    this.file = file
    this.line = line
  }
}

/** Whether `error` is the typed "cannot be read" error (and not a bug). */
export function isImportFileError(error: unknown): error is ImportFileError {
  return error instanceof ImportFileError
}

/** A size in French units (« 200 Mo », « 12,5 ko »), for messages. */
export function formatBytes(bytes: number): string {
  const units = ['octets', 'ko', 'Mo', 'Go']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const rounded = unit === 0 ? String(value) : value.toLocaleString('fr-FR', { maximumFractionDigits: 1 })
  return `${rounded} ${units[unit]}`
}
