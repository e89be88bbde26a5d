import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import iconv from 'iconv-lite'
import { expect } from 'vitest'
import { describeAnomaly, type ImportAnomaly } from './anomalies.ts'
import { ImportFileError } from './errors.ts'
import type { FileKind } from './file-kinds.ts'
import { type ReadFileOptions, readImportFile } from './read-file.ts'

/** Helpers of the parsing tests: the real sample files, byte streams built from them, common checks. */

// Real files, byte for byte (see fixtures/README.md).
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')

const SAMPLES = {
  pupils: path.join(FIXTURES, 'CSVExtraction-eleves.csv'),
  guardians: path.join(FIXTURES, 'CSVExtraction-responsables.csv'),
  teachers: path.join(FIXTURES, 'CSVExtraction-enseignants.csv'),
  templatePupils: path.join(FIXTURES, 'fr_CSV_Eleves.csv'),
  templateParents: path.join(FIXTURES, 'fr_CSV_Parents.csv'),
  templateTeachers: path.join(FIXTURES, 'fr_CSV_Enseignants.csv'),
  templateStaff: path.join(FIXTURES, 'fr_CSV_Personnels.csv'),
  templateGuests: path.join(FIXTURES, 'fr_CSV_Invites.csv'),
  schools: path.join(FIXTURES, 'annuaire_education_ecoles_npdc_sample.csv'),
  ips: path.join(FIXTURES, 'ips_ecoles_academie_lille_2021-2022_sample.csv'),
} as const

export type SampleName = keyof typeof SAMPLES

/** The kind each sample is read as (the guests template and the IPS data set are refused). */
const SAMPLE_KINDS = {
  pupils: 'pupils',
  guardians: 'guardians',
  teachers: 'teachers',
  templatePupils: 'pupils',
  templateParents: 'guardians',
  templateTeachers: 'teachers',
  templateStaff: 'teachers',
  templateGuests: 'teachers',
  schools: 'schools',
  ips: 'schools',
} as const satisfies Record<SampleName, FileKind>

/** The bytes of a sample file, as found on disk. */
export function sampleBytes(name: SampleName): Buffer {
  return readFileSync(SAMPLES[name])
}

/** The file name of a sample, as the user would know it. */
function sampleFile(name: SampleName): string {
  return path.basename(SAMPLES[name])
}

/** The text of a sample (the ONDE and template samples are ISO-8859-1, the directory UTF-8). */
export function sampleText(name: SampleName): string {
  const bytes = sampleBytes(name)
  return name === 'schools' || name === 'ips' ? bytes.toString('utf8') : bytes.toString('latin1')
}

/** Text as the bytes of an encoding, a BOM first for `utf-8-bom` and the UTF-16 ones. */
export function encodeText(
  text: string,
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'latin1' | 'utf-16le' | 'utf-16be',
): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8')
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
    case 'latin1':
      return Buffer.from(text, 'latin1')
    case 'windows-1252':
      return iconv.encode(text, 'windows-1252')
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')])
  }
}

/** A byte stream of `bytes` in chunks of `size` bytes (a file upload arrives like this). */
export async function* chunked(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size)
}

const MAX_BYTES = 50 * 1024 * 1024

/** Reads bytes as a file of that name (50 MB limit unless said otherwise). */
export function readBytes<K extends FileKind>(
  bytes: Uint8Array,
  file: string,
  options: Partial<ReadFileOptions> & { expectedKind?: K; chunkSize?: number } = {},
) {
  const { chunkSize, ...rest } = options
  return readImportFile<K>(chunked(bytes, chunkSize), { file, maxBytes: MAX_BYTES, ...rest })
}

/** Reads a sample file as it is on disk (typed as the kind it is read as, or the one expected). */
export function readSample<N extends SampleName, K extends FileKind = (typeof SAMPLE_KINDS)[N]>(
  name: N,
  expectedKind?: K,
) {
  return readBytes<K>(sampleBytes(name), sampleFile(name), expectedKind ? { expectedKind } : {})
}

/** The `ImportFileError` a read rejects with (the test fails when it resolves or throws anything else). */
export async function fileError(reading: Promise<unknown>): Promise<ImportFileError> {
  try {
    await reading
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError)
    return error as ImportFileError
  }
  throw new Error('the file was read, a refusal was expected')
}

// French typography (guillemets, curly apostrophe), accented letters or common French words.
const FRENCH_SIGNS = /[«’éèêàç]|\b(les?|la|des?|du|pour|sont|ligne|fichier|colonnes?|valeurs?)\b/
const TECHNICAL_LEAKS = /undefined|null\b|NaN|\[object|Error:|TypeError|\bat line\b/

/** A message meant for a director: French, plain, non-empty. */
export function expectFrenchMessage(message: string): void {
  expect(message.trim()).not.toBe('')
  expect(message).toMatch(FRENCH_SIGNS)
  expect(message).not.toMatch(TECHNICAL_LEAKS)
}

/** A file error's message: French, naming the file and, when the error has one, its line. */
export function expectFileErrorMessage(error: ImportFileError, file: string): void {
  expectFrenchMessage(error.message)
  expect(error.file).toBe(file)
  expect(error.message).toContain(`« ${file} »`)
  if (error.line !== null) expect(error.message).toContain(`ligne ${error.line}`)
}

/** An anomaly: French message, its file, a line; as a sentence it names both. */
export function expectAnomalyMessage(anomaly: ImportAnomaly, file: string): void {
  expectFrenchMessage(anomaly.message)
  expect(anomaly.file).toBe(file)
  expect(Number.isInteger(anomaly.line) && anomaly.line >= 1).toBe(true)
  const sentence = describeAnomaly(anomaly)
  expect(sentence).toContain(`« ${file} »`)
  expect(sentence).toContain(`ligne ${anomaly.line}`)
}

/** Physical lines of a text: line breaks of any kind, plus one. */
export function countLines(text: string): number {
  return (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1
}
