import fc from 'fast-check'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { ANOMALY_CODES } from './anomalies.ts'
import { detectEncoding } from './decode.ts'
import { FILE_ERROR_CODES, ImportFileError } from './errors.ts'
import { FILE_KINDS } from './file-kinds.ts'
import { readImportFile } from './read-file.ts'
import {
  chunked,
  countLines,
  encodeText,
  expectFileErrorMessage,
  expectFrenchMessage,
  type SampleName,
  sampleText,
} from './test-support.ts'

/**
 * Whatever bytes arrive, reading either gives records and anomalies that point at real lines of the file,
 * or refuses the file with an `ImportFileError` in French that names it — never any other exception.
 * Inputs: the real samples in random encodings, damaged by random mutations, cut in random chunks.
 */

const SAMPLE_NAMES: SampleName[] = [
  'pupils',
  'guardians',
  'teachers',
  'templateParents',
  'templateTeachers',
  'schools',
]
const ENCODINGS = ['latin1', 'utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le', 'utf-16be'] as const
const FILE_NAMES = ['eleves.csv', 'Responsables 2025 (école Zola).csv', 'export', 'données.CSV']

/** Byte sequences that stress a CSV reader: quoting, separators, line ends, NULs, BOMs, broken UTF-8. */
const TOKENS = ['"', '""', ';', ',', '\t', '\r', '\n', '\r\n', '\uFEFF', 'é', '"a;b"', ' ', '*'].map(
  (token) => Buffer.from(token, 'utf8'),
)
const RAW_TOKENS = [[0xe9], [0xc3], [0xff, 0xfe], [0xef, 0xbb, 0xbf], [0x80], [0xf0, 0x9f, 0x98], [0]].map(
  (bytes) => Buffer.from(bytes),
)

type Mutation =
  | { type: 'delete'; at: number; length: number }
  | { type: 'duplicate'; at: number; length: number }
  | { type: 'insert'; at: number; bytes: Uint8Array }
  | { type: 'token'; at: number; token: number; raw: boolean }
  | { type: 'replace'; at: number; byte: number }
  | { type: 'truncate'; at: number }

// Unbiased: fast-check favours small numbers, which would put every mutation in the header.
const position = fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((n) => n / 1_000_000)
// Mostly local damage, so that many inputs still read as their kind; rarely a cut or a NUL-like blow.
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('delete' as const),
      at: position,
      length: fc.integer({ min: 1, max: 400 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('duplicate' as const),
      at: position,
      length: fc.integer({ min: 1, max: 400 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('insert' as const),
      at: position,
      bytes: fc.uint8Array({ maxLength: 12 }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('token' as const),
      at: position,
      token: fc.nat({ max: TOKENS.length - 1 }),
      raw: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('replace' as const),
      at: position,
      byte: fc.integer({ min: 0, max: 255 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('truncate' as const), at: position }) },
)

function mutate(input: Buffer, mutations: readonly Mutation[]): Buffer {
  let bytes = input
  for (const change of mutations) {
    const at = Math.floor(change.at * bytes.length)
    switch (change.type) {
      case 'delete':
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + change.length)])
        break
      case 'duplicate':
        bytes = Buffer.concat([bytes.subarray(0, at + change.length), bytes.subarray(at)])
        break
      case 'insert':
        bytes = Buffer.concat([bytes.subarray(0, at), change.bytes, bytes.subarray(at)])
        break
      case 'token': {
        const tokens = change.raw ? RAW_TOKENS : TOKENS
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          tokens[change.token % tokens.length]!,
          bytes.subarray(at),
        ])
        break
      }
      case 'replace':
        bytes = Buffer.from(bytes)
        if (at < bytes.length) bytes[at] = change.byte
        break
      case 'truncate':
        bytes = bytes.subarray(0, at)
        break
    }
  }
  return bytes
}

/** The lines the file has in the encoding it was read in (line breaks are ASCII bytes outside UTF-16). */
function linesIn(bytes: Buffer, encoding: string): number {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return countLines(iconv.decode(bytes, encoding))
  return countLines(bytes.toString('latin1'))
}

/** The physical lines of the file when line breaks are single bytes (every encoding but UTF-16). */
function byteLines(bytes: Buffer): string[] {
  return bytes.toString('latin1').split(/\r\n|\r|\n/)
}

/** The most lines the file can have, whichever encoding it is read in. */
function mostLines(bytes: Buffer): number {
  return Math.max(linesIn(bytes, 'latin1'), linesIn(bytes, 'utf-16le'), linesIn(bytes, 'utf-16be'))
}

interface Case {
  bytes: Buffer
  file: string
  chunkSize: number
  maxBytes: number
}

