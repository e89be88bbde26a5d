import { sql } from 'kysely'
import type { FeedApp, FeedItem } from '../../../contract/feed.ts'
import type { Db } from '../../db/connection.ts'

/**
 * « My feed »: a range of the deliveries' primary key (recipient, item id — UUID v7, so newest first),
 * joined to the items by their key; `limit + 1` rows tell whether a next page exists.
 */
export async function findFeedPage(
  db: Db,
  recipientId: string,
  page: { before?: string | undefined; app?: FeedApp | undefined; limit: number },
): Promise<FeedItem[]> {
  let query = db
    .selectFrom('feedDeliveries as d')
    .innerJoin('feedItems as i', (join) =>
      join.onRef('i.schoolId', '=', 'd.schoolId').onRef('i.id', '=', 'd.itemId'),
    )
    .leftJoin('users as u', 'u.id', 'i.actorId')
    .where('d.recipientId', '=', recipientId)
    .select([
      'i.id',
      'i.app',
      'i.kind',
      'i.schoolId',
      'i.title',
      'i.summary',
      'i.link',
      'i.createdAt',
      'd.readAt',
      'u.id as actorId',
      'u.displayName as actorName',
    ])
    .orderBy('d.itemId', 'desc')
    .limit(page.limit + 1)
  if (page.before) query = query.where('d.itemId', '<', page.before)
  if (page.app) query = query.where('d.app', '=', page.app)
  const rows = await query.execute()
  return rows.map((row) => ({
    id: row.id,
    app: row.app as FeedApp,
    kind: row.kind,
    schoolId: row.schoolId,
    actor: row.actorId && row.actorName ? { id: row.actorId, displayName: row.actorName } : null,
    title: row.title,
    summary: row.summary,
    link: row.link,
    createdAt: row.createdAt,
    read: row.readAt !== null,
  }))
}

/** Unread deliveries per application: an index-only count on the partial index of unread rows. */
export async function countUnread(db: Db, recipientId: string): Promise<{ app: string; count: number }[]> {
  const rows = await db
    .selectFrom('feedDeliveries')
    .where('recipientId', '=', recipientId)
    .where('readAt', 'is', null)
    .groupBy('app')
    .select(['app', sql<string>`count(*)`.as('count')])
    .execute()
  return rows.map((row) => ({ app: row.app, count: Number(row.count) }))
}

/** The delivery of an item to its recipient, or undefined when it was never theirs. */
export async function findDelivery(db: Db, recipientId: string, itemId: string) {
  return db
    .selectFrom('feedDeliveries as d')
    .innerJoin('feedItems as i', (join) =>
      join.onRef('i.schoolId', '=', 'd.schoolId').onRef('i.id', '=', 'd.itemId'),
    )
    .where('d.recipientId', '=', recipientId)
    .where('d.itemId', '=', itemId)
    .select(['i.id', 'i.schoolId', 'i.app', 'i.kind', 'i.title', 'i.actorId', 'd.readAt'])
    .executeTakeFirst()
}

/** Marks one item read for its recipient; false when it is not theirs. */
export async function markItemRead(db: Db, recipientId: string, itemId: string): Promise<boolean> {
  const result = await db
    .updateTable('feedDeliveries')
    .set({ readAt: sql`coalesce(read_at, now())` })
    .where('recipientId', '=', recipientId)
    .where('itemId', '=', itemId)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Marks every unread item of an application read for its recipient; returns how many. */
export async function markAppRead(db: Db, recipientId: string, app: FeedApp): Promise<number> {
  const result = await db
    .updateTable('feedDeliveries')
    .set({ readAt: sql`now()` })
    .where('recipientId', '=', recipientId)
    .where('app', '=', app)
    .where('readAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** The direction of a school (members with the director function): who hears of reported items. */
export function schoolDirectionSql(schoolId: string) {
  return sql`select m.user_id from memberships m
    where m.school_id = ${schoolId} and 'director' = any(m.functions) and m.left_at is null`
}
