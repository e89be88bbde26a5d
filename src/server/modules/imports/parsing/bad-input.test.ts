import { describe, expect, it } from 'vitest'
import type { ImportAnomaly } from './anomalies.ts'
import { openImportFile, readImportFile } from './read-file.ts'
import { MAX_RECORD_CHARS } from './read-table.ts'
import {
  chunked,
  encodeText,
  expectAnomalyMessage,
  expectFileErrorMessage,
  fileError,
  readBytes,
  sampleBytes,
  sampleText,
} from './test-support.ts'

/**
 * What a director may drop by mistake: an unreadable file is refused as a whole with a French message
 * naming it (and its line when there is one); a readable file keeps its good lines and says what is wrong
 * with the others.
 */

const PUPILS = 'CSVExtraction-eleves.csv'
const GUARDIANS = 'CSVExtraction-responsables.csv'

/** The pupils sample with one line (1-based) changed by `edit`. */
function pupilsWith(line: number, edit: (text: string) => string): Buffer {
  const lines = sampleText('pupils').split('\r\n')
  lines[line - 1] = edit(lines[line - 1]!)
  return Buffer.from(lines.join('\r\n'), 'latin1')
}

/** The guardians sample with the cells of one line (1-based) changed by `edit`. */
function guardiansWith(line: number, edit: (cells: string[]) => string[]): Buffer {
  const lines = sampleText('guardians').split('\n')
  lines[line - 1] = edit(lines[line - 1]!.split(';')).join(';')
  return Buffer.from(lines.join('\n'), 'latin1')
}

/** The one anomaly of a read, checked to be a French sentence naming the file and its line. */
function onlyAnomaly(anomalies: ImportAnomaly[], file: string): ImportAnomaly {
  expect(anomalies).toHaveLength(1)
  expectAnomalyMessage(anomalies[0]!, file)
  return anomalies[0]!
}

describe('files that are not text', () => {
  it('refuses an empty file, or one of blank lines', async () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from('\r\n  \r\n\t\n'), Buffer.from([0xef, 0xbb, 0xbf])]) {
      const error = await fileError(readBytes(bytes, 'vide.csv'))
      expect(error.code).toBe('empty-file')
      expectFileErrorMessage(error, 'vide.csv')
    }
    async function* nothing(): AsyncGenerator<Uint8Array> {}
    const error = await fileError(readImportFile(nothing(), { file: 'rien.csv', maxBytes: 1000 }))
    expect(error.code).toBe('empty-file')
    expectFileErrorMessage(error, 'rien.csv')
  })

  it('refuses known binary formats renamed .csv, saying what they are', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from('IHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0', 'latin1'),
    ])
    const xlsx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0]),
      Buffer.from('[Content_Types].xml'),
    ])
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1')
    for (const [bytes, what] of [
      [png, 'image PNG'],
      [xlsx, 'Excel'],
      [xls, 'Excel 97-2003'],
      [pdf, 'PDF'],
    ] as const) {
      const error = await fileError(readBytes(bytes, 'eleves.csv'))
      expect(error.code).toBe('not-a-text-file')
      expectFileErrorMessage(error, 'eleves.csv')
      expect(error.message).toContain(what)
    }
  })

  it('refuses random bytes, NULs and UTF-16 without its byte order mark', async () => {
    let seed = 7
    const random = Buffer.alloc(4096)
    for (let i = 0; i < random.length; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      random[i] = seed % 256
    }
    random[100] = 0
    const utf16 = encodeText(sampleText('pupils'), 'utf-16le').subarray(2)
    const nulInText = Buffer.concat([
      sampleBytes('pupils').subarray(0, 500),
      Buffer.from([0]),
      Buffer.from('x'),
    ])
    for (const bytes of [random, utf16, nulInText]) {
      const error = await fileError(readBytes(bytes, 'donnees.csv'))
      expect(error.code).toBe('not-a-text-file')
      expectFileErrorMessage(error, 'donnees.csv')
    }
  })

  it('refuses text full of control characters', async () => {
    const bytes = Buffer.from('Nom;Prénom\x01\x02\x03\x04\x05\nA;B\n')
    const error = await fileError(readBytes(bytes, 'controle.csv'))
    expect(error.code).toBe('not-a-text-file')
    expectFileErrorMessage(error, 'controle.csv')
  })
})

