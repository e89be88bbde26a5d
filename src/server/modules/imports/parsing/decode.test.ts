import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { type DecodeNotice, decodeBytes, decodeText, detectEncoding, SNIFF_BYTES } from './decode.ts'
import type { ImportFileError } from './errors.ts'
import {
  chunked,
  encodeText,
  expectFileErrorMessage,
  fileError,
  readBytes,
  readSample,
  sampleText,
} from './test-support.ts'
import { countUtf8, incompleteTailStart } from './utf8.ts'

/** Bytes → text: the encoding decided from the first bytes, and what happens when later bytes disagree. */

async function decodeAll(bytes: Uint8Array, chunkSize: number, onNotice?: (notice: DecodeNotice) => void) {
  const decoded = await decodeText(chunked(bytes, chunkSize), {
    file: 'f.csv',
    maxBytes: 10_000_000,
    onNotice,
  })
  let text = ''
  for await (const chunk of decoded.chunks) text += chunk
  return { text, encoding: decoded.encoding }
}

describe('the encoding of the first bytes', () => {
  it('follows a byte order mark', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), true)).toBe('utf-8-bom')
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0]), true)).toBe('utf-16le')
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0, 0x41]), true)).toBe('utf-16be')
  })

  it('tells UTF-8 from Windows-1252', () => {
    expect(detectEncoding(Buffer.from('Nom;Prenom\n'), true)).toBe('utf-8')
    expect(detectEncoding(Buffer.from('Nom;Prénom\n'), true)).toBe('utf-8')
    expect(detectEncoding(Buffer.from('Nom;Prénom\n', 'latin1'), true)).toBe('windows-1252')
    expect(detectEncoding(iconv.encode('Cœur;€;“guillemets”', 'windows-1252'), true)).toBe('windows-1252')
  })

  it('waits for the rest of a character cut by the end of the sample, unless the file ends there', () => {
    const cut = Buffer.from('Prénom;É', 'utf8').subarray(0, -1) // « É » cut after its first byte
    expect(incompleteTailStart(cut)).toBe(cut.length - 1)
    expect(detectEncoding(cut, false)).toBe('utf-8')
    expect(detectEncoding(cut, true)).toBe('windows-1252')
  })

  it('takes a UTF-8 file with a few stray Windows-1252 bytes for UTF-8', () => {
    const mixed = Buffer.concat([Buffer.from('Prénom;Élève;Né le\n'), Buffer.from('Zoé\n', 'latin1')])
    expect(countUtf8(mixed)).toEqual({ multiByte: 4, invalid: 1 })
    expect(detectEncoding(mixed, true)).toBe('utf-8')
  })
})

describe('decoding a stream', () => {
  it('gives the same text whatever the chunk size, a character or the BOM cut between chunks', async () => {
    const text = sampleText('pupils')
    for (const encoding of ['utf-8', 'utf-8-bom', 'latin1', 'utf-16le', 'utf-16be'] as const) {
      const bytes = encodeText(text, encoding)
      for (const chunkSize of [1, 2, 3, 1000, 65_536]) {
        expect((await decodeAll(bytes, chunkSize)).text).toBe(text)
      }
    }
  })

  it('switches to Windows-1252 when the first accent comes after the first 64 KB of ASCII', async () => {
    const ascii = `Nom;Prenom;Date naissance;Classe\n${'DUPONT;Paul;01/01/2015;CP\n'.repeat(3000)}`
    expect(ascii.length).toBeGreaterThan(SNIFF_BYTES)
    const bytes = Buffer.from(`${ascii}LEFÈVRE;Zoé;02/02/2015;CP\n`, 'latin1')
    const notices: DecodeNotice[] = []
    const decoded = await decodeAll(bytes, 4096, (notice) => notices.push(notice))
    expect(decoded.text.endsWith('LEFÈVRE;Zoé;02/02/2015;CP\n')).toBe(true)
    expect(decoded.encoding).toBe('windows-1252')
    expect(notices).toEqual([{ type: 'switched-to-windows-1252' }])
  })

  it('reads stray bytes after UTF-8 characters as Windows-1252, and says from which line', async () => {
    const utf8 = `Nom;Prénom\n${'DUPONT;Léa\n'.repeat(3000)}`
    const bytes = Buffer.concat([
      Buffer.from(utf8),
      Buffer.from('MARTIN;Zoé\n', 'latin1'),
      Buffer.from('ROUX;Maël\n'),
    ])
    const notices: DecodeNotice[] = []
    const decoded = await decodeAll(bytes, 1000, (notice) => notices.push(notice))
    expect(decoded.text).toBe(`${utf8}MARTIN;Zoé\nROUX;Maël\n`)
    expect(decoded.encoding).toBe('utf-8')
    expect(notices).toEqual([{ type: 'mixed-encoding', line: 3002 }])
  })

  it('refuses a whole buffer over the limit, saying its size', () => {
    try {
      decodeBytes(Buffer.alloc(3 * 1024 * 1024, 0x41), { file: 'gros.csv', maxBytes: 1024 * 1024 })
      expect.unreachable()
    } catch (error) {
      expectFileErrorMessage(error as ImportFileError, 'gros.csv')
      expect((error as Error).message).toContain('pèse 3 Mo, au-delà de la limite de 1 Mo')
    }
  })
})

