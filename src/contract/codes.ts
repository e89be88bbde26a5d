/**
 * National identifiers, checked the same way by the server, the web forms and the importers.
 */

const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'

/** The check letter of a UAI from its first 7 characters: their number modulo 23 indexes the alphabet. */
export function uaiCheckLetter(first7: string): string {
  return UAI_LETTERS[Number.parseInt(first7, 10) % 23] ?? ''
}

/** A UAI (`0590318A`): 7 digits and the matching check letter. */
export function isValidUai(value: string): boolean {
  return /^[0-9]{7}[A-Z]$/.test(value) && uaiCheckLetter(value.slice(0, 7)) === value[7]
}

/** A SIREN: 9 digits whose Luhn sum is a multiple of 10. */
export function isValidSiren(value: string): boolean {
  return /^[0-9]{9}$/.test(value) && luhnSum(value) % 10 === 0
}

/** The Luhn check digit that completes `digits` (used to build valid test and demo SIRENs). */
export function luhnCheckDigit(digits: string): string {
  return String((10 - (luhnSum(`${digits}0`) % 10)) % 10)
}

/** An INSEE commune code: 5 characters, Corsica's departments written 2A / 2B. */
export function isValidInseeCode(value: string): boolean {
  return /^(?:[0-9]{2}|2A|2B)[0-9]{3}$/.test(value)
}

function luhnSum(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum
}
