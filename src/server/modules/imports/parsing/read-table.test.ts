import { describe, expect, it } from 'vitest'
import { detectDelimiter, looksLikeFooter, readTable, type TableEvent } from './read-table.ts'
import { fileError } from './test-support.ts'

/** Text → lines of cells with their physical line numbers, footers and misfit lines reported. */

async function* pieces(text: string, size = text.length || 1): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size)
}

async function table(text: string, size?: number): Promise<TableEvent[]> {
  const events: TableEvent[] = []
  for await (const event of readTable(pieces(text, size), 't.csv')) events.push(event)
  return events
}

/** Events as short tuples: [line, 'header' | 'row' | anomaly code, first cell or message]. */
function summary(events: TableEvent[]) {
  return events.map((event) =>
    event.type === 'anomaly'
      ? [event.anomaly.line, event.anomaly.code]
      : [event.line, event.type, event.cells[0]],
  )
}

describe('separators', () => {
  it('prefers ; then tab then comma, as French spreadsheets write them', () => {
    expect(detectDelimiter('Nom;Prénom, deuxième')).toBe(';')
    expect(detectDelimiter('Nom\tPrénom, deuxième')).toBe('\t')
    expect(detectDelimiter('Nom,Prénom')).toBe(',')
    expect(detectDelimiter('Nom')).toBe(';')
  })

  it('reads tab and comma separated files alike', async () => {
    for (const separator of ['\t', ',']) {
      const events = await table(`${['Nom', 'Prénom'].join(separator)}\n${['DUPONT', 'Léa'].join(separator)}`)
      expect(events.at(-1)).toEqual({ type: 'row', line: 2, lastLine: 2, cells: ['DUPONT', 'Léa'] })
    }
  })
})

describe('physical lines', () => {
  it('counts blank lines, line breaks inside quoted cells, and every kind of line end', async () => {
    const text =
      '\r\n\r\nNom;Adresse\r\n"DUPONT";"12 rue\r\ndes Lilas"\r\n\r\nMARTIN;"3 place\nde la\rMairie"\nROUX;1 rue\rLEROY;2 rue'
    for (const size of [undefined, 1, 5]) {
      const events = await table(text, size)
      expect(
        events.map((event) => (event.type === 'anomaly' ? event.anomaly.code : [event.type, event.line])),
      ).toEqual([
        ['header', 3],
        ['row', 4],
        ['row', 7],
        ['row', 10],
        ['row', 11],
      ])
      expect(events[1]).toMatchObject({ lastLine: 5, cells: ['DUPONT', '12 rue\r\ndes Lilas'] })
    }
  })

  it('names the line a never-closed quote opens on, even far from the end', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `NOM${i};Prénom`)
    rows[299] = 'NOM299;"Prénom'
    const error = await fileError(table(`Nom;Prénom\n${rows.join('\n')}\n`, 64))
    expect(error).toMatchObject({ code: 'unclosed-quote', line: 301 })
  })
})

describe('footers and misfit lines', () => {
  it('knows footer lines by their look', () => {
    for (const footer of [
      ["Nombre d'élèves : 247"],
      ['Total', '247'],
      ['Effectif : 12'],
      ['Extraction du 12/09/2024'],
      ['Date d’export : 12/09/2024'],
      ['12/09/2024 10:32'],
      ['Page 1/3'],
      ['247'],
      ['Fin du fichier'],
    ]) {
      expect(looksLikeFooter(footer)).toBe(true)
    }
    for (const data of [['DUPONT'], ['Total'], ['Nombre'], ['Petit', 'Léa']]) {
      expect(looksLikeFooter(data)).toBe(false)
    }
  })

  it('reports footers wherever they are, and lone values as misfit lines', async () => {
    const text = [
      'Nom;Prénom;Classe',
      'DUPONT;Léa;CP',
      'Page 1/2',
      'MARTIN;Paul;CE1',
      'ROUX',
      'LEROY;Zoé;CM2',
      'Nombre d’élèves : 3',
      'Edité le 12/09/2024',
    ].join('\n')
    expect(summary(await table(text))).toEqual([
      [1, 'header', 'Nom'],
      [2, 'row', 'DUPONT'],
      [3, 'ignored-footer'],
      [4, 'row', 'MARTIN'],
      [5, 'malformed-line'],
      [6, 'row', 'LEROY'],
      [7, 'ignored-footer'],
      [8, 'ignored-footer'],
    ])
  })

  it('takes a lone value at the very end for a footer', async () => {
    expect(summary(await table('Nom;Prénom;Classe\nDUPONT;Léa;CP\nZola\n'))).toEqual([
      [1, 'header', 'Nom'],
      [2, 'row', 'DUPONT'],
      [3, 'ignored-footer'],
    ])
  })

  it('refuses text without any line', async () => {
    expect((await fileError(table(' \n\t\n'))).code).toBe('empty-file')
  })
})
