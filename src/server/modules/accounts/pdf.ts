import type QRCodeModule from 'qrcode'

/**
 * What the printed documents of the module share. They use the PDF standard fonts (Helvetica,
 * Courier), which embed nothing: pdfkit writes their text in WinAnsi (Windows-1252), which holds every
 * French letter (é è à ç œ É…) but not every character of the world's names, nor the narrow no-break
 * space `toLocaleString('fr')` puts in numbers; `toWinAnsi` maps those first (else pdfkit writes bytes
 * that show as garbage).
 */
export type Pdf = PDFKit.PDFDocument

export const A4 = { width: 595.28, height: 841.89 }

// Unicode characters of Windows-1252's 0x80–0x9F range (pdfkit maps them); Latin-1 covers the rest.
const WIN_ANSI_EXTRA = new Set(
  [
    0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019,
    0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
  ].map((code) => String.fromCodePoint(code)),
)
// Letters that do not decompose into a Latin letter and a mark, and spaces and dashes of other widths.
const LOOK_ALIKES: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2007': ' ',
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
}

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0
  return (
    char === '\n' ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    WIN_ANSI_EXTRA.has(char)
  )
}

/** `text` with only characters the standard fonts can show: others by their base letter, or `?`. */
export function toWinAnsi(text: string): string {
  let result = ''
  for (const char of text.normalize('NFC')) {
    if (isWinAnsi(char)) result += char
    else if (LOOK_ALIKES[char]) result += LOOK_ALIKES[char]
    else {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '')
      result += base && [...base].every(isWinAnsi) ? base : '?'
    }
  }
  return result
}

// pdfkit and qrcode weigh ~30 MB once loaded: they load at the first document, not at start.
let qrCode: typeof QRCodeModule | null = null
const loadPdfKit = () => import('pdfkit')
let pdfKit: ReturnType<typeof loadPdfKit> | null = null

/** A document drawn by `draw`, as the bytes of the PDF. */
export async function renderPdf(title: string, draw: (doc: Pdf) => void): Promise<Buffer> {
  pdfKit ??= loadPdfKit()
  const [{ default: PDFDocument }, { default: qr }] = await Promise.all([pdfKit, import('qrcode')])
  qrCode = qr
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    lang: 'fr-FR',
    info: { Title: title, Author: 'Préau', Creator: 'Préau' },
  })
  const chunks: Buffer[] = []
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  draw(doc)
  doc.end()
  return bytes
}

/** Writes one line at (x, y) in `font`, shrinking from `size` (down to 60 %) so that it fits `width`. */
export function fittedLine(
  doc: Pdf,
  text: string,
  at: { x: number; y: number; width: number; font: string; size: number; align?: 'left' | 'center' },
): void {
  const line = toWinAnsi(text)
  doc.font(at.font)
  let size = at.size
  while (size > at.size * 0.6 && doc.fontSize(size).widthOfString(line) > at.width) size -= 1
  doc
    .fontSize(size)
    .text(line, at.x, at.y, { width: at.width, align: at.align ?? 'left', lineBreak: false, ellipsis: true })
}

/** A paragraph that wraps within `width`. */
export function paragraph(
  doc: Pdf,
  text: string,
  at: { x: number; y: number; width: number; font: string; size: number },
) {
  doc.font(at.font).fontSize(at.size).text(toWinAnsi(text), at.x, at.y, { width: at.width, lineGap: 2 })
}

/**
 * Draws the QR code of `text` as vector squares (sharp at any printer's resolution), `size` points wide
 * without its quiet zone: leave white space around it. Modules of a row are merged into runs.
 */
export function drawQrCode(doc: Pdf, text: string, x: number, y: number, size: number): void {
  if (!qrCode) throw new Error('drawQrCode runs inside renderPdf')
  const { modules } = qrCode.create(text, { errorCorrectionLevel: 'M' })
  const unit = size / modules.size
  doc.fillColor('#000000')
  for (let row = 0; row < modules.size; row++) {
    let start = -1
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && Boolean(modules.get(row, col))
      if (dark && start < 0) start = col
      if (!dark && start >= 0) {
        doc.rect(x + start * unit, y + row * unit, (col - start) * unit, unit)
        start = -1
      }
    }
  }
  doc.fill()
}

/** A dashed cut line from (x1, y1) to (x2, y2). */
export function cutLine(doc: Pdf, x1: number, y1: number, x2: number, y2: number): void {
  doc
    .save()
    .moveTo(x1, y1)
    .lineTo(x2, y2)
    .lineWidth(0.8)
    .dash(6, { space: 4 })
    .strokeColor('#777777')
    .stroke()
    .restore()
}
