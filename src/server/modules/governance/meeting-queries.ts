import type { Db } from '../../db/connection.ts'
import type { BodyRules } from './domain/body-rules.ts'

/** Everything a meeting's page shows, in six queries whatever the number of delegates or items. */
export async function loadMeetingRows(db: Db, meetingId: string) {
  const meeting = await db
    .selectFrom('governanceMeetings as m')
    .innerJoin('governanceBodies as b', 'b.id', 'm.bodyId')
    .select([
      'm.id',
      'm.bodyId',
      'b.name as bodyName',
      'b.kind as bodyKind',
      'b.rules',
      'b.department',
      'b.siret',
      'm.heldAt',
      'm.place',
      'm.presidentId',
      'm.secretaryId',
      'm.emergency',
      'm.secondConvocation',
      'm.convocationChannel',
      'm.convocationSentAt',
      'm.typedAttendance',
    ])
    .where('m.id', '=', meetingId)
    .executeTakeFirst()
  if (!meeting) return null
  const [delegates, attendance, movements, items, deliberations] = await Promise.all([
    db
      .selectFrom('governanceDelegates')
      .selectAll()
      .where('bodyId', '=', meeting.bodyId)
      .orderBy('memberName')
      .orderBy('lastName')
      .orderBy('firstName')
      .execute(),
    db.selectFrom('governanceAttendance').selectAll().where('meetingId', '=', meetingId).execute(),
    db.selectFrom('governanceMovements').selectAll().where('meetingId', '=', meetingId).execute(),
    db
      .selectFrom('governanceItems')
      .selectAll()
      .where('meetingId', '=', meetingId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('governanceDeliberations as d')
      .innerJoin('governanceItems as i', 'i.id', 'd.itemId')
      .select(['d.id', 'd.itemId', 'd.year', 'd.seq', 'd.object', 'd.publishedAt'])
      .where('i.meetingId', '=', meetingId)
      .execute(),
  ])
  return {
    meeting: { ...meeting, rules: meeting.rules as BodyRules },
    delegates,
    attendance,
    movements,
    items,
    deliberations,
  }
}

export type MeetingRows = NonNullable<Awaited<ReturnType<typeof loadMeetingRows>>>

export function listMeetings(db: Db) {
  return db
    .selectFrom('governanceMeetings as m')
    .innerJoin('governanceBodies as b', 'b.id', 'm.bodyId')
    .select((eb) => [
      'm.id',
      'b.name as bodyName',
      'm.heldAt',
      'm.place',
      'm.convocationSentAt',
      'm.convocationChannel',
      'm.secondConvocation',
      eb
        .selectFrom('governanceItems as i')
        .whereRef('i.meetingId', '=', 'm.id')
        .select(eb.fn.countAll<string>().as('n'))
        .as('items'),
    ])
    .orderBy('m.heldAt', 'desc')
    .limit(200)
    .execute()
}

export function listBodies(db: Db) {
  return db.selectFrom('governanceBodies').select(['id', 'kind', 'name', 'rules']).orderBy('kind').execute()
}
