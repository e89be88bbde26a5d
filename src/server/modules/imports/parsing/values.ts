import { z } from 'zod'
import { isValidInseeCode, isValidUai } from '../../../../contract/codes.ts'
import { stripAccents } from './text.ts'

/**
 * Cell values: parse and normalise, or say `null` when the value is not valid. Each function takes a
 * cleaned, non-empty cell (see `cleanText`); the caller turns `null` into an anomaly.
 */

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/
const YEAR_FIRST = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/

/** Years outside this range are typing mistakes in a school's files, not dates. */
const MIN_YEAR = 1900
const MAX_YEAR = 2100

/**
 * A calendar date as ISO `yyyy-mm-dd`, from `dd/mm/yyyy` (also `-` or `.` between, one-digit day or month)
 * or `yyyy-mm-dd`, a midnight time a spreadsheet may add being ignored. Null for anything else and for
 * dates that do not exist (31/02/2015).
 */
export function parseDate(value: string): string | null {
  const dayFirst = DAY_FIRST.exec(value)
  const yearFirst = dayFirst ? null : YEAR_FIRST.exec(value)
  const parts = dayFirst
    ? { year: dayFirst[3], month: dayFirst[2], day: dayFirst[1] }
    : yearFirst
      ? { year: yearFirst[1], month: yearFirst[2], day: yearFirst[3] }
      : null
  if (!parts) return null
  const year = Number(parts.year)
  const month = Number(parts.month)
  const day = Number(parts.day)
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > daysInMonth) return null
  return `${parts.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const Email = z.email()

/** A lower-cased e-mail address, or null when it is not one. */
export function normaliseEmail(value: string): string | null {
  const email = value
    .replace(/^mailto:/i, '')
    .replace(/\s+/g, '')
    .toLowerCase()
  return Email.safeParse(email).success ? email : null
}

// Country codes of the French overseas departments and collectivities: their numbers are written with a
// leading 0 at home, like metropolitan ones (+262 692 … → 0692 …).
const FRENCH_COUNTRY_CODES = ['33', '262', '269', '508', '590', '594', '596', '687', '689', '681']

/**
 * A phone number as ten digits (`0612345678`) for French numbers written any usual way (« 06 12 34 56 78 »,
 * « 06.12.34.56.78 », « +33 6 12 34 56 78 », « 0033612345678 », « 612345678 » when a spreadsheet dropped the
 * 0); `+` and digits for other countries; null when it is not a phone number.
 */
export function normalisePhone(value: string): string | null {
  const compact = value.replace(/[\s.\-/()]/g, '').replace(/^00/, '+')
  if (/^0[1-9]\d{8}$/.test(compact)) return compact
  if (/^[1-9]\d{8}$/.test(compact)) return `0${compact}`
  const international = /^\+(\d{8,15})$/.exec(compact)
  if (!international) return null
  const digits = international[1]!
  for (const code of FRENCH_COUNTRY_CODES) {
    const rest = digits.startsWith(code) ? digits.slice(code.length).replace(/^0/, '') : ''
    if (/^[1-9]\d{8}$/.test(rest)) return `0${rest}`
  }
  return `+${digits}`
}

const YES = new Set(['oui', 'o', 'yes', 'y', 'vrai', 'true', '1', 'x'])
const NO = new Set(['non', 'n', 'no', 'faux', 'false', '0'])

/** « Oui » / « Non » (and their usual spellings) as a boolean, null for anything else. */
export function parseYesNo(value: string): boolean | null {
  const key = stripAccents(value).trim()
  if (YES.has(key)) return true
  if (NO.has(key)) return false
  return null
}

export type Civility = 'M.' | 'Mme'

/** « M. », « Monsieur », « MME », « Madame », « Mlle »… as `M.` or `Mme`; null for anything else. */
export function parseCivility(value: string): Civility | null {
  const key = stripAccents(value).replace(/[^a-z]/g, '')
  if (['m', 'mr', 'monsieur'].includes(key)) return 'M.'
  if (['mme', 'madame', 'mlle', 'mademoiselle', 'mrs', 'ms'].includes(key)) return 'Mme'
  return null
}

/** A postcode: digits only, the leading 0 a spreadsheet drops put back (« 1000 » → « 01000 »). */
export function normalisePostcode(value: string): string {
  const compact = value.replace(/\s/g, '')
  return /^\d{4}$/.test(compact) ? `0${compact}` : compact
}

/** A UAI in capitals, or null when its check letter does not match. */
export function normaliseUai(value: string): string | null {
  const uai = value.replace(/\s/g, '').toUpperCase()
  return isValidUai(uai) ? uai : null
}

/** An INSEE commune code, the leading 0 a spreadsheet drops put back; null when it is not one. */
export function normaliseInseeCode(value: string): string | null {
  const compact = value.replace(/\s/g, '').toUpperCase()
  const code = /^\d{4}$/.test(compact) ? `0${compact}` : compact
  return isValidInseeCode(code) ? code : null
}
