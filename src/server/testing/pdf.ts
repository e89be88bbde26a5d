import { inflateSync } from 'node:zlib'
import QRCode from 'qrcode'

/**
 * A light reading of the PDFs Préau writes with pdfkit (no PDF library in the project): the pages,
 * and the text of each content stream as the standard fonts encode it (WinAnsi, in hex strings).
 */
export function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-'
}

export function countPdfPages(bytes: Buffer): number {
  return (bytes.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length
}

const winAnsi = new TextDecoder('windows-1252')

/** The decompressed content streams (pages, and any other stream that inflates). */
function pdfStreams(bytes: Buffer): string[] {
  const source = bytes.toString('latin1')
  const streams: string[] = []
  let from = 0
  for (;;) {
    const start = source.indexOf('stream\n', from)
    if (start < 0) break
    const end = source.indexOf('\nendstream', start)
    if (end < 0) break
    const data = Buffer.from(source.slice(start + 'stream\n'.length, end), 'latin1')
    try {
      streams.push(inflateSync(data).toString('latin1'))
    } catch {
      streams.push(data.toString('latin1'))
    }
    from = end + '\nendstream'.length
  }
  return streams
}

/** The lines of text shown by `TJ`/`Tj` operators, page after page, decoded from WinAnsi. */
export function pdfTextLines(bytes: Buffer): string[] {
  const lines: string[] = []
  for (const stream of pdfStreams(bytes)) {
    for (const match of stream.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hex =
        match[1] !== undefined
          ? [...match[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('')
          : match[2]
      lines.push(winAnsi.decode(Buffer.from(hex ?? '', 'hex')))
    }
  }
  return lines
}

/**
 * The QR codes drawn as squares (`re` … `f`, as `drawQrCode` does), each read back as its grid of
 * modules (`true` = dark), to compare with the matrix of the text it should encode.
 */
export function pdfQrMatrices(bytes: Buffer): boolean[][][] {
  const matrices: boolean[][][] = []
  for (const stream of pdfStreams(bytes)) {
    for (const group of stream.matchAll(/((?:[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ re\n)+)f\n/g)) {
      const rects = [...(group[1] ?? '').matchAll(/([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re/g)].map((m) =>
        m.slice(1, 5).map(Number),
      ) as [number, number, number, number][]
      const unit = Math.min(...rects.map(([, , , h]) => h))
      const left = Math.min(...rects.map(([x]) => x))
      const top = Math.min(...rects.map(([, y]) => y))
      const size = Math.round((Math.max(...rects.map(([x, , w]) => x + w)) - left) / unit)
      const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false))
      for (const [x, y, w] of rects) {
        const row = Math.round((y - top) / unit)
        const first = Math.round((x - left) / unit)
        for (let col = first; col < first + Math.round(w / unit); col++) grid[row]![col] = true
      }
      matrices.push(grid)
    }
  }
  return matrices
}

/** The grid of modules of the QR code of `text`, as `drawQrCode` draws it (error correction M). */
export function qrMatrixOf(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => Boolean(modules.get(row, col))),
  )
}
