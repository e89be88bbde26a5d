import { randomFillSync } from 'node:crypto'

/**
 * Returns a generator of time-ordered UUIDs (RFC 9562 version 7), like the schema's `gen_uuid_v7()`:
 * 48 bits of Unix milliseconds, then a 26-bit counter, then 48 random bits. The counter makes ids strictly
 * increasing within a run, so every primary-key btree of the load grows at its right edge instead of
 * splitting pages all over. Ids are not part of the determinism promise: only names, logins and structure.
 */
export function createUuidV7Generator(): () => string {
  let counter = 0
  // Random bytes come from one buffer refilled now and then: one crypto call per 4,096 ids.
  const pool = Buffer.alloc(6 * 4096)
  let offset = pool.length
  let lastMs = -1
  let timePrefix = ''
  return () => {
    if (offset === pool.length) {
      randomFillSync(pool)
      offset = 0
    }
    const tail = pool.toString('hex', offset, offset + 6)
    offset += 6
    const sequence = counter
    counter = (counter + 1) & 0x3ffffff
    const now = Date.now()
    if (now !== lastMs) {
      lastMs = now
      const hex = now.toString(16).padStart(12, '0')
      timePrefix = `${hex.slice(0, 8)}-${hex.slice(8)}-7`
    }
    const high = ((sequence >>> 14) & 0xfff).toString(16).padStart(3, '0')
    const low = (0x8000 | (sequence & 0x3fff)).toString(16)
    return `${timePrefix}${high}-${low}-${tail}`
  }
}
