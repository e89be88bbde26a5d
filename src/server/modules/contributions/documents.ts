import { CALL_CSV_COLUMNS, type Line, type LinesResponse } from '../../../contract/contributions.ts'
import { A4, fittedLine, paragraph, renderPdf, toWinAnsi } from '../accounts/index.ts'

/**
 * The call for funds: a PDF notice per member (the syndicate's identity, the deliberation, the member's
 * counts and the breakdown of its amount) and a CSV for the accounting software.
 */

const euros = (cents: number) =>
  `${(cents / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`
const frenchDate = (iso: string) => iso.split('-').reverse().join('/')

const PART_LABEL: Record<Line['breakdown'][number]['part'], string> = {
  perMember: 'Forfait par membre',
  perSchool: 'Par école',
  perClass: 'Par classe',
  perPupilAccount: 'Par compte élève ouvert',
  perInhabitant: 'Par habitant',
  floor: 'Complément au plancher',
  cap: 'Réduction au plafond',
  proRata: 'Prorata temporis',
  fixedTotal: 'Répartition du total fixé (plus forts restes)',
}

export function partDescription(item: Line['breakdown'][number], line: Line): string {
  if (item.part === 'proRata') return `${PART_LABEL.proRata} : ${line.days} jours sur ${line.daysInYear}`
  if (item.units !== null && item.rateCents !== null)
    return `${PART_LABEL[item.part]} : ${item.units.toLocaleString('fr-FR')} × ${euros(item.rateCents)}`
  return PART_LABEL[item.part]
}

export function renderNotice(
  syndicate: { name: string; address: string | null },
  call: LinesResponse,
  line: Line,
): Promise<Buffer> {
  const { rule } = call
  return renderPdf(`Appel de contribution ${rule.year} — ${line.name}`, (doc) => {
    doc.addPage({ size: 'A4', margin: 0 })
    const left = 56
    const width = A4.width - 2 * left
    fittedLine(doc, syndicate.name, { x: left, y: 56, width, font: 'Helvetica-Bold', size: 14 })
    if (syndicate.address)
      paragraph(doc, syndicate.address, { x: left, y: 76, width: width / 2, font: 'Helvetica', size: 10 })
    fittedLine(doc, line.name, {
      x: left + width / 2,
      y: 130,
      width: width / 2,
      font: 'Helvetica-Bold',
      size: 12,
    })
    fittedLine(doc, `Appel de contribution ${rule.year}`, {
      x: left,
      y: 200,
      width,
      font: 'Helvetica-Bold',
      size: 18,
    })
    const deliberation = rule.deliberation
      ? `Délibération n° ${rule.deliberation.reference} du comité syndical du ${frenchDate(rule.deliberation.date)}`
      : ''
    paragraph(
      doc,
      `${deliberation}${rule.version > 1 ? ` (version ${rule.version} de la règle${rule.reason ? ` : ${rule.reason}` : ''})` : ''}. Effectifs arrêtés au ${frenchDate(rule.referenceOn)}.`,
      { x: left, y: 230, width, font: 'Helvetica', size: 10 },
    )
    let y = 280
    const row = (label: string, amount: string, bold = false) => {
      fittedLine(doc, label, {
        x: left,
        y,
        width: width - 120,
        font: bold ? 'Helvetica-Bold' : 'Helvetica',
        size: 11,
      })
      doc
        .font(bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(11)
        .text(toWinAnsi(amount), left + width - 120, y, { width: 120, align: 'right' })
      y += 20
    }
    const c = line.counts
    paragraph(
      doc,
      `Écoles : ${c.schools} · Classes : ${c.classes} · Comptes élèves ouverts : ${c.pupilAccounts} · Population légale ${c.populationYear} : ${c.population.toLocaleString('fr-FR')} habitants · Adhésion au ${frenchDate(c.joinedOn)}${c.leftOn ? ` · Retrait au ${frenchDate(c.leftOn)}` : ''}`,
      { x: left, y, width, font: 'Helvetica', size: 10 },
    )
    y += 44
    for (const item of line.breakdown) row(partDescription(item, line), euros(item.cents))
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .stroke()
    y += 8
    row('Montant dû', euros(line.amountCents), true)
    y += 20
    paragraph(
      doc,
      'Montants en centimes exacts ; le prorata temporis est arrondi une fois, au centime le plus proche (demi-centime vers le haut).',
      { x: left, y, width, font: 'Helvetica-Oblique', size: 9 },
    )
  })
}

/** A CSV cell: `;`-separated (French spreadsheets), quoted when needed, formula characters neutralised. */
function cell(value: string | number): string {
  let text = String(value)
  if (/^[=+\-@]/.test(text) && typeof value === 'string') text = `'${text}`
  return /[;"\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function callsCsv(call: LinesResponse): string {
  const { rule } = call
  const rows = call.lines.map((line) =>
    [
      rule.year,
      rule.version,
      rule.deliberation?.reference ?? '',
      rule.deliberation?.date ?? '',
      line.siren,
      line.name,
      line.amountCents,
      (line.amountCents / 100).toFixed(2).replace('.', ','),
      line.days,
      line.daysInYear,
      rule.referenceOn,
      `Contribution ${rule.year} au syndicat`,
    ]
      .map(cell)
      .join(';'),
  )
  return `\ufeff${[CALL_CSV_COLUMNS.join(';'), ...rows].join('\r\n')}\r\n`
}
