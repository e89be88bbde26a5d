import iconv from 'iconv-lite'
import { formatBytes, ImportFileError } from './errors.ts'
import { refuseControlCharacters, refuseKnownBinaryFormats } from './sniff.ts'
import { countUtf8, incompleteTailStart, scanUtf8 } from './utf8.ts'

/**
 * Bytes → text, for whole buffers and for streams. The encoding is decided from the first 64 KB: a BOM
 * (UTF-8, UTF-16), else UTF-8 when those bytes are valid UTF-8 — or hold more UTF-8 characters than
 * invalid bytes —, else Windows-1252 (the superset of ISO-8859-1 that Excel and ONDE write: « é » is one
 * byte there, never valid UTF-8 on its own).
 *
 * When UTF-8 was chosen and a byte proves it wrong: if no UTF-8 character came before it nor is in the
 * first 64 KB, decoding switches to Windows-1252 for the rest of the file — exactly what choosing it at
 * first would have given, since both read ASCII alike. Otherwise the file mixes two encodings: the faulty
 * bytes are read as Windows-1252 and a `mixed-encoding` notice names the first line concerned.
 */

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be'

/** How many bytes decide the encoding and are sniffed for binary content. */
export const SNIFF_BYTES = 64 * 1024

/** What the decoder noticed after its decision, for the reader to report. */
export type DecodeNotice = { type: 'switched-to-windows-1252' } | { type: 'mixed-encoding'; line: number }

export interface DecodeOptions {
  /** The file's name, for messages. */
  file: string
  /** Larger files are refused (`file-too-large`). */
  maxBytes: number
  onNotice?: (notice: DecodeNotice) => void
}

const UTF8_BOM = [0xef, 0xbb, 0xbf]

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((byte, i) => bytes[i] === byte)
}

/**
 * The encoding of a file from its first bytes. `complete` says the sample is the whole file (so a
 * character cut at its end is an error, not the start of the next chunk).
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): TextEncoding {
  if (startsWith(sample, UTF8_BOM)) return 'utf-8-bom'
  if (startsWith(sample, [0xff, 0xfe])) return 'utf-16le'
  if (startsWith(sample, [0xfe, 0xff])) return 'utf-16be'
  const end = complete ? sample.length : incompleteTailStart(sample)
  // Mostly UTF-8 characters with a few stray bytes is a UTF-8 file edited elsewhere (mixed): reading it
  // all as Windows-1252 would garble every accent of it, headers included. In a Windows-1252 file, an
  // accent followed by a symbol that happens to form a UTF-8 character is rare next to its plain accents.
  const { multiByte, invalid } = countUtf8(sample.subarray(0, end))
  return invalid === 0 || multiByte > invalid ? 'utf-8' : 'windows-1252'
}

/** Whether the first bytes hold UTF-8 characters (a BOM aside): an invalid byte then makes a mixed file. */
function holdsUtf8(sample: Uint8Array): boolean {
  const start = startsWith(sample, UTF8_BOM) ? UTF8_BOM.length : 0
  return countUtf8(sample.subarray(start, Math.max(start, incompleteTailStart(sample)))).multiByte > 0
}

/** A chunk-by-chunk decoder; `encoding` reflects a switch to Windows-1252 once it happened. */
interface ChunkDecoder {
  readonly encoding: TextEncoding
  write(bytes: Uint8Array): string
  end(): string
}

function iconvName(encoding: TextEncoding): string {
  return encoding === 'utf-16le' ? 'utf-16le' : encoding === 'utf-16be' ? 'utf-16be' : 'windows-1252'
}

/**
 * A decoder for `encoding`; UTF-8 ones fall back to Windows-1252 as the module comment says. `knownUtf8`:
 * the file is known to hold UTF-8 characters (its first bytes do), so an invalid byte met before the first
 * of them is a mixed file too, not a reason to read the whole file as Windows-1252.
 */
