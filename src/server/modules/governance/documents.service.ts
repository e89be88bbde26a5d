import type { Db } from '../../db/connection.ts'
import { notFound } from '../../plugins/errors.ts'
import { readDeployment } from '../deployment/index.ts'
import { listPublishedDeliberations, readDeliberation } from './deliberations.service.ts'
import { parisDay } from './domain/body-rules.ts'
import { type ActesInput, actesActXml, actesEnvelopeXml, actesFileNames } from './exports/actes.ts'
import { extractPdf } from './exports/extract-pdf.ts'
import { minutesPdf } from './exports/minutes-pdf.ts'
import { matiereName, type ScdlRow, scdlCsv } from './exports/scdl.ts'
import { readMeeting } from './meetings.service.ts'

async function syndicateName(db: Db): Promise<string> {
  return (await readDeployment(db)).identity.name
}

export async function deliberationExtract(
  db: Db,
  deliberationId: string,
  options: { publishedOnly: boolean },
) {
  const view = await readDeliberation(db, deliberationId)
  if (options.publishedOnly && !view.deliberation.publishedAt) throw notFound('Délibération introuvable.')
  const pdf = await extractPdf(view, await syndicateName(db))
  return { pdf, fileName: `deliberation-${view.deliberation.number}.pdf` }
}

/** The two XML files of the @CTES transmission of a deliberation. */
export async function deliberationActes(db: Db, deliberationId: string, part: 'acte' | 'enveloppe') {
  const view = await readDeliberation(db, deliberationId)
  const siret = view.meeting.siret
  const input: ActesInput = {
    department: view.meeting.department,
    siren: siret ? siret.slice(0, 9) : '000000000',
    number: view.deliberation.number,
    decidedAt: view.meeting.heldAt,
    object: view.deliberation.object,
    natureCode: view.deliberation.natureCode,
    classification: view.deliberation.classification,
    annexes: view.deliberation.annexes.map((a) => a.title),
    referent: { name: await syndicateName(db), email: null },
  }
  const names = actesFileNames(input)
  return part === 'acte'
    ? { xml: actesActXml(input), fileName: names.act }
    : { xml: actesEnvelopeXml(input), fileName: names.envelope }
}

/**
 * The published deliberations with their vote wording. Meetings are computed once each (a register holds
 * a few meetings a year, each with several deliberations).
 */
export async function publishedWithVotes(db: Db, year?: number) {
  const rows = await listPublishedDeliberations(db, year)
  const meetings = new Map<string, Awaited<ReturnType<typeof readMeeting>>>()
  for (const meetingId of new Set(rows.map((r) => r.meetingId)))
    meetings.set(meetingId, await readMeeting(db, meetingId))
  return rows.map((row) => {
    const meeting = meetings.get(row.meetingId)
    const item = meeting?.items.find((i) => i.id === row.itemId)
    return { row, meeting, item }
  })
}

export async function registerCsv(db: Db, publicUrl: string): Promise<string> {
  const name = await syndicateName(db)
  const rows: ScdlRow[] = (await publishedWithVotes(db)).map(({ row, meeting, item }) => ({
    COLL_NOM: name,
    COLL_SIRET: meeting?.siret ?? '',
    DELIB_ID: `${row.year}-${row.seq}`,
    DELIB_DATE: parisDay(row.heldAt),
    DELIB_MATIERE_CODE: row.classification,
    DELIB_MATIERE_NOM: matiereName(row.classification),
    DELIB_OBJET: row.object,
    BUDGET_ANNEE: null,
    BUDGET_NOM: null,
    PREF_ID: null,
    PREF_DATE: row.transmittedAt ? parisDay(row.transmittedAt) : null,
    VOTE_EFFECTIF: meeting?.membersInOffice ?? null,
    VOTE_REEL: item ? item.present + item.represented : null,
    VOTE_POUR: item?.vote?.totals.pour ?? null,
    VOTE_CONTRE: item?.vote?.totals.contre ?? null,
    VOTE_ABSTENTION: item?.vote?.totals.abstention ?? null,
    DELIB_URL: `${publicUrl}/api/public/deliberations/${row.id}/extrait.pdf`,
  }))
  return scdlCsv(rows)
}

/** The procès-verbal of a meeting (PDF). */
export async function meetingMinutes(db: Db, meetingId: string) {
  const meeting = await readMeeting(db, meetingId)
  return {
    pdf: await minutesPdf(meeting, await syndicateName(db)),
    fileName: `proces-verbal-${parisDay(meeting.heldAt)}.pdf`,
  }
}
