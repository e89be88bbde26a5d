import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CsvError, parse } from 'csv-parse'
import { type ImportAnomaly, makeAnomaly } from './anomalies.ts'
import { ImportFileError } from './errors.ts'
import { stripAccents } from './text.ts'

/**
 * Text → lines of cells, each with its physical line number in the file (header = line 1; a record whose
 * quoted cell holds a line break spans several lines and keeps the line where it starts). Blank lines are
 * skipped; footer lines (a total, « Nombre d’élèves : 247 », an export date) and lines whose cells do not
 * fit the header are reported, never passed on as data.
 */

export type Delimiter = ';' | ',' | '\t'

export type TableEvent =
  | { type: 'header'; line: number; cells: string[]; delimiter: Delimiter }
  | { type: 'row'; line: number; lastLine: number; cells: string[] }
  | { type: 'anomaly'; anomaly: ImportAnomaly }

/** A record longer than this is a quote opened and never closed (it also bounds memory). */
export const MAX_RECORD_CHARS = 128_000
/** The header line is looked for in this much text at most. */
const MAX_HEADER_PEEK = 1_000_000
/** Trailing candidate footer lines held while waiting to know whether data follows them. */
const MAX_HELD_LINES = 20

/**
 * The separator: `;` whenever the header line has one (ONDE and French spreadsheets), else a tab, else a
 * comma. Conservative on purpose: a `;` file whose header holds a comma stays a `;` file.
 */
export function detectDelimiter(headerLine: string): Delimiter {
  if (headerLine.includes(';')) return ';'
  if (headerLine.includes('\t')) return '\t'
  if (headerLine.includes(',')) return ','
  return ';'
}

const FOOTER_START =
  /^(nombre|nb|total|totaux|effectifs?|extraction|extrait|export|edite|edition|genere|imprime|date d|page \d)/
const DATE_START = /^\d{1,2}\/\d{1,2}\/\d{2,4}/
const NUMBER = /^\d+(?:[.,]\d+)?$/

/** Whether the few values of a line read as a footer: a count, a total, an export date or time. */
export function looksLikeFooter(values: readonly string[]): boolean {
  const text = stripAccents(values.join(' ')).replace(/\s+/g, ' ').trim()
  if (text.startsWith('fin du fichier') || text.startsWith('fin de l')) return true
  if (!/\d/.test(text)) return false
  return (
    FOOTER_START.test(text) || DATE_START.test(text) || values.every((value) => NUMBER.test(value.trim()))
  )
}

function countLineBreaks(cells: readonly string[]): number {
  let breaks = 0
  for (const cell of cells) {
    if (cell.includes('\n') || cell.includes('\r')) breaks += cell.match(/\r\n|\r|\n/g)?.length ?? 0
  }
  return breaks
}

function span(line: number, lastLine: number): string {
  return lastLine > line
    ? `cet enregistrement s’étend des lignes ${line} à ${lastLine} (un guillemet mal placé ?) ; `
    : ''
}

/**
 * Reads text until it holds a complete non-blank line (the header, whose delimiter decides the parser's).
 * Linear: each character is looked at once and the text is joined once, so a long text without a line
 * break cannot stall the reader.
 */
async function peekHeaderLine(iterator: AsyncIterator<string>): Promise<{ head: string; done: boolean }> {
  const parts: string[] = []
  let length = 0
  let lineHasText = false
  while (length < MAX_HEADER_PEEK) {
    const next = await iterator.next()
    if (next.done) return { head: parts.join(''), done: true }
    const text = next.value
    parts.push(text)
    length += text.length
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!
      if (char === '\n' || char === '\r') {
        if (lineHasText) return { head: parts.join(''), done: false }
      } else if (!lineHasText && /\S/.test(char)) {
        lineHasText = true
      }
    }
  }
  return { head: parts.join(''), done: false }
}

function csvFailure(error: unknown, file: string, line: number): unknown {
  if (!(error instanceof CsvError)) return error
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new ImportFileError(
      'unclosed-quote',
      file,
      `« ${file} », ligne ${line} : un guillemet (") ouvert sur cette ligne n’est jamais refermé, si bien que la suite du fichier ne peut pas être lue. Corrigez les guillemets de cette ligne.`,
      line,
    )
  }
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return new ImportFileError(
      'line-too-long',
      file,
      `« ${file} », ligne ${line} : l’enregistrement qui commence ici dépasse ${MAX_RECORD_CHARS.toLocaleString('fr-FR')} caractères ; un guillemet (") ouvert sur cette ligne n’est sans doute jamais refermé.`,
      line,
    )
  }
  return new ImportFileError(
    'unreadable-csv',
    file,
    `« ${file} », ligne ${line} : cette ligne ne peut pas être lue comme du CSV (${error.code}).`,
    line,
  )
}

