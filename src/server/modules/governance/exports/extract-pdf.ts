import { renderPdf, toWinAnsi } from '../../accounts/index.ts'
import type { DeliberationView } from '../deliberations.service.ts'
import { parisDay } from '../domain/body-rules.ts'
import { dayInFigures, dayInWords } from './french-words.ts'

type Doc = PDFKit.PDFDocument
export const MARGIN = 56
const WIDTH = 595.28 - 2 * MARGIN
const BOTTOM = 841.89 - MARGIN

/** Continues on a new page when `height` does not fit. */
function room(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) {
    doc.addPage({ size: 'A4', margin: MARGIN })
  }
}

export function para(
  doc: Doc,
  text: string,
  options: { font?: string; size?: number; align?: 'left' | 'center' | 'justify'; gap?: number } = {},
) {
  doc.font(options.font ?? 'Helvetica').fontSize(options.size ?? 10)
  const line = toWinAnsi(text)
  room(doc, doc.heightOfString(line, { width: WIDTH }))
  doc.text(line, MARGIN, doc.y, { width: WIDTH, align: options.align ?? 'justify', lineGap: 1.5 })
  doc.moveDown(options.gap ?? 0.5)
}

/** A paragraph starting with a bold word (« Vu », « Considérant », « ARTICLE 1 : »). */
function lead(doc: Doc, head: string, text: string) {
  doc.fontSize(10)
  const body = toWinAnsi(text)
  room(doc, doc.font('Helvetica').heightOfString(`${head} ${body}`, { width: WIDTH }))
  doc
    .font('Helvetica-Bold')
    .text(toWinAnsi(head), MARGIN, doc.y, { width: WIDTH, continued: true, align: 'justify' })
  doc.font('Helvetica').text(` ${body}`, { align: 'justify', lineGap: 1.5 })
  doc.moveDown(0.4)
}

const COLUMNS = [
  { title: 'Collectivité', width: 118 },
  { title: 'Membre', width: 140 },
  { title: 'Présents', width: 44 },
  { title: 'Absents', width: 42 },
  { title: 'Excusés', width: 42 },
  { title: 'Pouvoir à', width: WIDTH - 118 - 140 - 44 - 42 - 42 },
]

