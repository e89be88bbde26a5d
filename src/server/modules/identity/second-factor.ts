import { createHash, randomInt } from 'node:crypto'
import * as OTPAuth from 'otpauth'
import { ACTIVATION_ALPHABET } from './activation-codes.ts'

/**
 * TOTP (RFC 6238: 6 digits, 30 s, SHA-1 — what every authenticator app reads) and recovery codes.
 * A code is accepted once: the step it was valid for is recorded and older or equal steps refused.
 */
const PERIOD_SECONDS = 30
const ISSUER = 'Préau'

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32
}

function totpFor(secretBase32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  })
}

/** The `otpauth://` URI and its QR code (SVG) for an authenticator app. */
export async function describeEnrolment(secretBase32: string, login: string) {
  const uri = totpFor(secretBase32, login).toString()
  const { default: QRCode } = await import('qrcode') // loaded at the first enrolment, not at start
  const qrCodeSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return { secret: secretBase32, uri, qrCodeSvg }
}

/**
 * The time step a typed code is valid for (one step of clock drift either way), or null when it is
 * wrong or was already used (`lastUsedStep`).
 */
export function verifyTotp(
  secretBase32: string,
  typed: string,
  lastUsedStep: number | null,
  now = Date.now(),
): number | null {
  const token = typed.replace(/\s/g, '')
  if (!/^[0-9]{6}$/.test(token)) return null
  const delta = totpFor(secretBase32, 'check').validate({ token, timestamp: now, window: 1 })
  if (delta === null) return null
  const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta
  return lastUsedStep !== null && step <= lastUsedStep ? null : step
}

/** The current code of a secret (for tests and the enrolment screen's self-check). */
export function currentTotp(secretBase32: string, now = Date.now()): string {
  return totpFor(secretBase32, 'check').generate({ timestamp: now })
}

/** Ten single-use recovery codes like `k7fp-3xma`, and their hashes to store. */
export function newRecoveryCodes(count = 10): { codes: string[]; hashes: Buffer[] } {
  const draw = (n: number) =>
    Array.from({ length: n }, () => ACTIVATION_ALPHABET[randomInt(ACTIVATION_ALPHABET.length)]).join('')
  const codes = Array.from({ length: count }, () => `${draw(4)}-${draw(4)}`)
  return { codes, hashes: codes.map(hashRecoveryCode) }
}

export function hashRecoveryCode(code: string): Buffer {
  return createHash('sha256').update(code.trim().toLowerCase().replace(/[\s]/g, '')).digest()
}