describe('a UTF-8 export edited with a Windows tool', () => {
  /** The pupils sample in UTF-8 with one name of line `line` written in Windows-1252. */
  function withStrayByte(line: number, name: string): Buffer {
    const lines = sampleText('pupils').split('\r\n')
    const target = lines[line - 1]!
    const at = target.indexOf(name)
    return Buffer.concat([
      Buffer.from(`${lines.slice(0, line - 1).join('\r\n')}\r\n${target.slice(0, at)}`),
      Buffer.from(name, 'latin1'),
      Buffer.from(`${target.slice(at + name.length)}\r\n${lines.slice(line).join('\r\n')}`),
    ])
  }

  it('keeps its accents right and names the line with the stray byte', async () => {
    const original = await readSample('pupils')
    const line = original.records.findIndex((pupil) => pupil.firstName === 'Maëlle') + 2
    const result = await readBytes<'pupils'>(withStrayByte(line, 'Maëlle'), 'eleves.csv')
    expect(result.kind).toBe('pupils')
    expect(result.encoding).toBe('utf-8')
    expect(result.records.map((pupil) => ({ ...pupil, file: 'x' }))).toEqual(
      original.records.map((pupil) => ({ ...pupil, file: 'x' })),
    )
    expect(result.anomalies).toEqual([
      expect.objectContaining({ line, code: 'mixed-encoding', outcome: 'row-kept', file: 'eleves.csv' }),
    ])
  })

  it('does not read the rest as Windows-1252 when the stray byte comes before any accent', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Nom;Prenom;Date naissance;Classe\r\nMARTIN;'),
      Buffer.from('Zoé', 'latin1'),
      Buffer.from(';02/02/2015;CP\r\nROUX;Maël;03/03/2015;CE1\r\nLEFÈVRE;Chloé;04/04/2015;CE2\r\n'),
    ])
    const result = await readBytes<'pupils'>(bytes, 'eleves.csv')
    expect(result.records.map((pupil) => pupil.firstName)).toEqual(['Zoé', 'Maël', 'Chloé'])
    expect(result.records[2]!.lastName).toBe('LEFÈVRE')
    expect(result.anomalies).toEqual([expect.objectContaining({ line: 2, code: 'mixed-encoding' })])
  })

  it('still reads a Windows-1252 file as such, accents everywhere', async () => {
    const text =
      'Nom;Prénom;Date naissance;Classe\r\nLEFÈVRE;Zoé;02/02/2015;CP\r\nÉLIE;Noël;03/03/2015;CE1\r\n'
    const result = await readBytes<'pupils'>(iconv.encode(text, 'windows-1252'), 'eleves.csv')
    expect(result.encoding).toBe('windows-1252')
    expect(result.anomalies).toEqual([])
    expect(result.records.map((pupil) => `${pupil.firstName} ${pupil.lastName}`)).toEqual([
      'Zoé LEFÈVRE',
      'Noël ÉLIE',
    ])
  })
})

describe('a binary file', () => {
  it('is refused from its first bytes, before anything else is read', async () => {
    let pulled = 0
    async function* image() {
      pulled++
      yield Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Buffer.alloc(SNIFF_BYTES)])
      for (;;) {
        pulled++
        yield Buffer.alloc(SNIFF_BYTES)
      }
    }
    const error = await fileError(decodeText(image(), { file: 'photo.csv', maxBytes: 10_000_000 }))
    expect(error.code).toBe('not-a-text-file')
    expect(pulled).toBe(1)
  })
})
