import { ImportFileError } from './errors.ts'
import {
  type ColumnSpec,
  FILE_KIND_SPECS,
  type FileKind,
  type FileKindSpec,
  fileKindSpec,
} from './file-kinds.ts'
import { cleanText, headerKey, stripAccents } from './text.ts'

/**
 * Header line → which column feeds which field, for one kind of file; and which kind a file is, from its
 * headers alone.
 */

/** A mandatory column the header lacks (`block`: the 1-based child block it is missing from). */
interface MissingColumn {
  field: string
  label: string
  aliases: readonly string[]
  block?: number
}

export interface HeaderMatch {
  kind: FileKind
  /** The header cells, cleaned, by column index. */
  headers: string[]
  /** Field → its column indexes (several only for repeatable fields). */
  columns: Record<string, number[]>
  /** One entry per child block: child field → column index. */
  childBlocks: Record<string, number>[]
  missing: MissingColumn[]
  /** Headers this kind does not know, or a second column for a field read once: not imported. */
  ignoredColumns: string[]
  /** How many header cells this kind recognises (used to tell kinds apart). */
  recognised: number
}

interface KindIndex {
  byKey: Map<string, { column: ColumnSpec; child: boolean }>
  known: Set<string>
}

const indexes = new Map<FileKind, KindIndex>()

function kindIndex(spec: FileKindSpec): KindIndex {
  let index = indexes.get(spec.kind)
  if (!index) {
    const byKey = new Map<string, { column: ColumnSpec; child: boolean }>()
    for (const column of spec.columns) {
      for (const alias of column.aliases) byKey.set(headerKey(alias), { column, child: false })
    }
    for (const column of spec.childColumns ?? []) {
      for (const alias of column.aliases) byKey.set(headerKey(alias), { column, child: true })
    }
    index = { byKey, known: new Set((spec.knownColumns ?? []).map(headerKey)) }
    indexes.set(spec.kind, index)
  }
  return index
}

/** Matches a header line against the columns of `kind`. Child blocks start again at each repeated column. */
export function matchHeaders(rawHeaders: readonly string[], kind: FileKind): HeaderMatch {
  const spec = fileKindSpec(kind)
  const { byKey, known } = kindIndex(spec)
  const headers = rawHeaders.map(cleanText)
  const columns: Record<string, number[]> = {}
  const childBlocks: Record<string, number>[] = []
  const ignoredColumns: string[] = []
  let recognised = 0
  let block: Record<string, number> | null = null
  headers.forEach((header, index) => {
    const key = headerKey(header)
    if (key === '') return
    const entry = byKey.get(key)
    if (!entry) {
      if (known.has(key)) recognised++
      else ignoredColumns.push(header)
      return
    }
    recognised++
    const { field } = entry.column
    if (entry.child) {
      if (!block || field in block) {
        block = {}
        childBlocks.push(block)
      }
      block[field] = index
    } else if (!columns[field]) {
      columns[field] = [index]
    } else if (entry.column.repeatable) {
      columns[field].push(index)
    } else {
      ignoredColumns.push(header)
    }
  })
  return {
    kind,
    headers,
    columns,
    childBlocks,
    missing: findMissing(spec, columns, childBlocks),
    ignoredColumns,
    recognised,
  }
}

function findMissing(
  spec: FileKindSpec,
  columns: Record<string, number[]>,
  childBlocks: Record<string, number>[],
): MissingColumn[] {
  const missing: MissingColumn[] = []
  const describe = ({ field, label, aliases }: ColumnSpec) => ({ field, label, aliases })
  for (const column of spec.columns) {
    if (column.required && !columns[column.field]) missing.push(describe(column))
  }
  const required = (spec.childColumns ?? []).filter((column) => column.required)
  if (required.length > 0 && childBlocks.length === 0) missing.push(...required.map(describe))
  childBlocks.forEach((block, i) => {
    for (const column of required) {
      if (!(column.field in block)) missing.push({ ...describe(column), block: i + 1 })
    }
  })
  return missing
}

function requiredCount(spec: FileKindSpec): number {
  return [...spec.columns, ...(spec.childColumns ?? [])].filter((column) => column.required).length
}

