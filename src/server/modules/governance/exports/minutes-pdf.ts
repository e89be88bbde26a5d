import { renderPdf } from '../../accounts/index.ts'
import { parisDay } from '../domain/body-rules.ts'
import type { MeetingState } from '../meeting-state.ts'
import { MARGIN, para, tableRow } from './extract-pdf.ts'
import { dayInWords } from './french-words.ts'

/**
 * The procès-verbal of a meeting: who sat, was excused or absent and who held whose proxy, the quorum
 * as computed at the opening, then each item with the quorum, the vote and its wording as computed, and
 * the deliberation it became.
 */
export function minutesPdf(meeting: MeetingState, syndicateName: string): Promise<Buffer> {
  return renderPdf(`Procès-verbal du ${parisDay(meeting.heldAt)}`, (doc) => {
    doc.addPage({ size: 'A4', margin: MARGIN })
    doc.y = MARGIN
    para(doc, syndicateName.toUpperCase(), { font: 'Helvetica-Bold', size: 11, align: 'center', gap: 0.2 })
    para(doc, `PROCÈS-VERBAL DE LA SÉANCE DU ${meeting.bodyName.toUpperCase()}`, {
      font: 'Helvetica-Bold',
      size: 13,
      align: 'center',
      gap: 0.2,
    })
    para(doc, `du ${dayInWords(parisDay(meeting.heldAt))}`, { align: 'center', gap: 1 })
    const chair = meeting.presidentName ? `, sous la présidence de ${meeting.presidentName}` : ''
    para(doc, `Le ${meeting.bodyName.toLowerCase()} s’est réuni ${meeting.place}${chair}.`, { gap: 0.8 })
    tableRow(doc, ['Collectivité', 'Membre', 'Présents', 'Absents', 'Excusés', 'Pouvoir à'], { bold: true })
    const names = new Map(meeting.attendance.map((l) => [l.delegateId, `${l.civility} ${l.name}`]))
    for (const line of meeting.attendance) {
      const sits = line.status === 'present' || line.status === 'substituted'
      tableRow(doc, [
        line.memberName,
        `${line.civility} ${line.name}`,
        sits ? 'X' : '',
        line.status === 'absent' ? 'X' : '',
        line.status === 'excused' ? 'X' : '',
        line.proxyHolderId ? (names.get(line.proxyHolderId) ?? '') : '',
      ])
    }
    doc.moveDown(0.8)
    para(doc, meeting.quorum.sentence, { gap: 0.8 })
    for (const item of meeting.items) {
      para(doc, `${item.position}. ${item.title}`, { font: 'Helvetica-Bold', gap: 0.3 })
      para(doc, `${item.present} présents, ${item.represented} représentés. ${item.quorum.sentence}`, {
        gap: 0.2,
      })
      if (item.vote) {
        const t = item.vote.totals
        para(
          doc,
          `Vote : ${t.pour} pour, ${t.contre} contre, ${t.abstention} abstentions ; suffrages exprimés : ${item.vote.exprimes}. ${item.vote.wording}.`,
          { gap: 0.2 },
        )
      } else para(doc, 'Point non voté.', { gap: 0.2 })
      if (item.deliberation) para(doc, `Délibération n° ${item.deliberation.number}.`, { gap: 0.2 })
      for (const flag of item.flags) para(doc, `Écart relevé au registre : ${flag.message}`, { gap: 0.2 })
      doc.moveDown(0.5)
    }
    doc.moveDown(1)
    para(doc, 'Le secrétaire de séance,                                        Le Président,', {
      align: 'left',
      gap: 2,
    })
  })
}