describe('files too large', () => {
  it('refuses a file over the limit received in one piece', async () => {
    const error = await fileError(readBytes(sampleBytes('pupils'), PUPILS, { maxBytes: 10_000 }))
    expect(error.code).toBe('file-too-large')
    expectFileErrorMessage(error, PUPILS)
    expect(error.message).toContain('9,8 ko')
  })

  it('stops a 200 MB stream soon after 50 MB, without pulling the rest', async () => {
    const MB = 1024 * 1024
    const chunkSize = 64 * 1024
    let pulled = 0
    let released = false
    // Valid rows, long ones so the test spends its time reading rather than building records.
    const row = Buffer.from(`DUPONT;Léa;01/09/2016;CP;${'x'.repeat(chunkSize - 30)}\n`)
    async function* twoHundredMegabytes(): AsyncGenerator<Uint8Array> {
      try {
        yield Buffer.from('Nom élève;Prénom élève;Date naissance;Classe;Remarques\n')
        while (pulled < 200 * MB) {
          pulled += row.length
          yield row
        }
      } finally {
        released = true
      }
    }
    const opened = await openImportFile(twoHundredMegabytes(), { file: 'enorme.csv', maxBytes: 50 * MB })
    let records = 0
    const error = await fileError(
      (async () => {
        for await (const item of opened.items) if (item.type === 'record') records++
      })(),
    )
    expect(error.code).toBe('file-too-large')
    expectFileErrorMessage(error, 'enorme.csv')
    expect(error.message).toContain('50 Mo')
    expect(pulled).toBeGreaterThan(50 * MB)
    expect(pulled).toBeLessThanOrEqual(50 * MB + 2 * row.length)
    expect(released).toBe(true)
    expect(records).toBeGreaterThan(700)
  })
})

describe('files whose headers are not those of any import', () => {
  it('refuses a file whose first line is not a header, quoting that line', async () => {
    const bytes = Buffer.from('\n\nDUPONT;Léa;01/09/2016;CP\nMARTIN;Paul;02/03/2015;CE1\n')
    const error = await fileError(readBytes(bytes, 'sans-en-tetes.csv'))
    expect(error.code).toBe('unrecognised-file')
    expect(error.line).toBe(3)
    expectFileErrorMessage(error, 'sans-en-tetes.csv')
    expect(error.message).toContain('« DUPONT »')
  })

  it('rejects a file missing a mandatory column, naming the column', async () => {
    const lines = sampleText('pupils').split('\r\n')
    const withoutClass = lines.map((line) => line.split(';').toSpliced(15, 1).join(';')).join('\r\n')
    const bytes = Buffer.from(withoutClass, 'latin1')
    const opened = await openImportFile(chunked(bytes), { file: PUPILS, maxBytes: 1_000_000 })
    expect(opened).toMatchObject({ kind: 'pupils', rejected: true })
    const result = await readBytes(bytes, PUPILS)
    expect(result.records).toEqual([])
    const anomaly = onlyAnomaly(result.anomalies, PUPILS)
    expect(anomaly).toMatchObject({
      line: 1,
      code: 'missing-column',
      outcome: 'file-rejected',
      field: 'className',
    })
    expect(anomaly.message).toContain('« Classe »')
  })

  it('names the child block a mandatory column is missing from', async () => {
    const lines = sampleText('guardians').split('\n')
    // The second « Prénom enfant » column (index 18) removed from every line.
    const bytes = Buffer.from(
      lines.map((line) => line.split(';').toSpliced(18, 1).join(';')).join('\n'),
      'latin1',
    )
    const result = await readBytes(bytes, GUARDIANS)
    expect(result.records).toEqual([])
    const anomaly = onlyAnomaly(result.anomalies, GUARDIANS)
    expect(anomaly).toMatchObject({ line: 1, code: 'missing-column', outcome: 'file-rejected' })
    expect(anomaly.message).toContain('« Prénom enfant »')
    expect(anomaly.message).toContain('n° 2')
  })

  it('rejects a header with no data under it', async () => {
    const bytes = Buffer.from('Nom élève;Prénom élève;Date naissance;Classe\r\n\r\nNombre d’élèves : 0\r\n')
    const result = await readBytes(bytes, 'entete.csv')
    expect(result.records).toEqual([])
    expect(result.anomalies.map(({ line, code, outcome }) => ({ line, code, outcome }))).toEqual([
      { line: 3, code: 'ignored-footer', outcome: 'row-dropped' },
      { line: 1, code: 'no-rows', outcome: 'file-rejected' },
    ])
    for (const anomaly of result.anomalies) expectAnomalyMessage(anomaly, 'entete.csv')
  })
})

