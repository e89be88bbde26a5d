import type { ClassLevel } from '../../../../contract/structures.ts'
import { levelsInClassName, parseLevelCell } from './levels.ts'
import type { Consent, PostalAddress, PupilRecord } from './records.ts'
import { distinctUsageName, quote, type RowReader, readDate, readNames } from './rows.ts'
import { normalisePostcode, parseYesNo } from './values.ts'

/** One line of a pupils file → a pupil, or null when it has no name. */
export function extractPupil(row: RowReader): PupilRecord | null {
  const names = readNames(row, 'de l’élève')
  if (!names) return null
  const birthDate = readDate(row, 'birthDate', 'l’élève')
  if (row.text('birthDate') === null) {
    row.flag(
      'missing-value',
      `date de naissance manquante (colonne ${quote(row.header('birthDate'))}) : l’élève est importé sans date de naissance.`,
      'row-kept',
      'birthDate',
    )
  }
  const className = row.text('className')
  if (className === null) {
    row.flag(
      'missing-value',
      `élève sans classe (colonne ${quote(row.header('className'))} vide) : il est importé sans classe.`,
      'row-kept',
      'className',
    )
  }
  const classLevels = className === null ? [] : levelsInClassName(className)
  return {
    type: 'pupil',
    file: row.file,
    line: row.line,
    lastName: names.lastName,
    usageName: distinctUsageName(row.text('usageName'), names.lastName),
    firstName: names.firstName,
    birthDate,
    className,
    level: readLevel(row, classLevels),
    classLevels,
    cycle: row.text('cycle'),
    addresses: [1, 2].map((n) => readAddress(row, n)).filter((address) => address !== null),
    imageConsent: readConsent(row, 'imageConsent'),
  }
}

/** ONDE's « Niveau »; without one, the level the class name names when it names exactly one. */
function readLevel(row: RowReader, classLevels: readonly ClassLevel[]): ClassLevel | null {
  const raw = row.text('level')
  if (raw === null) return classLevels.length === 1 ? classLevels[0]! : null
  const levels = parseLevelCell(raw)
  if (levels?.length === 1) return levels[0]!
  const why = levels === null ? 'inconnu' : 'désignant plusieurs niveaux'
  row.flag(
    'unknown-level',
    `niveau ${why} ${quote(raw)} (TPS, PS, MS, GS, CP, CE1, CE2, CM1, CM2 ou ULIS attendu) : l’élève est importé sans niveau.`,
    'row-kept',
    'level',
  )
  return null
}

function readAddress(row: RowReader, n: number): PostalAddress | null {
  const postcode = row.text(`postcode${n}`)
  const address: PostalAddress = {
    address: row.text(`address${n}`),
    postcode: postcode === null ? null : normalisePostcode(postcode),
    city: row.text(`city${n}`),
    country: row.text(`country${n}`),
  }
  return Object.values(address).some((value) => value !== null) ? address : null
}

function readConsent(row: RowReader, field: string): Consent | null {
  const raw = row.text(field)
  if (raw === null) return null
  const answer = parseYesNo(raw)
  if (answer === null) {
    row.flag(
      'invalid-value',
      `valeur ${quote(raw)} inattendue dans la colonne ${quote(row.header(field))} (Oui ou Non attendu) : autorisation laissée sans réponse.`,
      'row-kept',
      field,
    )
    return null
  }
  return answer ? 'granted' : 'refused'
}
