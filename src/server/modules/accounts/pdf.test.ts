import { describe, expect, it } from 'vitest'
import { countPdfPages, isPdf, pdfTextLines } from '../../testing/pdf.ts'
import { fittedLine, renderPdf, toWinAnsi } from './pdf.ts'

describe('printed text in the standard fonts', () => {
  it('keeps every French letter and maps what WinAnsi lacks to a look-alike', () => {
    expect(toWinAnsi('é, è, à, ç, œ, É, Œ, ù, ë, ï, ô, « », ’, €')).toBe(
      'é, è, à, ç, œ, É, Œ, ù, ë, ï, ô, « », ’, €',
    )
    // A narrow no-break space (French number formatting), Polish, Turkish and Romanian names.
    expect(toWinAnsi('1\u202f234 Łukasz Yıldız Ştefan')).toBe('1 234 Lukasz Yildiz Stefan')
    expect(toWinAnsi('李')).toBe('?')
  })

  it('writes French accents as the WinAnsi bytes a PDF reader shows as such', async () => {
    const pdf = await renderPdf('Essai', (doc) => {
      doc.addPage()
      fittedLine(doc, 'Zoé Lefèvre à Noël, façon cœur ; École', {
        x: 40,
        y: 40,
        width: 500,
        font: 'Helvetica',
        size: 14,
      })
      fittedLine(doc, 'Çà 1\u202f234', { x: 40, y: 80, width: 500, font: 'Helvetica', size: 14 })
    })
    expect(isPdf(pdf)).toBe(true)
    expect(countPdfPages(pdf)).toBe(1)
    expect(pdfTextLines(pdf)).toEqual(['Zoé Lefèvre à Noël, façon cœur ; École', 'Çà 1 234'])
    // The text above is decoded as Windows-1252: the fonts must declare that encoding, and embed nothing.
    const source = pdf.toString('latin1')
    expect(source).toContain('/Encoding /WinAnsiEncoding')
    expect(source).not.toContain('/FontFile')
  })
})