export function tableRow(doc: Doc, cells: string[], options: { bold?: boolean; height?: number } = {}) {
  const height = options.height ?? 15
  room(doc, height)
  const y = doc.y
  let x = MARGIN
  doc.lineWidth(0.5).strokeColor('#444444')
  COLUMNS.forEach((column, index) => {
    doc.rect(x, y, column.width, height).stroke()
    const centered = index >= 2 && index <= 4
    doc
      .font(options.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(8)
      .fillColor('#000000')
      .text(toWinAnsi(cells[index] ?? ''), x + 3, y + 4, {
        width: column.width - 6,
        align: centered ? 'center' : 'left',
        lineBreak: false,
        ellipsis: true,
      })
    x += column.width
  })
  doc.y = y + height
  doc.x = MARGIN
}

/**
 * The certified extract of a deliberation, laid out as the syndicate's paper register (deliberation
 * 2019-12): heading, object, the meeting's sentence, the attendance table with its totals, the quorum
 * sentence as computed, visas, considérants, articles, the vote and its wording, annexes, « pour extrait
 * conforme » with the president's name, and the date of transmission to the prefecture.
 */
export function extractPdf(view: DeliberationView, syndicateName: string): Promise<Buffer> {
  const { deliberation: d, meeting, item } = view
  return renderPdf(`Délibération ${d.number}`, (doc) => {
    doc.addPage({ size: 'A4', margin: MARGIN })
    doc.y = MARGIN
    para(doc, `DÉLIBÉRATION ${d.number}`, { font: 'Helvetica-Bold', size: 14, align: 'center', gap: 0.3 })
    para(doc, syndicateName.toUpperCase(), { font: 'Helvetica-Bold', size: 11, align: 'center', gap: 0.2 })
    para(doc, 'EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU COMITÉ SYNDICAL', {
      font: 'Helvetica-Bold',
      size: 10,
      align: 'center',
      gap: 1,
    })
    para(doc, `Objet : ${d.object}`, { font: 'Helvetica-Bold', size: 11, gap: 0.8 })
    const held = parisDay(meeting.heldAt)
    const convened = meeting.convocationSentAt
      ? `, sur convocation en date du ${dayInWords(parisDay(meeting.convocationSentAt))}`
      : ''
    const chair = meeting.presidentName ? `, sous la présidence de ${meeting.presidentName}` : ''
    const sentence = `Le ${dayInWords(held)}, le ${meeting.bodyName.toLowerCase()} du ${syndicateName} s’est réuni ${meeting.place}${convened}${chair}.`
    para(doc, sentence.charAt(0).toUpperCase() + sentence.slice(1), { gap: 0.8 })

    tableRow(
      doc,
      COLUMNS.map((c) => c.title),
      { bold: true },
    )
    const names = new Map(meeting.attendance.map((l) => [l.delegateId, `${l.civility} ${l.name}`]))
    let previous = ''
    for (const line of meeting.attendance) {
      const tick = (on: boolean) => (on ? 'X' : '')
      const sits = line.status === 'present' || line.status === 'substituted'
      const holder = line.proxyHolderId ? (names.get(line.proxyHolderId) ?? '') : ''
      tableRow(doc, [
        line.memberName === previous ? '' : line.memberName,
        `${line.civility} ${line.name}${line.status === 'substituted' ? ' (suppléé)' : ''}`,
        tick(sits),
        tick(line.status === 'absent'),
        tick(line.status === 'excused'),
        holder,
      ])
      previous = line.memberName
    }
    const present = meeting.attendance.filter(
      (l) => l.status === 'present' || l.status === 'substituted',
    ).length
    tableRow(
      doc,
      [
        '',
        'Total',
        String(present),
        String(meeting.attendance.filter((l) => l.status === 'absent').length),
        String(meeting.attendance.filter((l) => l.status === 'excused').length),
        String(meeting.validProxies.length),
      ],
      { bold: true },
    )
    doc.moveDown(0.8)
    // The quorum sentence as computed for this item, never copied from what was typed.
    para(doc, item?.quorum.sentence ?? meeting.quorum.sentence, { gap: 0.8 })
    para(doc, `Le ${meeting.bodyName.toLowerCase()},`, { font: 'Helvetica-Bold', size: 11, gap: 0.5 })
    for (const visa of d.visas) lead(doc, 'Vu', visa)
    for (const considerant of d.considerants) lead(doc, 'Considérant', considerant)
    para(doc, 'Après en avoir délibéré,', { font: 'Helvetica-Bold', size: 11, gap: 0.5 })
    for (const [index, article] of d.articles.entries()) lead(doc, `ARTICLE ${index + 1} :`, article)
    if (item?.vote) {
      const t = item.vote.totals
      para(doc, `${item.vote.outcome === 'adopted' ? 'Adopté' : 'Rejeté'} par :`, { gap: 0.2 })
      const lines = [
        `Voix pour : ${t.pour}`,
        `Voix contre : ${t.contre}`,
        `Abstentions : ${t.abstention}`,
        ...(t.blancNul ? [`Bulletins blancs ou nuls : ${t.blancNul}`] : []),
        ...(t.neParticipePas ? [`Ne prennent pas part au vote : ${t.neParticipePas}`] : []),
        `Suffrages exprimés : ${item.vote.exprimes}`,
      ]
      for (const l of lines) para(doc, `– ${l}`, { gap: 0.1, align: 'left' })
      doc.moveDown(0.3)
      para(doc, `${item.vote.wording}.`, { font: 'Helvetica-Bold', gap: 0.8 })
    }
    if (d.annexes.length) {
      para(doc, 'Annexes :', { font: 'Helvetica-Bold', gap: 0.2 })
      for (const annex of d.annexes) para(doc, `– ${annex.title}`, { gap: 0.1, align: 'left' })
      doc.moveDown(0.6)
    }
    room(doc, 110)
    para(doc, 'Pour extrait conforme :', { gap: 0.3 })
    para(doc, 'Le Président du Syndicat mixte,', { gap: 0.3 })
    para(doc, meeting.presidentName?.replace(/^(Monsieur|Madame) /, '') ?? '', {
      font: 'Helvetica-Bold',
      gap: 1.2,
    })
    para(
      doc,
      `Transmis au contrôle de légalité le ${d.transmittedAt ? dayInFigures(parisDay(d.transmittedAt)) : '…'}`,
      { gap: 0.2 },
    )
    if (d.acknowledgedAt)
      para(doc, `Accusé de réception de la préfecture le ${dayInFigures(parisDay(d.acknowledgedAt))}`)
    if (d.publishedAt) para(doc, `Publié en ligne le ${dayInFigures(parisDay(d.publishedAt))}`)
  })
}
