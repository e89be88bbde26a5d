/**
 * Byte-level UTF-8 checks the decoder needs and `TextDecoder` does not give: where a chunk stops in the
 * middle of a character, and where the first invalid sequence is.
 */

/** Number of bytes a character starting with `lead` takes (0 for a byte that cannot start one). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1
  if (lead >= 0xc2 && lead <= 0xdf) return 2
  if (lead >= 0xe0 && lead <= 0xef) return 3
  if (lead >= 0xf0 && lead <= 0xf4) return 4
  return 0
}

/**
 * Where the trailing incomplete character of `bytes` starts (`bytes.length` when there is none), so that
 * a chunk cut in the middle of « é » waits for its next byte instead of being judged invalid.
 */
export function incompleteTailStart(bytes: Uint8Array): number {
  const end = bytes.length
  for (let back = 1; back <= Math.min(3, end); back++) {
    const byte = bytes[end - back]!
    if (byte >= 0x80 && byte <= 0xbf) continue
    const length = sequenceLength(byte)
    return length > back ? end - back : end
  }
  return end
}

export interface Utf8Scan {
  /** First byte not consumed: `bytes.length`, or the start of the invalid or incomplete sequence. */
  stop: number
  reason: 'end' | 'invalid' | 'incomplete'
  /** Whether a valid multi-byte character was seen before `stop`. */
  sawMultiByte: boolean
  /** How many valid multi-byte characters were seen before `stop`. */
  multiByte: number
}

/** Scans `bytes` from `from` and stops at the first sequence that is not valid UTF-8 (RFC 3629). */
export function scanUtf8(bytes: Uint8Array, from: number): Utf8Scan {
  let multiByte = 0
  const stopAt = (stop: number, reason: Utf8Scan['reason']): Utf8Scan => ({
    stop,
    reason,
    sawMultiByte: multiByte > 0,
    multiByte,
  })
  let i = from
  while (i < bytes.length) {
    const lead = bytes[i]!
    if (lead < 0x80) {
      i++
      continue
    }
    const length = sequenceLength(lead)
    if (length === 0) return stopAt(i, 'invalid')
    // Second-byte ranges that exclude overlong forms, surrogates and code points above U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return stopAt(i, 'incomplete')
      const byte = bytes[i + k]!
      const ok = k === 1 ? byte >= low && byte <= high : byte >= 0x80 && byte <= 0xbf
      if (!ok) return stopAt(i, 'invalid')
    }
    multiByte++
    i += length
  }
  return stopAt(i, 'end')
}

/** How many valid multi-byte characters, and how many bytes that start no valid character, `bytes` holds. */
export function countUtf8(bytes: Uint8Array): { multiByte: number; invalid: number } {
  let multiByte = 0
  let invalid = 0
  for (let from = 0; from < bytes.length; ) {
    const scan = scanUtf8(bytes, from)
    multiByte += scan.multiByte
    if (scan.reason === 'end') break
    invalid++
    from = scan.stop + 1
  }
  return { multiByte, invalid }
}
