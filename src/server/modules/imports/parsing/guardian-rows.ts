import type { HeaderMatch } from './headers.ts'
import type { ChildReference, GuardianRecord } from './records.ts'
import { distinctUsageName, quote, type RowReader, readEmail, readNames, readPhones } from './rows.ts'
import { type Civility, normalisePostcode, parseCivility } from './values.ts'

/** One line of a guardians file → a guardian with the children it names, or null without name or child. */
export function extractGuardian(row: RowReader, match: HeaderMatch): GuardianRecord | null {
  const names = readNames(row, 'du responsable')
  if (!names) return null
  const children = match.childBlocks
    .map((block, i) => readChild(row, block, i + 1))
    .filter((child) => child !== null)
  if (children.length === 0) {
    row.flag(
      'no-child',
      'aucun enfant n’est indiqué pour ce responsable : ligne non importée.',
      'row-dropped',
      'children',
    )
    return null
  }
  const postcode = row.text('postcode')
  return {
    type: 'guardian',
    file: row.file,
    line: row.line,
    civility: readCivility(row),
    lastName: names.lastName,
    usageName: distinctUsageName(row.text('usageName'), names.lastName),
    firstName: names.firstName,
    address: row.text('address'),
    postcode: postcode === null ? null : normalisePostcode(postcode),
    city: row.text('city'),
    country: row.text('country'),
    email: readEmail(row),
    phones: readPhones(row),
    children,
  }
}

/** A civility, or null (with an anomaly when something unexpected was written). */
export function readCivility(row: RowReader): Civility | null {
  const raw = row.text('civility')
  if (raw === null) return null
  const civility = parseCivility(raw)
  if (civility === null) {
    row.flag(
      'invalid-value',
      `civilité ${quote(raw)} inconnue (M. ou Mme attendu) : ignorée.`,
      'row-kept',
      'civility',
    )
  }
  return civility
}

/**
 * One child block: null when it is empty (fewer children than blocks) or has no name — then the child is
 * left out and an anomaly names it; the guardian row stays.
 */
function readChild(row: RowReader, block: Record<string, number>, n: number): ChildReference | null {
  const usageName = row.at(block.usageName)
  const familyName = row.at(block.lastName)
  const firstName = row.at(block.firstName)
  const className = row.at(block.className)
  if (usageName === null && familyName === null && firstName === null && className === null) return null
  const lastName = familyName ?? usageName
  const field = `children[${n - 1}]`
  if (lastName === null || firstName === null) {
    const missing = lastName === null ? 'le nom' : 'le prénom'
    const known = [lastName, firstName, className].filter((value) => value !== null).join(' ')
    row.flag(
      'missing-value',
      `${missing} de l’enfant n° ${n} manque (${quote(known)}) : cet enfant n’est pas rattaché.`,
      'row-kept',
      `${field}.${lastName === null ? 'lastName' : 'firstName'}`,
    )
    return null
  }
  if (className === null) {
    row.flag(
      'missing-value',
      `la classe de l’enfant n° ${n} (${firstName} ${lastName}) manque : il est indiqué sans classe.`,
      'row-kept',
      `${field}.className`,
    )
  }
  return { lastName, usageName: distinctUsageName(usageName, lastName), firstName, className }
}