describe('broken quoting', () => {
  it('refuses a file whose quote is never closed, naming the line it opens on', async () => {
    const bytes = guardiansWith(100, (cells) => cells.map((cell, i) => (i === 2 ? `"${cell}` : cell)))
    const error = await fileError(readBytes(bytes, GUARDIANS))
    expect(error).toMatchObject({ code: 'unclosed-quote', line: 100 })
    expectFileErrorMessage(error, GUARDIANS)
  })

  it('names the line even when the rest of the file is short and read in one go', async () => {
    const bytes = Buffer.from(
      'Nom;Prénom;Date naissance;Classe\nA;B;01/01/2015;CP\nC;"D;01/01/2015;CP\nE;F;01/01/2015;CP\n',
    )
    const error = await fileError(readBytes(bytes, 'court.csv'))
    expect(error).toMatchObject({ code: 'unclosed-quote', line: 3 })
    expectFileErrorMessage(error, 'court.csv')
  })

  it('refuses megabytes without a single line break, reading them in small pieces without stalling', async () => {
    // Looking for the header line once cost a scan of all the text read so far at every piece: hours here.
    const bytes = Buffer.alloc(3 * 1024 * 1024, 'Nom élève;')
    const error = await fileError(readBytes(bytes, 'une-ligne.csv', { chunkSize: 512 }))
    expect(error).toMatchObject({ code: 'line-too-long', line: 1 })
    expectFileErrorMessage(error, 'une-ligne.csv')
  })

  it('refuses a record that runs on for more than the longest line allowed', async () => {
    const text = `Nom;Prénom;Date naissance;Classe\nA;B;01/01/2015;CP\nC;"${'D'.repeat(MAX_RECORD_CHARS)}\n`
    const error = await fileError(
      readBytes(Buffer.from(`${text}${'E;F;01/01/2015;CP\n'.repeat(10)}`), 'long.csv'),
    )
    expect(error).toMatchObject({ code: 'line-too-long', line: 3 })
    expectFileErrorMessage(error, 'long.csv')
  })
})

