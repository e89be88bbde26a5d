import { uaiCheckLetter } from '../../../../contract/codes.ts'
import type { SchoolKind } from '../../../../contract/structures.ts'
import type { DirectorySchoolRecord } from './records.ts'
import { quote, type RowReader } from './rows.ts'
import { stripAccents } from './text.ts'
import { normaliseInseeCode, normalisePostcode, normaliseUai, parseYesNo } from './values.ts'

/** One line of the national directory → a school, or null without a valid UAI, name or INSEE code. */
export function extractSchool(row: RowReader): DirectorySchoolRecord | null {
  const uai = readUai(row)
  const name = row.text('name')
  if (name === null) {
    row.flag('missing-value', 'nom de l’établissement manquant : ligne non importée.', 'row-dropped', 'name')
  }
  const inseeCode = readInseeCode(row)
  if (uai === null || name === null || inseeCode === null) return null
  const postcode = row.text('postcode')
  return {
    type: 'school',
    file: row.file,
    line: row.line,
    uai,
    name,
    kind: schoolKind(readFlag(row, 'maternelle'), readFlag(row, 'elementaire')),
    inseeCode,
    communeName: row.text('communeName'),
    postcode: postcode === null ? null : normalisePostcode(postcode),
    circonscription: row.text('circonscription'),
    open: readOpen(row),
    establishmentType: row.text('establishmentType'),
    sector: readSector(row.text('sector')),
  }
}

function readUai(row: RowReader): string | null {
  const raw = row.text('uai')
  if (raw === null) {
    row.flag('missing-value', 'UAI manquant : ligne non importée.', 'row-dropped', 'uai')
    return null
  }
  const uai = normaliseUai(raw)
  if (uai === null) {
    const compact = raw.replace(/\s/g, '').toUpperCase()
    const expected = /^\d{7}[A-Z]$/.test(compact)
      ? ` (la lettre de contrôle serait ${uaiCheckLetter(compact.slice(0, 7))})`
      : ''
    row.flag(
      'invalid-uai',
      `UAI invalide ${quote(raw)}${expected} : 7 chiffres et une lettre de contrôle attendus. Ligne non importée.`,
      'row-dropped',
      'uai',
    )
  }
  return uai
}

function readInseeCode(row: RowReader): string | null {
  const raw = row.text('inseeCode')
  const code = raw === null ? null : normaliseInseeCode(raw)
  if (code === null) {
    const what = raw === null ? 'manquant' : `invalide ${quote(raw)}`
    row.flag(
      'invalid-insee-code',
      `code INSEE de la commune ${what} : ligne non importée.`,
      'row-dropped',
      'inseeCode',
    )
  }
  return code
}

/** A 0/1 flag; empty reads as 0, anything else too, with an anomaly. */
function readFlag(row: RowReader, field: string): boolean {
  const raw = row.text(field)
  if (raw === null) return false
  const answer = parseYesNo(raw)
  if (answer === null) {
    row.flag(
      'invalid-value',
      `valeur ${quote(raw)} inattendue dans la colonne ${quote(row.header(field))} (0 ou 1 attendu) : lue comme 0.`,
      'row-kept',
      field,
    )
  }
  return answer === true
}

function schoolKind(maternelle: boolean, elementaire: boolean): SchoolKind | null {
  if (maternelle && elementaire) return 'primaire'
  if (maternelle) return 'maternelle'
  if (elementaire) return 'elementaire'
  return null
}

// `etat` of the directory, and the numeric codes of its older `etat_etablissement` (1, 2, 3).
const OPEN_STATES = new Map([
  ['ouvert', true],
  ['a fermer', true],
  ['1', true],
  ['2', true],
  ['ferme', false],
  ['fermee', false],
  ['a ouvrir', false],
  ['3', false],
])

function readOpen(row: RowReader): boolean | null {
  const raw = row.text('open')
  if (raw === null) return null
  const open = OPEN_STATES.get(stripAccents(raw).replace(/\s+/g, ' '))
  if (open === undefined) {
    row.flag(
      'invalid-value',
      `état ${quote(raw)} inconnu (OUVERT, A FERMER, A OUVRIR ou FERME attendu).`,
      'row-kept',
      'open',
    )
    return null
  }
  return open
}

function readSector(raw: string | null): 'public' | 'private' | null {
  if (raw === null) return null
  const key = stripAccents(raw)
  return key.startsWith('public') ? 'public' : key.startsWith('prive') ? 'private' : null
}