/** Reads one input and checks the property; returns what happened, for the statistics. */
async function checkReading({ bytes, file, chunkSize, maxBytes }: Case): Promise<string> {
  let result: Awaited<ReturnType<typeof readImportFile>>
  try {
    result = await readImportFile(chunked(bytes, chunkSize), { file, maxBytes })
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error
    expect(FILE_ERROR_CODES).toContain(error.code)
    expectFileErrorMessage(error, file)
    if (error.line !== null) {
      expect(error.line).toBeGreaterThanOrEqual(1)
      expect(error.line).toBeLessThanOrEqual(mostLines(bytes))
    }
    // The line named is the one the quote opens on, not an earlier one.
    if (error.code === 'unclosed-quote' && !/^utf-16/.test(detectEncoding(bytes, true))) {
      expect(byteLines(bytes)[error.line! - 1]).toContain('"')
    }
    return error.code
  }
  expect(FILE_KINDS).toContain(result.kind)
  const lines = linesIn(bytes, result.encoding)
  for (const anomaly of result.anomalies) {
    expect(ANOMALY_CODES).toContain(anomaly.code)
    expect(anomaly.file).toBe(file)
    expect(Number.isInteger(anomaly.line)).toBe(true)
    expect(anomaly.line).toBeGreaterThanOrEqual(1)
    expect(anomaly.line).toBeLessThanOrEqual(lines)
    expectFrenchMessage(anomaly.message)
  }
  const physical = /^utf-16/.test(result.encoding) ? null : byteLines(bytes)
  let previous = 0
  for (const record of result.records) {
    // A record starts on a line that holds something.
    if (physical) expect(physical[record.line - 1]!.trim()).not.toBe('')
    expect(record.file).toBe(file)
    expect(Number.isInteger(record.line)).toBe(true)
    // In file order, one record per line at most, and never on the header line.
    expect(record.line).toBeGreaterThan(Math.max(previous, 1))
    expect(record.line).toBeLessThanOrEqual(lines)
    previous = record.line
  }
  return result.records.length > 0 ? 'records' : 'rejected'
}

const sampleCase: fc.Arbitrary<Case> = fc
  .record({
    sample: fc.constantFrom(...SAMPLE_NAMES),
    // UTF-16 is rare in the field, and any odd shift of its bytes makes a file of NULs: less of it.
    encoding: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...ENCODINGS.slice(0, 4)) },
      { weight: 1, arbitrary: fc.constantFrom(...ENCODINGS.slice(4)) },
    ),
    mutations: fc.array(mutation, { maxLength: 6 }),
    file: fc.constantFrom(...FILE_NAMES),
    chunkSize: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 65, max: 70_000 })),
    smallLimit: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  })
  .map(({ sample, encoding, mutations, file, chunkSize, smallLimit }) => {
    const bytes = mutate(
      encodeText(sampleText(sample), encoding === 'windows-1252' ? 'latin1' : encoding),
      mutations,
    )
    // Tiny chunks only for small inputs: a byte at a time through 40 KB is slow and proves nothing more.
    const size = bytes.length > 4000 ? Math.max(chunkSize, 512) : chunkSize
    return { bytes, file, chunkSize: size, maxBytes: smallLimit ? 20_000 : 10_000_000 }
  })

/** Small CSV-looking texts built from the characters that matter, in any encoding. */
const csvLikeCase: fc.Arbitrary<Case> = fc
  .record({
    header: fc.constantFrom(
      'Nom élève;Prénom élève;Date naissance;Classe;Niveau',
      'Nom;Prénom;Classe',
      'Nom responsable;Prénom responsable;Nom de famille enfant;Prénom enfant;Classes enfants',
      'identifiant_de_l_etablissement;nom_etablissement;code_commune;ecole_maternelle;ecole_elementaire',
      '',
    ),
    body: fc.array(
      fc.constantFrom(
        '"',
        ';',
        '\r',
        '\n',
        'é',
        'A',
        'b',
        '1',
        '/',
        '2015',
        'CM1',
        '0590318A',
        ' ',
        ',',
        '\t',
        '-',
      ),
      { maxLength: 300 },
    ),
    encoding: fc.constantFrom(...ENCODINGS),
    chunkSize: fc.integer({ min: 1, max: 200 }),
  })
  .map(({ header, body, encoding, chunkSize }) => ({
    bytes: encodeText(`${header}\n${body.join('')}`, encoding === 'windows-1252' ? 'latin1' : encoding),
    file: 'saisie.csv',
    chunkSize,
    maxBytes: 1_000_000,
  }))

describe('reading any bytes', () => {
  it('damaged samples: records and anomalies on real lines, or a French refusal naming the file', async () => {
    const outcomes = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(sampleCase, async (input) => {
        const outcome = await checkReading(input)
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
      }),
      { numRuns: 150 },
    )
    // Both ways are exercised: damaged files that still give records, and refused ones.
    const refused = [...outcomes].filter(([outcome]) => FILE_ERROR_CODES.includes(outcome as never))
    expect(outcomes.get('records') ?? 0).toBeGreaterThanOrEqual(10)
    expect(refused.reduce((sum, [, count]) => sum + count, 0)).toBeGreaterThanOrEqual(10)
  })

  it('random CSV-like text', async () => {
    await fc.assert(
      fc.asyncProperty(csvLikeCase, async (input) => {
        await checkReading(input)
      }),
      { numRuns: 300 },
    )
  })

  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.integer({ min: 1, max: 500 }),
        async (bytes, chunkSize) => {
          await checkReading({
            bytes: Buffer.from(bytes),
            file: 'aléatoire.csv',
            chunkSize,
            maxBytes: 1_000_000,
          })
        },
      ),
      { numRuns: 200 },
    )
  })
})
