import { createHmac, hkdfSync } from 'node:crypto'

/**
 * The pseudonym of a person in the usage events: an HMAC-SHA-256 of their id and the day, under a key
 * derived from the deployment's secret key, cut to 16 bytes. The key never enters the database, so the
 * database alone cannot tell whose hash it is (one cannot hash every user id to compare); the day in the
 * message makes the same person a different hash every day, so counting unique users of a day is all it
 * allows. 16 bytes keep collisions out of reach for a region (1.5 M people: ~10⁻²⁶).
 */
export function derivePseudonymKey(secretKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'preau usage pseudonyms v1', 32))
}

export function pseudonymOf(key: Buffer, userId: string, day: string): Buffer {
  return createHmac('sha256', key).update(`${day}|${userId}`).digest().subarray(0, 16)
}

const parisFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The Paris day of `now` (`yyyy-mm-dd`): a day of use is a French school day. */
export function usageDayOf(now: Date): string {
  return parisFormat.format(now)
}
