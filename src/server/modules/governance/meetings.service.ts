import { sql } from 'kysely'
import type { z } from 'zod'
import type {
  AttendanceBody,
  CreateMeetingBody,
  TypedAttendanceBody,
  VoteBody,
} from '../../../contract/governance.ts'
import type { Db } from '../../db/connection.ts'
import { fieldProblem, notFound } from '../../plugins/errors.ts'
import { type AuditAuthor, auditedChange } from '../audit/index.ts'
import { checkProxies } from './domain/attendance.ts'
import { parisDay } from './domain/body-rules.ts'
import { presentForItem } from './domain/quorum.ts'
import { type Ballot, computeVote, totalsOfBallots, VoteError } from './domain/votes.ts'
import { loadMeetingRows } from './meeting-queries.ts'
import { computeMeetingState, type MeetingState } from './meeting-state.ts'

export async function readMeeting(db: Db, meetingId: string): Promise<MeetingState> {
  const rows = await loadMeetingRows(db, meetingId)
  if (!rows) throw notFound('Séance introuvable.')
  return computeMeetingState(rows)
}

/** A new meeting of a body: every titular delegate in office starts absent, ready for the roll-call. */
export async function createMeeting(db: Db, author: AuditAuthor, body: z.output<typeof CreateMeetingBody>) {
  const found = await db
    .selectFrom('governanceBodies')
    .select('id')
    .where('id', '=', body.bodyId)
    .executeTakeFirst()
  if (!found) throw fieldProblem('bodyId', 'Instance introuvable.')
  const day = parisDay(body.heldAt)
  return auditedChange(
    db,
    author,
    async (trx) => {
      const meeting = await trx
        .insertInto('governanceMeetings')
        .values({
          bodyId: body.bodyId,
          heldAt: body.heldAt,
          place: body.place,
          emergency: body.emergency,
          secondConvocation: body.secondConvocation,
          presidentId: body.presidentId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      // One set-based insert for the whole body.
      await trx
        .insertInto('governanceAttendance')
        .columns(['meetingId', 'delegateId'])
        .expression((eb) =>
          eb
            .selectFrom('governanceDelegates')
            .select([sql<string>`${meeting.id}::uuid`.as('meetingId'), 'id as delegateId'])
            .where('bodyId', '=', body.bodyId)
            .where('seat', '=', 'titulaire')
            .where('mandateStart', '<=', day)
            .where((w) => w.or([w('mandateEnd', 'is', null), w('mandateEnd', '>=', day)])),
        )
        .execute()
      return meeting.id
    },
    (id) => ({
      action: 'governance.createMeeting',
      target: { type: 'governance-meeting', id },
      details: { heldAt: body.heldAt.toISOString() },
    }),
  )
}

/**
 * Records one delegate's attendance. A proxy is refused when it cannot count (the holder is not present,
 * already holds the most the rules allow, or is the giver); a delegate who becomes present loses their
 * proxy. Changes to a holder that make proxies fail are shown on the meeting, not refused: the roll-call
 * is typed in any order during the meeting.
 */
export async function recordAttendance(
  db: Db,
  author: AuditAuthor,
  meetingId: string,
  delegateId: string,
  body: z.output<typeof AttendanceBody>,
): Promise<void> {
  const state = await readMeeting(db, meetingId)
  const line = state.attendance.find((l) => l.delegateId === delegateId)
  if (!line) throw notFound('Ce délégué ne siège pas à cette séance.')
  const sits = body.status === 'present' || body.status === 'substituted'
  const proxyHolderId = sits ? null : body.proxyHolderId
  if (body.status === 'substituted') {
    const substitute = state.delegates.find((d) => d.id === body.substituteId && d.seat === 'suppleant')
    if (!substitute)
      throw fieldProblem('substituteId', 'Choisissez le suppléant qui siège à la place du titulaire.')
  }
  if (proxyHolderId) {
    const lines = state.attendance.map((l) =>
      l.delegateId === delegateId ? { ...l, status: body.status, proxyHolderId } : l,
    )
    const issue = checkProxies(lines, state.rules).issues.find((i) => i.giverId === delegateId)
    if (issue) throw fieldProblem('proxyHolderId', issue.message)
  }
  await auditedChange(
    db,
    author,
    (trx) =>
      trx
        .updateTable('governanceAttendance')
        .set({
          status: body.status,
          proxyHolderId,
          substituteId: body.status === 'substituted' ? body.substituteId : null,
        })
        .where('meetingId', '=', meetingId)
        .where('delegateId', '=', delegateId)
        .execute(),
    () => ({
      action: 'governance.recordAttendance',
      target: { type: 'governance-meeting', id: meetingId },
      details: { delegateId, status: body.status },
    }),
  )
}

/** The totals printed in a paper record's attendance table, kept to be compared with the list. */
export async function recordTypedAttendance(
  db: Db,
  author: AuditAuthor,
  meetingId: string,
  typed: z.output<typeof TypedAttendanceBody>,
): Promise<void> {
  await auditedChange(
    db,
    author,
    async (trx) => {
      const updated = await trx
        .updateTable('governanceMeetings')
        .set({ typedAttendance: JSON.stringify(typed) })
        .where('id', '=', meetingId)
        .executeTakeFirst()
      if (!updated.numUpdatedRows) throw notFound('Séance introuvable.')
    },
    () => ({
      action: 'governance.recordTypedAttendance',
      target: { type: 'governance-meeting', id: meetingId },
    }),
  )
}

export async function addItem(
  db: Db,
  author: AuditAuthor,
  meetingId: string,
  title: string,
): Promise<string> {
  return auditedChange(
    db,
    author,
    async (trx) => {
      const meeting = await trx
        .selectFrom('governanceMeetings')
        .select('id')
        .where('id', '=', meetingId)
        .forUpdate()
        .executeTakeFirst()
      if (!meeting) throw notFound('Séance introuvable.')
      const last = await trx
        .selectFrom('governanceItems')
        .select((eb) => eb.fn.max('position').as('position'))
        .where('meetingId', '=', meetingId)
        .executeTakeFirst()
      const item = await trx
        .insertInto('governanceItems')
        .values({ meetingId, title, position: (last?.position ?? 0) + 1 })
        .returning('id')
        .executeTakeFirstOrThrow()
      return item.id
    },
    (id) => ({ action: 'governance.addItem', target: { type: 'governance-item', id }, details: { title } }),
  )
}

/**
 * Records the vote of an item: typed totals (a show of hands, or a paper record), or a roll-call's
 * ballots (a proxy holder casts one for each giver), or a secret ballot's totals. More voters than members
 * present and represented is refused, unless the vote is typed from a paper record: then it is kept as
 * printed and flagged.
 */
export async function recordVote(
  db: Db,
  author: AuditAuthor,
  itemId: string,
  body: z.output<typeof VoteBody>,
) {
  const item = await db
    .selectFrom('governanceItems')
    .select(['meetingId', 'position', 'withdrawn'])
    .where('id', '=', itemId)
    .executeTakeFirst()
  if (!item) throw notFound('Point de l’ordre du jour introuvable.')
  const state = await readMeeting(db, item.meetingId)
  const sitting = new Set(state.attendance.map((l) => l.delegateId))
  const withdrawn = body.withdrawn ?? item.withdrawn
  for (const id of withdrawn) {
    if (!sitting.has(id))
      throw fieldProblem('withdrawn', 'Un délégué qui se retire doit siéger à cette séance.')
  }
  // Who is present for this item, with the withdrawals now declared.
  const presentHere = presentForItem(
    state.attendance
      .filter((l) => l.status === 'present' || l.status === 'substituted')
      .map((l) => l.delegateId),
    state.movements,
    item.position,
    withdrawn,
  )
  let ballots: Ballot[] | null = null
  let totals = body.totals
  if (body.mode === 'roll_call') {
    if (!body.ballots?.length)
      throw fieldProblem('ballots', 'Un vote par appel nominal enregistre le vote de chaque délégué.')
    ballots = body.ballots
    const proxies = new Set(state.validProxies.map((p) => `${p.holderId}>${p.giverId}`))
    const seen = new Set<string>()
    for (const b of ballots) {
      const voice = b.onBehalfOf ?? b.voterId
      if (seen.has(voice))
        throw fieldProblem('ballots', 'Chaque délégué ne vote qu’une fois, pour lui-même ou par procuration.')
      seen.add(voice)
      if (b.onBehalfOf && !proxies.has(`${b.voterId}>${b.onBehalfOf}`)) {
        throw fieldProblem('ballots', 'Un délégué ne vote pour un autre qu’avec sa procuration valable.')
      }
      if (!sitting.has(b.voterId)) throw fieldProblem('ballots', 'Seuls les délégués de la séance votent.')
      if (!presentHere.has(b.voterId))
        throw fieldProblem('ballots', 'Seuls les délégués présents pour ce point votent.')
    }
    totals = totalsOfBallots(ballots)
  }
  if (!totals) throw fieldProblem('totals', 'Indiquez le nombre de voix pour, contre et d’abstentions.')
  const itemState = state.items.find((i) => i.id === itemId)
  if (!body.typed && itemState) {
    const present = presentHere.size
    try {
      computeVote(
        totals,
        { mode: body.mode, presidentChoice: body.presidentChoice },
        state.rules,
        present + itemState.represented,
      )
    } catch (error) {
      if (error instanceof VoteError) throw fieldProblem('totals', error.message)
      throw error
    }
  }
  const saved = totals
  await auditedChange(
    db,
    author,
    (trx) =>
      trx
        .updateTable('governanceItems')
        .set({
          voteMode: body.mode,
          totals: JSON.stringify(saved),
          ballots: ballots ? JSON.stringify(ballots) : null,
          presidentChoice: body.presidentChoice,
          withdrawn,
          typed: body.typed ? JSON.stringify(body.typed) : null,
        })
        .where('id', '=', itemId)
        .execute(),
    () => ({
      action: 'governance.recordVote',
      target: { type: 'governance-item', id: itemId },
      details: { outcome: 'recorded' },
    }),
  )
  const after = await readMeeting(db, item.meetingId)
  return after
}
