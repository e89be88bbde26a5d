import type { z } from 'zod'
import type { MovementBody } from '../../../contract/governance.ts'
import type { Db } from '../../db/connection.ts'
import { fieldProblem, notFound } from '../../plugins/errors.ts'
import { type AuditAuthor, auditedChange } from '../audit/index.ts'
import { readMeeting } from './meetings.service.ts'

/**
 * What happens in the room once the meeting is open: a delegate arrives late or leaves before an item,
 * or withdraws from one item for a personal interest. Each changes who is present for the following
 * items, so the quorum of each item is computed again from them (`meeting-state.ts`).
 */

export async function recordMovement(
  db: Db,
  author: AuditAuthor,
  meetingId: string,
  body: z.output<typeof MovementBody>,
): Promise<void> {
  const state = await readMeeting(db, meetingId)
  if (!state.attendance.some((l) => l.delegateId === body.delegateId))
    throw fieldProblem('delegateId', 'Ce délégué ne siège pas à cette séance.')
  if (!state.items.some((i) => i.position === body.beforeItem))
    throw fieldProblem('beforeItem', 'Ce point n’est pas à l’ordre du jour de la séance.')
  await auditedChange(
    db,
    author,
    (trx) =>
      trx
        .insertInto('governanceMovements')
        .values({ meetingId, ...body })
        .execute(),
    () => ({
      action: 'governance.recordMovement',
      target: { type: 'governance-meeting', id: meetingId },
      details: { delegateId: body.delegateId, kind: body.kind, beforeItem: body.beforeItem },
    }),
  )
}

export async function removeMovement(
  db: Db,
  author: AuditAuthor,
  meetingId: string,
  movementId: string,
): Promise<void> {
  await auditedChange(
    db,
    author,
    async (trx) => {
      const deleted = await trx
        .deleteFrom('governanceMovements')
        .where('id', '=', movementId)
        .where('meetingId', '=', meetingId)
        .executeTakeFirst()
      if (!deleted.numDeletedRows) throw notFound('Mouvement introuvable.')
    },
    () => ({ action: 'governance.removeMovement', target: { type: 'governance-meeting', id: meetingId } }),
  )
}

/** The delegates who leave the room for one item (a personal interest): they neither count nor vote. */
export async function recordWithdrawals(
  db: Db,
  author: AuditAuthor,
  itemId: string,
  withdrawn: string[],
): Promise<string> {
  const item = await db
    .selectFrom('governanceItems')
    .select(['meetingId'])
    .where('id', '=', itemId)
    .executeTakeFirst()
  if (!item) throw notFound('Point de l’ordre du jour introuvable.')
  const state = await readMeeting(db, item.meetingId)
  const sitting = new Set(state.attendance.map((l) => l.delegateId))
  if (withdrawn.some((id) => !sitting.has(id)))
    throw fieldProblem('withdrawn', 'Un délégué qui se retire doit siéger à cette séance.')
  const unique = [...new Set(withdrawn)]
  await auditedChange(
    db,
    author,
    (trx) => trx.updateTable('governanceItems').set({ withdrawn: unique }).where('id', '=', itemId).execute(),
    () => ({
      action: 'governance.recordWithdrawals',
      target: { type: 'governance-item', id: itemId },
      details: { withdrawn: unique.length },
    }),
  )
  return item.meetingId
}
