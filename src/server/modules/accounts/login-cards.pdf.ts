import { loginCardLink, type PrintableCard } from './login-cards.ts'
import { A4, cutLine, drawQrCode, fittedLine, paragraph, renderPdf } from './pdf.ts'

/**
 * Login cards on A4: eight per page (two columns, four rows) with dashed lines to cut along. The
 * first name is big, for a child who recognises their name before they can read it; the QR code opens
 * the card sign-in page.
 */
const COLUMNS = 2
const ROWS = 4
const PER_PAGE = COLUMNS * ROWS
const CARD_WIDTH = A4.width / COLUMNS
const CARD_HEIGHT = A4.height / ROWS
const QR_SIZE = 118

export function loginCardsPdf(
  cards: PrintableCard[],
  where: { className: string; schoolName: string; publicUrl: string },
): Promise<Buffer> {
  const title = `Cartes de connexion · ${where.schoolName} · ${where.className}`
  return renderPdf(title, (doc) => {
    if (cards.length === 0) {
      doc.addPage()
      paragraph(doc, `${title}\n\nAucune carte à imprimer : la classe n’a pas d’élève.`, {
        x: 42,
        y: 42,
        width: A4.width - 84,
        font: 'Helvetica',
        size: 14,
      })
      return
    }
    cards.forEach((card, index) => {
      const slot = index % PER_PAGE
      if (slot === 0) {
        doc.addPage()
        for (let column = 1; column < COLUMNS; column++)
          cutLine(doc, column * CARD_WIDTH, 8, column * CARD_WIDTH, A4.height - 8)
        for (let row = 1; row < ROWS; row++)
          cutLine(doc, 8, row * CARD_HEIGHT, A4.width - 8, row * CARD_HEIGHT)
      }
      const x = (slot % COLUMNS) * CARD_WIDTH
      const y = Math.floor(slot / COLUMNS) * CARD_HEIGHT
      doc.fillColor('#000000')
      fittedLine(doc, card.firstName, {
        x: x + 14,
        y: y + 16,
        width: CARD_WIDTH - 28,
        font: 'Helvetica-Bold',
        size: 30,
        align: 'center',
      })
      drawQrCode(
        doc,
        loginCardLink(where.publicUrl, card.token),
        x + (CARD_WIDTH - QR_SIZE) / 2,
        y + 58,
        QR_SIZE,
      )
      doc.fillColor('#444444')
      fittedLine(doc, `${where.className} · Préau`, {
        x: x + 14,
        y: y + CARD_HEIGHT - 24,
        width: CARD_WIDTH - 28,
        font: 'Helvetica',
        size: 10,
        align: 'center',
      })
    })
  })
}