function createChunkDecoder(
  encoding: TextEncoding,
  onNotice?: (notice: DecodeNotice) => void,
  knownUtf8 = false,
): ChunkDecoder {
  if (encoding !== 'utf-8' && encoding !== 'utf-8-bom') {
    // iconv-lite strips a UTF-16 BOM itself.
    const decoder = iconv.getDecoder(iconvName(encoding))
    return {
      encoding,
      write: (bytes) => decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
      end: () => decoder.end() ?? '',
    }
  }
  return createUtf8Decoder(encoding, onNotice, knownUtf8)
}

function createUtf8Decoder(
  initial: TextEncoding,
  onNotice: ((notice: DecodeNotice) => void) | undefined,
  knownUtf8: boolean,
): ChunkDecoder {
  const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true })
  let legacy: ReturnType<typeof iconv.getDecoder> | null = null
  let pending = new Uint8Array(0)
  let bomToSkip = initial === 'utf-8-bom' ? 3 : 0
  let sawMultiByte = knownUtf8
  let mixedReported = false
  let newlines = 0

  const countNewlines = (text: string): number => {
    let count = 0
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++
    return count
  }

  const decodeComplete = (bytes: Uint8Array): string => {
    try {
      const text = fatal.decode(bytes)
      if (text.length !== bytes.length) sawMultiByte = true
      return text
    } catch {
      // Slow path, only for the chunk that holds an invalid sequence.
    }
    let text = ''
    let from = 0
    while (from < bytes.length) {
      const scan = scanUtf8(bytes, from)
      text += lenient.decode(bytes.subarray(from, scan.stop))
      sawMultiByte ||= scan.sawMultiByte
      if (scan.reason === 'end') break
      if (!sawMultiByte) {
        legacy = iconv.getDecoder('windows-1252')
        onNotice?.({ type: 'switched-to-windows-1252' })
        return text + legacy.write(Buffer.from(bytes.subarray(scan.stop)))
      }
      if (!mixedReported) {
        mixedReported = true
        onNotice?.({ type: 'mixed-encoding', line: newlines + countNewlines(text) + 1 })
      }
      text += iconv.decode(Buffer.from([bytes[scan.stop]!]), 'windows-1252')
      from = scan.stop + 1
    }
    return text
  }

  const decoder: ChunkDecoder = {
    get encoding(): TextEncoding {
      return legacy ? 'windows-1252' : initial
    },
    write(chunk: Uint8Array): string {
      let bytes = chunk
      if (bomToSkip > 0) {
        const skipped = Math.min(bomToSkip, bytes.length)
        bytes = bytes.subarray(skipped)
        bomToSkip -= skipped
      }
      if (legacy) return legacy.write(Buffer.from(bytes))
      if (pending.length > 0) bytes = concatBytes([pending, bytes])
      const cut = incompleteTailStart(bytes)
      pending = bytes.slice(cut)
      let text = decodeComplete(bytes.subarray(0, cut))
      // The decoder may have switched in the middle: the held tail belongs to the legacy decoder now.
      if (legacy && pending.length > 0) {
        text += (legacy as ReturnType<typeof iconv.getDecoder>).write(Buffer.from(pending))
        pending = new Uint8Array(0)
      }
      newlines += countNewlines(text)
      return text
    },
    end(): string {
      if (legacy) return legacy.end() ?? ''
      // A character cut by the end of the file is not UTF-8: read it like any other invalid sequence.
      const text = pending.length > 0 ? decodeComplete(pending) : ''
      pending = new Uint8Array(0)
      return legacy ? text + ((legacy as ReturnType<typeof iconv.getDecoder>).end() ?? '') : text
    },
  }
  return decoder
}

/** Concatenates byte arrays (Buffer.concat without requiring Buffers). */
function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!
  const total = parts.reduce((sum, part) => sum + part.length, 0)
  const out = new Uint8Array(total)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

function tooLarge(file: string, maxBytes: number, size: number | null): ImportFileError {
  const weight = size === null ? 'dépasse' : `pèse ${formatBytes(size)}, au-delà de`
  return new ImportFileError(
    'file-too-large',
    file,
    `« ${file} » est trop volumineux : il ${weight} la limite de ${formatBytes(maxBytes)}. Vérifiez qu’il s’agit bien du fichier attendu.`,
  )
}

