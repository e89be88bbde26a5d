import { beforeAll, describe, expect, it } from 'vitest'
import type { TextEncoding } from './decode.ts'
import type { GuardianRecord, PupilRecord } from './records.ts'
import { encodeText, readBytes, readSample, sampleText } from './test-support.ts'

/**
 * The variants of the same export seen in the field (encodings, quoting, line ends, footers, header
 * spellings of other ONDE versions, date formats, number of child blocks), each built from the real
 * sample's bytes: every one must give exactly the records of the original.
 */

const PUPILS = 'CSVExtraction-eleves.csv'
const GUARDIANS = 'CSVExtraction-responsables.csv'

/** Each cell of the header line (the first line) through `rename`; the data lines untouched. */
function renameHeaders(text: string, rename: (header: string) => string): string {
  const end = text.search(/\r\n|\n|\r/)
  const header = text.slice(0, end).split(';')
  return [header.map(rename).join(';'), text.slice(end)].join('')
}

/** ONDE's `"2006-08-17"` as `"17/08/2006"`. */
function dayFirstDates(text: string): string {
  return text.replace(/"(\d{4})-(\d{2})-(\d{2})"/g, '"$3/$2/$1"')
}

describe('the pupils export, however it was saved', () => {
  let original: PupilRecord[]
  beforeAll(async () => {
    original = (await readSample('pupils')).records
    expect(original).toHaveLength(247)
  })

  /** Reads a variant of the pupils sample and checks it gives the original records, and no anomaly. */
  async function expectSamePupils(bytes: Buffer, encoding?: TextEncoding, chunkSize?: number) {
    const result = await readBytes(bytes, PUPILS, chunkSize ? { chunkSize } : {})
    expect(result.kind).toBe('pupils')
    if (encoding) expect(result.encoding).toBe(encoding)
    expect(result.anomalies).toEqual([])
    expect(result.records).toEqual(original)
  }

  it.each([
    ['utf-8', 'utf-8'],
    ['utf-8-bom', 'utf-8-bom'],
    ['windows-1252', 'windows-1252'],
    ['latin1', 'windows-1252'],
    ['utf-16le', 'utf-16le'],
    ['utf-16be', 'utf-16be'],
  ] as const)('in %s', async (encoding, read) => {
    await expectSamePupils(encodeText(sampleText('pupils'), encoding), read)
  })

  it('in UTF-8 with its BOM, received one byte at a time', async () => {
    await expectSamePupils(encodeText(sampleText('pupils'), 'utf-8-bom'), 'utf-8-bom', 1)
  })

  it('unquoted', async () => {
    await expectSamePupils(encodeText(sampleText('pupils').replaceAll('"', ''), 'latin1'))
  })

  it('with LF, CR or CRLF line ends, and blank lines at the end', async () => {
    const text = sampleText('pupils')
    for (const variant of [
      text.replaceAll('\r\n', '\n'),
      text.replaceAll('\r\n', '\r'),
      `${text}\r\n\r\n\r\n`,
    ]) {
      await expectSamePupils(encodeText(variant, 'latin1'))
    }
  })

  it('with a footer line: the pupils count, an export date', async () => {
    const footers = [
      '"Nombre d\'élèves : 247"',
      'Nombre d’élèves : 247;;;;',
      '"Total";"247"',
      'Extraction du 12/09/2024 à 10:32',
      '12/09/2024 10:32',
      '247',
    ]
    for (const footer of footers) {
      const bytes = encodeText(`${sampleText('pupils')}\r\n${footer}\r\n`, 'utf-8')
      const result = await readBytes(bytes, PUPILS)
      expect(result.records).toEqual(original)
      expect(result.anomalies).toEqual([
        expect.objectContaining({ line: 249, code: 'ignored-footer', outcome: 'row-dropped' }),
      ])
    }
    const twoFooters = `${sampleText('pupils')}\r\n\r\nNombre d'élèves : 247\r\nEdité le 12/09/2024\r\n`
    const result = await readBytes(encodeText(twoFooters, 'latin1'), PUPILS)
    expect(result.records).toEqual(original)
    expect(result.anomalies.map((anomaly) => [anomaly.line, anomaly.code])).toEqual([
      [250, 'ignored-footer'],
      [251, 'ignored-footer'],
    ])
  })

  it('with the headers of other ONDE versions', async () => {
    const renames: Record<string, string> = {
      '"Nom Elève"': '"Nom de famille élève"',
      '"Date naissance"': '"Né(e) le"',
      '"Classe"': '"Libellé classe"',
    }
    const text = renameHeaders(sampleText('pupils'), (header) => renames[header] ?? header)
    expect(text.slice(0, 80)).toContain('Nom de famille élève')
    await expectSamePupils(encodeText(text, 'latin1'))
  })

  it('with headers in any case, with or without accents, extra spaces or a trailing *', async () => {
    const spellings = [
      (header: string) => header.toUpperCase(),
      (header: string) => header.toLowerCase(),
      (header: string) => header.normalize('NFD').replace(/\p{M}/gu, ''),
      (header: string) => header.replace(/^"(.*)"$/, '"  $1  "').replaceAll(' ', '   '),
      (header: string) => header.replace(/^"(.*)"$/, '"$1*"'),
      (header: string) => header.replace(/^"(.*)"$/, '"$1 *"').replaceAll("'", '’'),
    ]
    for (const spell of spellings) {
      await expectSamePupils(encodeText(renameHeaders(sampleText('pupils'), spell), 'utf-8'))
    }
  })

  it('with dates as dd/mm/yyyy', async () => {
    const text = dayFirstDates(sampleText('pupils'))
    expect(text).toContain('"17/08/2006"')
    await expectSamePupils(encodeText(text, 'latin1'))
  })

  it('with everything at once: UTF-8 BOM, unquoted, LF, other headers, dd/mm/yyyy, a footer', async () => {
    let text = renameHeaders(dayFirstDates(sampleText('pupils')), (header) =>
      header === '"Date naissance"' ? 'NÉ(E) LE *' : header.toUpperCase(),
    )
    text = `${text.replaceAll('"', '').replaceAll('\r\n', '\n')}\nNombre d'élèves : 247\n`
    const result = await readBytes(encodeText(text, 'utf-8-bom'), PUPILS, { chunkSize: 333 })
    expect(result.records).toEqual(original)
    expect(result.anomalies.map((anomaly) => [anomaly.line, anomaly.code])).toEqual([[249, 'ignored-footer']])
  })
})