/** Complete kinds first, then the one recognising most headers, then the one with most mandatory columns. */
function rank(a: HeaderMatch, b: HeaderMatch): number {
  const completeness = Number(b.missing.length === 0) - Number(a.missing.length === 0)
  if (completeness !== 0) return completeness
  if (b.recognised !== a.recognised) return b.recognised - a.recognised
  return requiredCount(fileKindSpec(b.kind)) - requiredCount(fileKindSpec(a.kind))
}

const KIND_LABELS = FILE_KIND_SPECS.map((spec) => spec.label)

function preview(headers: readonly string[]): string {
  const shown = headers.filter((header) => header !== '').slice(0, 4)
  const more = headers.length > shown.length ? '…' : ''
  return shown.length === 0
    ? 'vides'
    : `${shown.map((header) => `« ${header.slice(0, 60)} »`).join(', ')}${more}`
}

/**
 * The kind of a file from its header line, and how its columns match. With `expectedKind` (the upload
 * slot the director chose), that kind is matched — missing mandatory columns are then for the caller to
 * report — unless the headers clearly belong to another kind. Throws `unrecognised-file` when no kind fits,
 * `wrong-file-kind` when another kind fits better than the expected one.
 */
export function detectFileKind(
  headers: readonly string[],
  file: string,
  headerLine: number,
  expectedKind?: FileKind,
): HeaderMatch {
  refuseGuestsFile(file)
  const matches = FILE_KIND_SPECS.map((spec) => matchHeaders(headers, spec.kind)).sort(rank)
  const best = matches[0]!
  const unrecognised = () =>
    new ImportFileError(
      'unrecognised-file',
      file,
      `« ${file} » n’est pas reconnu : les en-têtes de la ligne ${headerLine} (${preview(headers)}) ne sont ceux d’aucun fichier attendu (${KIND_LABELS.join(', ')}). Vérifiez que cette ligne contient bien les noms des colonnes, séparés par des points-virgules.`,
      headerLine,
    )
  if (expectedKind) {
    const expected = matches.find((match) => match.kind === expectedKind)!
    // Only headers that fit the other kind strictly better overrule the director's choice: on a tie
    // (« Nom;Prénom;Date de naissance;Classe » fits pupils and teachers alike) the upload slot decides.
    const clearlyOther =
      best.kind !== expectedKind &&
      best.missing.length === 0 &&
      (expected.missing.length > 0 || best.recognised > expected.recognised)
    if (clearlyOther) {
      throw new ImportFileError(
        'wrong-file-kind',
        file,
        `« ${file} » ressemble à un fichier des ${fileKindSpec(best.kind).label} (d’après les en-têtes de la ligne ${headerLine}), alors qu’un fichier des ${fileKindSpec(expectedKind).label} est attendu ici. Déposez chaque fichier à l’emplacement prévu pour lui.`,
        headerLine,
      )
    }
    if (expected.recognised === 0) throw unrecognised()
    return expected
  }
  if (best.missing.length === 0) return best
  // An incomplete file is still recognised when it has at least half of a kind's mandatory columns.
  const plausible = matches.find((match) => {
    const required = requiredCount(fileKindSpec(match.kind))
    return required - new Set(match.missing.map((missing) => missing.label)).size >= required / 2
  })
  if (!plausible) throw unrecognised()
  return plausible
}

/**
 * Guests' files (the « Invités » template of other ENTs) have the headers of a teachers' or even a pupils'
 * file: only their name tells them apart, and importing guests as teachers would open classes to them.
 */
function refuseGuestsFile(file: string): void {
  const name = stripAccents(file.split(/[\\/]/).pop() ?? file)
  if (!name.includes('invite')) return
  throw new ImportFileError(
    'unrecognised-file',
    file,
    `« ${file} » semble être une liste d’invités (d’après son nom) : les invités ne s’importent pas par fichier, seuls les fichiers des élèves, des responsables, des enseignants et des écoles de l’annuaire le peuvent. S’il contient en fait des enseignants ou des personnels, renommez-le sans le mot « invités » puis déposez-le de nouveau.`,
  )
}
