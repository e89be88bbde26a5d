import { randomBytes, randomInt } from 'node:crypto'

/**
 * Activation codes: 8 characters from an alphabet without look-alikes (no i l o q u 0 1 2), drawn
 * from a CSPRNG. 28^8 ≈ 3.8·10^11 codes; with sign-in throttling an online guess is hopeless.
 */
export const ACTIVATION_ALPHABET = 'abcdefghjkmnprstvwxyz3456789'
const ACTIVATION_CODE_LENGTH = 8

export function newActivationCode(): string {
  let code = ''
  for (let i = 0; i < ACTIVATION_CODE_LENGTH; i++)
    code += ACTIVATION_ALPHABET[randomInt(ACTIVATION_ALPHABET.length)]
  return code
}

/**
 * `count` codes at once, for imports: the same alphabet and length, drawn from one buffer of random
 * bytes. A byte selects a letter only below the largest multiple of the alphabet's size (252 for 28),
 * so every letter stays equally likely.
 */
export function newActivationCodes(count: number): string[] {
  const size = ACTIVATION_ALPHABET.length
  const limit = 256 - (256 % size)
  const codes: string[] = []
  let pool = randomBytes(count * ACTIVATION_CODE_LENGTH * 2)
  let at = 0
  for (let n = 0; n < count; n++) {
    let code = ''
    while (code.length < ACTIVATION_CODE_LENGTH) {
      if (at === pool.length) {
        pool = randomBytes(4096)
        at = 0
      }
      const byte = pool[at++]!
      if (byte < limit) code += ACTIVATION_ALPHABET[byte % size]
    }
    codes.push(code)
  }
  return codes
}

/** What a person typed, tidied: case and spaces or dashes between groups do not matter. */
export function normaliseActivationCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, '')
}

/** Printed as two groups of four, easier to copy: `abcd-efgh`. */
export function formatActivationCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}