/**
 * Checks the first bytes (empty, binary) and decides the encoding. `complete` says `sample` is the whole
 * file. Throws `ImportFileError` for a file that is not text.
 */
function inspectSample(sample: Uint8Array, complete: boolean, file: string): TextEncoding {
  if (sample.length === 0) {
    throw new ImportFileError('empty-file', file, `« ${file} » est vide (0 octet).`)
  }
  refuseKnownBinaryFormats(sample, file)
  const encoding = detectEncoding(sample, complete)
  const text =
    encoding === 'utf-8' || encoding === 'utf-8-bom'
      ? new TextDecoder('utf-8').decode(sample)
      : iconv.decode(Buffer.from(sample), iconvName(encoding))
  refuseControlCharacters(text, file)
  if (complete && text.trim() === '') {
    throw new ImportFileError(
      'empty-file',
      file,
      `« ${file} » est vide : il ne contient aucune ligne de texte.`,
    )
  }
  return encoding
}

/** Decodes a whole file held in memory. Throws `ImportFileError` for a file that cannot be read. */
export function decodeBytes(
  bytes: Uint8Array,
  options: DecodeOptions,
): { text: string; encoding: TextEncoding } {
  if (bytes.length > options.maxBytes) throw tooLarge(options.file, options.maxBytes, bytes.length)
  const sample = bytes.subarray(0, SNIFF_BYTES)
  const encoding = inspectSample(sample, bytes.length <= SNIFF_BYTES, options.file)
  const decoder = createChunkDecoder(encoding, options.onNotice, holdsUtf8(sample))
  const text = decoder.write(bytes) + decoder.end()
  return { text, encoding: decoder.encoding }
}

/** A stream of text decoded from a stream of bytes, and the encoding it was read in. */
export interface DecodedText {
  readonly encoding: TextEncoding
  readonly chunks: AsyncGenerator<string>
}

/**
 * Decodes a stream of bytes chunk by chunk with bounded memory: it holds at most the first 64 KB (to
 * decide) and one chunk. Reading the sample may throw `ImportFileError` here; a size over the limit found
 * later throws from `chunks`.
 */
export async function decodeText(
  source: AsyncIterable<Uint8Array | string>,
  options: DecodeOptions,
): Promise<DecodedText> {
  const iterator = source[Symbol.asyncIterator]()
  const head: Uint8Array[] = []
  let size = 0
  let done = false
  while (size < SNIFF_BYTES) {
    const next = await iterator.next()
    if (next.done) {
      done = true
      break
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
    head.push(chunk)
    size += chunk.length
    if (size > options.maxBytes) {
      await iterator.return?.()
      throw tooLarge(options.file, options.maxBytes, null)
    }
  }
  const sample = concatBytes(head)
  let encoding: TextEncoding
  try {
    encoding = inspectSample(
      sample.subarray(0, SNIFF_BYTES),
      done && sample.length <= SNIFF_BYTES,
      options.file,
    )
  } catch (error) {
    await iterator.return?.()
    throw error
  }
  const decoder = createChunkDecoder(encoding, options.onNotice, holdsUtf8(sample.subarray(0, SNIFF_BYTES)))

  async function* chunks(): AsyncGenerator<string> {
    try {
      yield decoder.write(sample)
      while (!done) {
        const next = await iterator.next()
        if (next.done) {
          done = true
          break
        }
        const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
        size += chunk.length
        if (size > options.maxBytes) throw tooLarge(options.file, options.maxBytes, null)
        const text = decoder.write(chunk)
        if (text.length > 0) yield text
      }
      const rest = decoder.end()
      if (rest.length > 0) yield rest
    } finally {
      if (!done) await iterator.return?.()
    }
  }

  return {
    get encoding() {
      return decoder.encoding
    },
    chunks: chunks(),
  }
}