describe('the guardians export, however it was saved', () => {
  let original: GuardianRecord[]
  beforeAll(async () => {
    original = (await readSample('guardians')).records
    expect(original).toHaveLength(469)
  })

  const lines = () => sampleText('guardians').replace(/\n$/, '').split('\n')

  async function readGuardians(text: string, encoding: 'latin1' | 'utf-8' | 'utf-8-bom' = 'latin1') {
    const result = await readBytes(encodeText(text, encoding), GUARDIANS)
    expect(result.kind).toBe('guardians')
    expect(result.anomalies).toEqual([])
    return result.records
  }

  it('quoted, with CRLF, in UTF-8 with or without BOM', async () => {
    const quoted = lines()
      .map((line) =>
        line
          .split(';')
          .map((cell) => `"${cell}"`)
          .join(';'),
      )
      .join('\r\n')
    expect(await readGuardians(quoted)).toEqual(original)
    expect(await readGuardians(lines().join('\r\n'), 'utf-8')).toEqual(original)
    expect(await readGuardians(quoted, 'utf-8-bom')).toEqual(original)
  })

  it('with other spellings of the child columns', async () => {
    const renames: Record<string, string> = {
      'Nom de famille enfant': 'NOM ENFANT*',
      'Prénom enfant': 'Prenom  enfant',
      'Classes enfants': 'Classe enfant',
      "Nom d'usage enfant": 'Nom d’usage enfant',
    }
    const text = renameHeaders(lines().join('\n'), (header) => renames[header] ?? header)
    expect(await readGuardians(text)).toEqual(original)
  })

  /** The sample with `blocks` child blocks: extra blocks empty, or only guardians with that few children. */
  function withBlocks(blocks: number): { text: string; expected: GuardianRecord[] } {
    const [header, ...rows] = lines().map((line) => line.split(';'))
    const parent = (cells: string[]) => cells.slice(0, 12)
    const block = (cells: string[], n: number) => cells.slice(12 + 4 * n, 16 + 4 * n)
    const emptyBlock = ['', '', '', '']
    const reshape = (cells: string[], filler: string[]) =>
      [
        ...parent(cells),
        ...Array.from({ length: blocks }, (_, n) => (n < 3 ? block(cells, n) : filler)).flat(),
      ].join(';')
    const kept = rows.flatMap((cells, i) => (original[i]!.children.length <= blocks ? [cells] : []))
    const expected = original
      .filter((guardian) => guardian.children.length <= blocks)
      .map((guardian, i) => ({ ...guardian, line: i + 2 }))
    return {
      text: [reshape(header!, block(header!, 0)), ...kept.map((cells) => reshape(cells, emptyBlock))].join(
        '\n',
      ),
      expected,
    }
  }

  it.each([1, 2, 3, 4, 5])('with %i child blocks', async (blocks) => {
    const { text, expected } = withBlocks(blocks)
    const records = await readGuardians(text)
    expect(records).toEqual(expected)
    expect(records.length).toBe(blocks === 1 ? 450 : blocks === 2 ? 466 : 469)
  })

  it('with a child written in a later block than the first', async () => {
    const [header, ...rows] = lines()
    // Line 3, ALBERT Norbert: his only child moved from the first block to the third.
    const cells = rows[1]!.split(';')
    const moved = [...cells.slice(0, 12), '', '', '', '', '', '', '', '', ...cells.slice(12, 16)].join(';')
    const records = await readGuardians([header, rows[0], moved, ...rows.slice(2)].join('\n'))
    expect(records).toEqual(original)
  })
})

describe('the other files, however they were saved', () => {
  it('reads the teachers file unquoted, in UTF-8 with LF', async () => {
    const original = await readSample('teachers')
    const text = sampleText('teachers').replaceAll('"', '').replaceAll('\r\n', '\n')
    const result = await readBytes(encodeText(text, 'utf-8'), 'CSVExtraction-enseignants.csv')
    expect(result.anomalies).toEqual([])
    expect(result.records).toEqual(original.records)
  })

  it('reads the school directory in Windows-1252 and with CRLF', async () => {
    const original = await readSample('schools')
    const text = sampleText('schools').replaceAll('\n', '\r\n')
    const result = await readBytes(
      encodeText(text, 'windows-1252'),
      'annuaire_education_ecoles_npdc_sample.csv',
    )
    expect(result.encoding).toBe('windows-1252')
    expect(result.anomalies).toEqual([])
    expect(result.records).toEqual(original.records)
  })
})
