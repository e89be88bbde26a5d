import { type AttendanceLine, checkProxies, seatsPresent } from './domain/attendance.ts'
import { parisDay, rulesForMeeting } from './domain/body-rules.ts'
import { checkConvocationDelay } from './domain/convocation.ts'
import { computeQuorum, presentForItem } from './domain/quorum.ts'
import { checkTypedRecord, type Discrepancy } from './domain/typed-record.ts'
import { computeVote, type EMPTY_TOTALS, VoteError, type VoteResult } from './domain/votes.ts'
import type { MeetingRows } from './meeting-queries.ts'

export const deliberationNumber = (d: { year: number; seq: number }) => `${d.year}-${d.seq}`

/** Whether a delegate's mandate covers a day (YYYY-MM-DD). */
function inOffice(d: { mandateStart: string; mandateEnd: string | null }, day: string): boolean {
  return d.mandateStart <= day && (d.mandateEnd === null || day <= d.mandateEnd)
}

/**
 * The meeting as the register computes it: who sits, which proxies count, the quorum at the opening and
 * for each item, each vote's result, and every difference between what was typed and what is computed.
 */
export function computeMeetingState(rows: MeetingRows) {
  const { meeting } = rows
  const day = parisDay(meeting.heldAt)
  const { rules, regime } = rulesForMeeting(meeting.rules, day)
  const titulaires = rows.delegates.filter((d) => d.seat === 'titulaire' && inOffice(d, day))
  const attendanceById = new Map(rows.attendance.map((a) => [a.delegateId, a]))
  const fullName = (d: { firstName: string; lastName: string }) => `${d.firstName} ${d.lastName}`
  const lines = titulaires.map((d) => {
    const a = attendanceById.get(d.id)
    return {
      delegateId: d.id,
      name: fullName(d),
      civility: d.civility,
      memberName: d.memberName,
      status: a?.status ?? 'absent',
      substituteId: a?.substituteId ?? null,
      proxyHolderId: a?.proxyHolderId ?? null,
      proxyMeetingCount: a?.proxyMeetingCount ?? 1,
      convocationSentAt: a?.convocationSentAt ?? null,
      acknowledgedAt: a?.acknowledgedAt ?? null,
    }
  })
  const domainLines: AttendanceLine[] = lines
  const membersInOffice = titulaires.length
  const openingPresent = seatsPresent(domainLines)
  const openingProxies = checkProxies(domainLines, rules)
  const quorum = computeQuorum(
    {
      membersInOffice,
      present: openingPresent.length,
      represented: openingProxies.valid.length,
      secondConvocation: meeting.secondConvocation,
    },
    rules,
  )
  const convocation = meeting.convocationSentAt
    ? checkConvocationDelay(parisDay(meeting.convocationSentAt), day, rules, {
        emergency: meeting.emergency,
        secondConvocation: meeting.secondConvocation,
      })
    : null

  const attendanceFlags: Discrepancy[] = []
  const typedAttendance = meeting.typedAttendance as {
    present: number
    absent: number
    excused: number
    proxies: number
  } | null
  if (typedAttendance) {
    const computed = {
      present: openingPresent.length,
      absent: domainLines.filter((l) => l.status === 'absent').length,
      excused: domainLines.filter((l) => l.status === 'excused').length,
      proxies: openingProxies.valid.length,
    }
    const labels = {
      present: 'présents',
      absent: 'absents',
      excused: 'excusés',
      proxies: 'pouvoirs',
    } as const
    for (const key of ['present', 'absent', 'excused', 'proxies'] as const) {
      if (typedAttendance[key] !== computed[key]) {
        attendanceFlags.push({
          field: `attendance.${key}`,
          typed: String(typedAttendance[key]),
          computed: String(computed[key]),
          message: `Le tableau imprimé compte ${typedAttendance[key]} ${labels[key]}, la liste des délégués en donne ${computed[key]}.`,
        })
      }
    }
  }

  const president = lines.find((l) => l.delegateId === meeting.presidentId)
  const items = rows.items.map((item) => {
    const present = presentForItem(openingPresent, rows.movements, item.position, item.withdrawn)
    const proxies = checkProxies(domainLines, rules, present)
    const itemQuorum = computeQuorum(
      {
        membersInOffice,
        present: present.size,
        represented: proxies.valid.length,
        secondConvocation: meeting.secondConvocation,
      },
      rules,
    )
    let vote: VoteResult | null = null
    let voteError: string | null = null
    const totals = item.totals as typeof EMPTY_TOTALS | null
    if (totals) {
      const presidentChoice =
        item.presidentChoice ??
        (item.ballots as { voterId: string; onBehalfOf: string | null; choice: string }[] | null)?.find(
          (b) => b.voterId === meeting.presidentId && b.onBehalfOf === null,
        )?.choice ??
        null
      try {
        vote = computeVote(
          totals,
          { mode: item.voteMode, presidentChoice: presidentChoice as never },
          rules,
          present.size + proxies.valid.length,
        )
      } catch (error) {
        if (!(error instanceof VoteError)) throw error
        voteError = error.message
      }
    }
    const typed = item.typed as {
      exprimes: number | null
      statesQuorumMet: boolean
      statesAdopted: boolean | null
    } | null
    let flags: Discrepancy[] = []
    if (typed && totals) {
      flags = checkTypedRecord(
        {
          membersInOffice,
          present: present.size,
          absent: 0,
          excused: membersInOffice - present.size,
          proxies: proxies.valid.length,
          pour: totals.pour,
          contre: totals.contre,
          abstention: totals.abstention,
          blancNul: totals.blancNul,
          exprimes: typed.exprimes,
          statesQuorumMet: typed.statesQuorumMet,
          statesAdopted: typed.statesAdopted,
          secondConvocation: meeting.secondConvocation,
          mode: item.voteMode,
        },
        rules,
      ).discrepancies
    } else if (!itemQuorum.met && totals) {
      flags = [
        {
          field: 'quorum',
          typed: '',
          computed: `${itemQuorum.counted} pour un quorum de ${itemQuorum.required}`,
          message: `Le quorum n’est pas atteint pour ce point (${itemQuorum.counted} sur ${itemQuorum.required} requis) : le vote ne peut pas valoir délibération.`,
        },
      ]
    }
    const deliberation = rows.deliberations.find((d) => d.itemId === item.id)
    return {
      id: item.id,
      position: item.position,
      title: item.title,
      voteMode: item.voteMode,
      present: present.size,
      represented: proxies.valid.length,
      quorum: itemQuorum,
      vote,
      voteError,
      typed,
      presentIds: [...present],
      proxies: proxies.valid,
      withdrawn: item.withdrawn,
      ballots: item.ballots,
      flags,
      deliberation: deliberation
        ? {
            id: deliberation.id,
            number: deliberationNumber(deliberation),
            object: deliberation.object,
            publishedAt: deliberation.publishedAt,
          }
        : null,
    }
  })

  return {
    id: meeting.id,
    bodyId: meeting.bodyId,
    bodyName: meeting.bodyName,
    department: meeting.department,
    siret: meeting.siret,
    heldAt: meeting.heldAt,
    place: meeting.place,
    emergency: meeting.emergency,
    secondConvocation: meeting.secondConvocation,
    convocationChannel: meeting.convocationChannel,
    convocationSentAt: meeting.convocationSentAt,
    presidentId: meeting.presidentId,
    presidentName: president
      ? `${president.civility === 'Mme' ? 'Madame' : 'Monsieur'} ${president.name}`
      : null,
    secretaryId: meeting.secretaryId,
    regime: regime?.label ?? null,
    rules,
    membersInOffice,
    attendance: lines.map(({ proxyMeetingCount: _, ...line }) => line),
    proxyIssues: openingProxies.issues,
    validProxies: openingProxies.valid,
    movements: rows.movements.map(({ id, delegateId, kind, beforeItem }) => ({
      id,
      delegateId,
      kind,
      beforeItem,
    })),
    quorum,
    convocation,
    typedAttendance,
    attendanceFlags,
    delegates: rows.delegates,
    items: items,
  }
}

export type MeetingState = ReturnType<typeof computeMeetingState>
