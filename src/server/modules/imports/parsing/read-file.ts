import { type ImportAnomaly, makeAnomaly } from './anomalies.ts'
import { decodeText, type TextEncoding } from './decode.ts'
import { ImportFileError } from './errors.ts'
import type { FileKind } from './file-kinds.ts'
import { extractGuardian } from './guardian-rows.ts'
import { detectFileKind, type HeaderMatch } from './headers.ts'
import { extractPupil } from './pupil-rows.ts'
import { readTable, type TableEvent } from './read-table.ts'
import type { ParsedItem, RecordByKind } from './records.ts'
import { createRowReader, type RowExtractor } from './rows.ts'
import { extractSchool } from './school-rows.ts'
import { extractTeacher } from './teacher-rows.ts'

/**
 * The one entry of the parsing layer: bytes of one file → its kind, its encoding, then its records and
 * anomalies in file order, streaming (memory stays bounded whatever the size). A file that cannot be read
 * at all throws `ImportFileError`; everything else is an anomaly naming its line.
 */

export interface ReadFileOptions {
  /** The file's name as the user knows it, for messages. */
  file: string
  /** Larger files are refused (`file-too-large`). */
  maxBytes: number
  /** The kind the caller expects (the upload slot); without it the kind is recognised from the headers. */
  expectedKind?: FileKind
}

export interface OpenedFile<K extends FileKind = FileKind> {
  kind: K
  /** The encoding the file was read in (after a possible switch to Windows-1252). */
  readonly encoding: TextEncoding
  match: HeaderMatch
  /** Missing mandatory columns: when there are some, `items` yields nothing else and the file is rejected. */
  rejected: boolean
  items: AsyncGenerator<ParsedItem<K>>
}

const EXTRACTORS: { [K in FileKind]: RowExtractor<K> } = {
  pupils: extractPupil,
  guardians: extractGuardian,
  teachers: extractTeacher,
  schools: extractSchool,
}

function missingColumnAnomalies(match: HeaderMatch, file: string, line: number): ImportAnomaly[] {
  return match.missing.map((column) => {
    const where = column.block === undefined ? '' : ` (bloc de l’enfant n° ${column.block})`
    const shown = column.aliases.slice(0, 3).map((alias) => `« ${alias} »`)
    const spellings = `${shown.join(', ')}${column.aliases.length > shown.length ? '…' : ''}`
    return makeAnomaly(
      file,
      line,
      'missing-column',
      `colonne obligatoire « ${column.label} » absente${where} (intitulés reconnus : ${spellings}) : aucune ligne de ce fichier n’est importée.`,
      'file-rejected',
      column.field,
    )
  })
}

/** Opens a file: decodes it, finds its header line and its kind. Throws `ImportFileError` when it cannot. */
export async function openImportFile(
  source: AsyncIterable<Uint8Array | string>,
  options: ReadFileOptions,
): Promise<OpenedFile> {
  const { file } = options
  const notices: ImportAnomaly[] = []
  const decoded = await decodeText(source, {
    file,
    maxBytes: options.maxBytes,
    onNotice: (notice) => {
      if (notice.type === 'mixed-encoding') {
        notices.push(
          makeAnomaly(
            file,
            notice.line,
            'mixed-encoding',
            'le fichier mélange deux encodages (UTF-8 et Windows-1252) à partir de cette ligne : vérifiez les accents des noms importés.',
            'row-kept',
          ),
        )
      }
    },
  })
  const events = readTable(decoded.chunks, file)
  const first = await nextHeader(events, file)
  let match: HeaderMatch
  try {
    match = detectFileKind(first.cells, file, first.line, options.expectedKind)
  } catch (error) {
    // The table reader is paused after the header: close it, so the source behind it is released.
    await events.return(undefined)
    throw error
  }
  const rejected = match.missing.length > 0
  const extract = EXTRACTORS[match.kind] as RowExtractor<FileKind>

  async function* items(): AsyncGenerator<ParsedItem> {
    if (rejected) {
      await events.return(undefined)
      for (const anomaly of missingColumnAnomalies(match, file, first.line))
        yield { type: 'anomaly', anomaly }
      return
    }
    let rows = 0
    for await (const event of events) {
      while (notices.length > 0) yield { type: 'anomaly', anomaly: notices.shift()! }
      if (event.type === 'anomaly') {
        yield event
      } else if (event.type === 'row') {
        const row = createRowReader(match, file, event.line, event.cells)
        const record = extract(row, match)
        for (const anomaly of row.anomalies) yield { type: 'anomaly', anomaly }
        if (record) {
          rows++
          yield { type: 'record', record }
        }
      }
    }
    while (notices.length > 0) yield { type: 'anomaly', anomaly: notices.shift()! }
    if (rows === 0) {
      const anomaly = makeAnomaly(
        file,
        first.line,
        'no-rows',
        'aucune ligne de données utilisable sous les en-têtes : rien n’est importé de ce fichier.',
        'file-rejected',
      )
      yield { type: 'anomaly', anomaly }
    }
  }

  // Returning a generator that never started skips its body, and with it the closing of the table: a
  // caller that opens a file and gives up before reading must still release the source.
  const generator = items()
  const finish = generator.return.bind(generator)
  generator.return = async (value) => {
    await events.return(undefined)
    return finish(value)
  }

  return {
    kind: match.kind,
    get encoding() {
      return decoded.encoding
    },
    match,
    rejected,
    items: generator as AsyncGenerator<ParsedItem<FileKind>>,
  } as OpenedFile
}

async function nextHeader(
  events: AsyncGenerator<TableEvent>,
  file: string,
): Promise<Extract<TableEvent, { type: 'header' }>> {
  // Not `for await`: leaving that loop would close the generator the rows still come from.
  for (let next = await events.next(); !next.done; next = await events.next()) {
    if (next.value.type === 'header') return next.value
  }
  throw new ImportFileError('empty-file', file, `« ${file} » ne contient aucune ligne.`)
}

/** Reads a whole file into records and anomalies (small files and tests). */
export async function readImportFile<K extends FileKind>(
  source: AsyncIterable<Uint8Array | string>,
  options: ReadFileOptions & { expectedKind?: K },
): Promise<{ kind: K; encoding: TextEncoding; records: RecordByKind[K][]; anomalies: ImportAnomaly[] }> {
  const opened = await openImportFile(source, options)
  const records: RecordByKind[K][] = []
  const anomalies: ImportAnomaly[] = []
  for await (const item of opened.items) {
    if (item.type === 'record') records.push(item.record as RecordByKind[K])
    else anomalies.push(item.anomaly)
  }
  return { kind: opened.kind as K, encoding: opened.encoding, records, anomalies }
}