describe('bad values in a readable file', () => {
  it('keeps a pupil born on 31/02/2015 without a birth date, and says so', async () => {
    const bytes = pupilsWith(30, (line) => line.replace(/"\d{4}-\d{2}-\d{2}"/, '"31/02/2015"'))
    const result = await readBytes(bytes, PUPILS)
    expect(result.records).toHaveLength(247)
    expect(result.records.find((pupil) => pupil.line === 30)).toMatchObject({ birthDate: null, level: 'CE2' })
    const anomaly = onlyAnomaly(result.anomalies, PUPILS)
    expect(anomaly).toMatchObject({ line: 30, code: 'invalid-date', outcome: 'row-kept', field: 'birthDate' })
    expect(anomaly.message).toContain('31/02/2015')
  })

  it('keeps a pupil of an unknown level without a level, and says so', async () => {
    const bytes = pupilsWith(40, (line) => line.replace(/"CE2";"CE2"/, '"CE3";"CE2"'))
    const result = await readBytes(bytes, PUPILS)
    expect(result.records.find((pupil) => pupil.line === 40)).toMatchObject({ level: null, className: 'CE2' })
    const anomaly = onlyAnomaly(result.anomalies, PUPILS)
    expect(anomaly).toMatchObject({ line: 40, code: 'unknown-level', outcome: 'row-kept', field: 'level' })
    expect(anomaly.message).toContain('« CE3 »')
  })

  it('drops a pupil without a first name', async () => {
    const bytes = pupilsWith(2, (line) => line.replace('"Mathilde"', '""'))
    const result = await readBytes(bytes, PUPILS)
    expect(result.records).toHaveLength(246)
    const anomaly = onlyAnomaly(result.anomalies, PUPILS)
    expect(anomaly).toMatchObject({
      line: 2,
      code: 'missing-value',
      outcome: 'row-dropped',
      field: 'firstName',
    })
    expect(anomaly.message).toContain('prénom')
  })

  it('drops a guardian without any child, and keeps one whose second child lacks a first name', async () => {
    const noChild = guardiansWith(10, (cells) => cells.map((cell, i) => (i >= 12 ? '' : cell)))
    const result = await readBytes(noChild, GUARDIANS)
    expect(result.records).toHaveLength(468)
    expect(result.records.some((guardian) => guardian.line === 10)).toBe(false)
    const anomaly = onlyAnomaly(result.anomalies, GUARDIANS)
    expect(anomaly).toMatchObject({ line: 10, code: 'no-child', outcome: 'row-dropped' })

    const halfChild = guardiansWith(2, (cells) => cells.map((cell, i) => (i === 18 ? '' : cell)))
    const kept = await readBytes<'guardians'>(halfChild, GUARDIANS)
    expect(kept.records[0]!.children.map((child) => child.firstName)).toEqual(['Alexandre', 'Cassandra'])
    const missing = onlyAnomaly(kept.anomalies, GUARDIANS)
    expect(missing).toMatchObject({ line: 2, code: 'missing-value', outcome: 'row-kept' })
    expect(missing.message).toContain('MARTINEZ')
  })

  it('drops a line shifted by a stray separator, and keeps a short one', async () => {
    // Line 2 fills its three child blocks: the shifted last class falls out of the header's columns.
    const shifted = guardiansWith(2, (cells) => [...cells.slice(0, 4), 'Bâtiment B', ...cells.slice(4)])
    const result = await readBytes(shifted, GUARDIANS)
    expect(result.records).toHaveLength(468)
    const anomaly = onlyAnomaly(result.anomalies, GUARDIANS)
    expect(anomaly).toMatchObject({ line: 2, code: 'malformed-line', outcome: 'row-dropped' })
    expect(anomaly.message).toContain('25 valeurs pour 24 colonnes')

    const short = guardiansWith(5, (cells) => cells.slice(0, 16))
    const kept = await readBytes(short, GUARDIANS)
    expect(kept.records).toHaveLength(469)
    expect(onlyAnomaly(kept.anomalies, GUARDIANS)).toMatchObject({
      line: 5,
      code: 'missing-fields',
      outcome: 'row-kept',
    })
  })

  it('reports invalid e-mails, phones and civilities of a guardian, keeping the guardian', async () => {
    const bytes = guardiansWith(3, (cells) =>
      cells.map((cell, i) => (i === 0 ? 'Docteur' : i === 8 ? 'norbert.albert@' : i === 9 ? '12 34' : cell)),
    )
    const result = await readBytes(bytes, GUARDIANS)
    expect(result.records.find((guardian) => guardian.line === 3)).toMatchObject({
      civility: null,
      email: null,
      phones: [],
      lastName: 'ALBERT',
    })
    expect(result.anomalies.map((anomaly) => [anomaly.line, anomaly.code, anomaly.outcome])).toEqual([
      [3, 'invalid-value', 'row-kept'],
      [3, 'invalid-email', 'row-kept'],
      [3, 'invalid-phone', 'row-kept'],
    ])
    for (const anomaly of result.anomalies) expectAnomalyMessage(anomaly, GUARDIANS)
  })
})
