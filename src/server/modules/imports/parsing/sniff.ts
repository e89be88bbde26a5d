import { ImportFileError } from './errors.ts'

/**
 * Refuses, from the first bytes, what is not a text file: known binary formats by their magic number,
 * then any NUL character or a high share of control characters (a renamed image, archive, executable…).
 */

interface MagicNumber {
  bytes: readonly number[]
  /** What the file is, in French, after « c’est ». */
  what: string
  /** What to do instead, in French. */
  advice: string
}

const EXPORT_AS_CSV =
  'Enregistrez les données au format CSV (séparateur point-virgule) et déposez ce fichier-là.'
const SAVE_SHEET_AS_CSV =
  'Ouvrez-le dans votre tableur et enregistrez-le au format « CSV (séparateur : point-virgule) ».'

const MAGIC_NUMBERS: readonly MagicNumber[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'un document PDF', advice: EXPORT_AS_CSV },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: 'une archive ZIP ou un classeur (Excel .xlsx, LibreOffice .ods)',
    advice: SAVE_SHEET_AS_CSV,
  },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    what: 'un classeur Excel 97-2003 (.xls) ou un document Word (.doc)',
    advice: SAVE_SHEET_AS_CSV,
  },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'une image PNG', advice: EXPORT_AS_CSV },
  { bytes: [0xff, 0xd8, 0xff], what: 'une image JPEG', advice: EXPORT_AS_CSV },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'une image GIF', advice: EXPORT_AS_CSV },
  { bytes: [0x1f, 0x8b], what: 'une archive compressée (gzip)', advice: EXPORT_AS_CSV },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'une archive 7-Zip', advice: EXPORT_AS_CSV },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'une archive RAR', advice: EXPORT_AS_CSV },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'un programme (ELF)', advice: EXPORT_AS_CSV },
  {
    bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74],
    what: 'une base de données SQLite',
    advice: EXPORT_AS_CSV,
  },
]

/** Above this share of control characters in the sample, the file is binary, whatever its name. */
const MAX_CONTROL_SHARE = 0.01

/** Throws `not-a-text-file` when the first bytes are those of a known binary format. */
export function refuseKnownBinaryFormats(sample: Uint8Array, file: string): void {
  for (const magic of MAGIC_NUMBERS) {
    if (magic.bytes.length <= sample.length && magic.bytes.every((byte, i) => sample[i] === byte)) {
      throw new ImportFileError(
        'not-a-text-file',
        file,
        `« ${file} » n’est pas un fichier CSV : c’est ${magic.what}. ${magic.advice}`,
      )
    }
  }
}

/**
 * Throws `not-a-text-file` when the decoded sample holds a NUL character or more than 1 % of control
 * characters other than tabulation, line feed, carriage return and form feed: text exports have none.
 */
export function refuseControlCharacters(sampleText: string, file: string): void {
  let controls = 0
  for (let i = 0; i < sampleText.length; i++) {
    const code = sampleText.charCodeAt(i)
    if (code === 0) {
      throw new ImportFileError(
        'not-a-text-file',
        file,
        `« ${file} » n’est pas un fichier texte : il contient des octets nuls (fichier binaire renommé en .csv, ou texte UTF-16 sans marque d’ordre des octets). ${EXPORT_AS_CSV}`,
      )
    }
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0x7f) {
      controls++
    }
  }
  if (sampleText.length > 0 && controls / sampleText.length > MAX_CONTROL_SHARE) {
    throw new ImportFileError(
      'not-a-text-file',
      file,
      `« ${file} » n’est pas un fichier texte : il contient trop de caractères de contrôle (fichier binaire renommé en .csv ?). ${EXPORT_AS_CSV}`,
    )
  }
}