interface HeldLine {
  line: number
  lastLine: number
  values: string[]
  isFooterText: boolean
}

/**
 * Reads the lines of a decoded file, one event at a time (bounded memory: csv-parse streams, and at most a
 * few candidate footer lines are held). Throws `ImportFileError` when the file has no line at all or when
 * broken quoting hides where records end.
 */
export async function* readTable(text: AsyncIterable<string>, file: string): AsyncGenerator<TableEvent> {
  const iterator = text[Symbol.asyncIterator]()
  const { head, done } = await peekHeaderLine(iterator)
  const firstLine = head.split(/\r\n|\r|\n/).find((line) => line.trim() !== '') ?? ''
  const delimiter = detectDelimiter(firstLine)
  // Where the record after the last one parsed starts. The parser runs ahead of this reader and a stream
  // that fails drops the records it still held, so the loop's own count would name an earlier line.
  let parsedUpTo = 1
  const parser = parse({
    delimiter,
    bom: false,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_RECORD_CHARS,
    on_record: (cells: string[]) => {
      parsedUpTo += 1 + countLineBreaks(cells)
      return cells
    },
  })
  async function* source(): AsyncGenerator<string> {
    try {
      if (head !== '') yield head
      if (done) return
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value
    } finally {
      // Also when the reader stops early: the decoder (and the file behind it) is released.
      await iterator.return?.()
    }
  }
  // Errors reach the loop below through the parser; the pipeline's own promise only needs settling.
  pipeline(Readable.from(source()), parser).catch(() => {})

  let nextLine = 1
  let header: string[] | null = null
  let width = 0
  const held: HeldLine[] = []
  const flushHeld = function* (atEnd: boolean): Generator<TableEvent> {
    for (const candidate of held.splice(0)) {
      yield { type: 'anomaly', anomaly: heldAnomaly(candidate, atEnd, width, file) }
    }
  }
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      const line = nextLine
      const lastLine = line + countLineBreaks(cells)
      nextLine = lastLine + 1
      const values = cells.filter((cell) => cell.trim() !== '')
      if (values.length === 0) continue
      if (!header) {
        header = cells
        width = cells.reduce((last, cell, i) => (cell.trim() === '' ? last : i + 1), 0)
        yield { type: 'header', line, cells, delimiter }
        continue
      }
      const tooLong =
        cells.length > header.length && cells.slice(header.length).some((cell) => cell.trim() !== '')
      const fits = cells.length >= width && !tooLong
      const isFooterText = values.length <= 2 && looksLikeFooter(values)
      if (isFooterText || (!fits && values.length <= 1)) {
        held.push({ line, lastLine, values, isFooterText })
        if (held.length > MAX_HELD_LINES) yield* flushHeld(false)
        continue
      }
      yield* flushHeld(false)
      if (tooLong) {
        const message = `${span(line, lastLine)}${cells.length} valeurs pour ${header.length} colonnes : un séparateur (${delimiter === '\t' ? 'tabulation' : delimiter}) dans une valeur sans guillemets décale sans doute les colonnes. Ligne non importée.`
        yield { type: 'anomaly', anomaly: makeAnomaly(file, line, 'malformed-line', message, 'row-dropped') }
        continue
      }
      if (!fits) {
        const message = `${span(line, lastLine)}${cells.length} valeurs pour ${width} colonnes : les colonnes manquantes sont lues comme vides.`
        yield { type: 'anomaly', anomaly: makeAnomaly(file, line, 'missing-fields', message, 'row-kept') }
      }
      yield { type: 'row', line, lastLine, cells }
    }
  } catch (error) {
    throw csvFailure(error, file, Math.max(nextLine, parsedUpTo))
  }
  if (!header) throw new ImportFileError('empty-file', file, `« ${file} » ne contient aucune ligne.`)
  yield* flushHeld(true)
}

function heldAnomaly(candidate: HeldLine, atEnd: boolean, width: number, file: string): ImportAnomaly {
  const shown = candidate.values.map((value) => `« ${value.trim().slice(0, 80)} »`).join(', ')
  if (candidate.isFooterText || atEnd) {
    const message = `ligne de pied de fichier ignorée (${shown}) : un total ou une date d’export, pas une ligne de données.`
    return makeAnomaly(file, candidate.line, 'ignored-footer', message, 'row-dropped')
  }
  const message = `${span(candidate.line, candidate.lastLine)}une seule valeur (${shown}) là où ${width} colonnes sont attendues. Ligne non importée.`
  return makeAnomaly(file, candidate.line, 'malformed-line', message, 'row-dropped')
}
