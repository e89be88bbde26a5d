import { type ConnectionSheet, frenchDay } from './connection-sheets.ts'
import { A4, cutLine, drawQrCode, fittedLine, type Pdf, paragraph, renderPdf } from './pdf.ts'

/**
 * Connection sheets on A4: two per page, one above the other, with a dashed line to cut along. Big
 * text for the login and the code (Courier: a `l` never looks like a `1`), the steps in plain French,
 * and a QR code that opens the activation page with both already filled in.
 */
const HALF = A4.height / 2
const MARGIN = 42
const WIDTH = A4.width - 2 * MARGIN
const QR_SIZE = 132

export function connectionSheetsPdf(sheets: ConnectionSheet[], title: string): Promise<Buffer> {
  return renderPdf(title, (doc) => {
    if (sheets.length === 0) {
      doc.addPage()
      paragraph(
        doc,
        `${title}\n\nAucune fiche à imprimer : chacun a déjà activé son compte ou n’a pas de code en attente.`,
        {
          x: MARGIN,
          y: MARGIN,
          width: WIDTH,
          font: 'Helvetica',
          size: 14,
        },
      )
      return
    }
    sheets.forEach((sheet, index) => {
      const isTop = index % 2 === 0
      if (isTop) doc.addPage()
      drawSheet(doc, sheet, isTop ? 0 : HALF)
      if (isTop) cutLine(doc, 14, HALF, A4.width - 14, HALF)
    })
  })
}

function drawSheet(doc: Pdf, sheet: ConnectionSheet, top: number): void {
  const y = (offset: number) => top + offset
  doc.fillColor('#444444')
  fittedLine(doc, `${sheet.schoolName} · Classe ${sheet.className}`, {
    x: MARGIN,
    y: y(30),
    width: WIDTH,
    font: 'Helvetica',
    size: 12,
  })
  doc.fillColor('#000000')
  fittedLine(doc, 'Fiche de connexion à Préau', {
    x: MARGIN,
    y: y(50),
    width: WIDTH,
    font: 'Helvetica-Bold',
    size: 22,
  })
  fittedLine(doc, sheet.displayName, { x: MARGIN, y: y(84), width: WIDTH, font: 'Helvetica-Bold', size: 20 })
  const who =
    sheet.profile === 'pupil' ? 'Élève' : `Parent de ${sheet.children.join(', ') || 'un élève de la classe'}`
  fittedLine(doc, who, { x: MARGIN, y: y(110), width: WIDTH, font: 'Helvetica', size: 13 })

  const column = WIDTH - QR_SIZE - 24
  const label = (text: string, at: number) =>
    fittedLine(doc, text, { x: MARGIN, y: y(at), width: column, font: 'Helvetica', size: 11 })
  label('Identifiant', 142)
  fittedLine(doc, sheet.login, { x: MARGIN, y: y(156), width: column, font: 'Courier-Bold', size: 22 })
  label('Code d’activation', 190)
  fittedLine(doc, sheet.code, { x: MARGIN, y: y(204), width: column, font: 'Courier-Bold', size: 28 })
  fittedLine(doc, `Valable jusqu’au ${frenchDay(sheet.expiresAt)}`, {
    x: MARGIN,
    y: y(240),
    width: column,
    font: 'Helvetica',
    size: 12,
  })

  const qrX = A4.width - MARGIN - QR_SIZE
  drawQrCode(doc, sheet.activationLink, qrX, y(140), QR_SIZE)
  fittedLine(doc, 'Ou scannez ce code', {
    x: qrX,
    y: y(278),
    width: QR_SIZE,
    font: 'Helvetica',
    size: 10,
    align: 'center',
  })

  paragraph(
    doc,
    `1. Rendez-vous sur ${sheet.activationPage}\n` +
      '2. Saisissez votre identifiant et ce code.\n' +
      '3. Choisissez un mot de passe, deux fois, et acceptez la charte : c’est prêt.',
    { x: MARGIN, y: y(300), width: WIDTH, font: 'Helvetica', size: 13 },
  )
  paragraph(
    doc,
    'Le code ne sert qu’une fois. Gardez votre identifiant ; ne donnez jamais votre mot de passe, même à l’école.',
    { x: MARGIN, y: y(380), width: WIDTH, font: 'Helvetica-Oblique', size: 9.5 },
  )
}
