import type { FeedApp, FeedPage, UnreadCounts } from '../../../contract/feed.ts'
import type { Db } from '../../db/connection.ts'
import { notFound } from '../../plugins/errors.ts'
import { personAnswers } from '../../plugins/realtime/answers.ts'
import { notifyUsers } from '../../plugins/realtime/notify.ts'
import { type AuditAuthor, auditedChange } from '../audit/index.ts'
import { publishFeedItem } from './publish.ts'
import {
  countUnread,
  findDelivery,
  findFeedPage,
  markAppRead,
  markItemRead,
  schoolDirectionSql,
} from './queries.ts'

const ITEM_NOT_FOUND = 'Élément du fil introuvable.'

export async function readFeedPage(
  db: Db,
  userId: string,
  page: { before?: string | undefined; app?: FeedApp | undefined; limit: number },
): Promise<FeedPage> {
  const rows = await findFeedPage(db, userId, page)
  const items = rows.slice(0, page.limit)
  return { items, next: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null }
}

export async function readUnreadCounts(db: Db, userId: string): Promise<UnreadCounts> {
  const counts = await countUnread(db, userId)
  return {
    byApp: Object.fromEntries(counts.map(({ app, count }) => [app, count])),
    total: counts.reduce((sum, { count }) => sum + count, 0),
  }
}

/** Marks one item read; the person's other open tabs and devices hear of it. */
export async function readItem(db: Db, userId: string, itemId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await markItemRead(trx, userId, itemId))) throw notFound(ITEM_NOT_FOUND)
    await notifyUsers(trx, [userId], { type: 'feed.read', id: itemId })
  })
  // Committed: this instance's next answer shows it (the others hear the notice).
  personAnswers.forget([userId])
}

export async function readApp(db: Db, userId: string, app: FeedApp): Promise<number> {
  const marked = await db.transaction().execute(async (trx) => {
    const count = await markAppRead(trx, userId, app)
    if (count > 0) await notifyUsers(trx, [userId], { type: 'feed.read', app })
    return count
  })
  if (marked > 0) personAnswers.forget([userId])
  return marked
}

/**
 * « Signaler » an item as inappropriate: the school's direction finds it in its feed (with the reason,
 * leading to the school's audit trail) and the report is in the trail, in one transaction. Only a
 * recipient may report an item; anyone else is answered as if it did not exist.
 */
export async function reportItem(
  db: Db,
  author: AuditAuthor & { actorId: string },
  itemId: string,
  reason: string,
): Promise<void> {
  const item = await findDelivery(db, author.actorId, itemId)
  if (!item) throw notFound(ITEM_NOT_FOUND)
  await auditedChange(
    db,
    author,
    (trx) =>
      publishFeedItem(trx, {
        app: 'school-admin',
        schoolId: item.schoolId,
        actorId: author.actorId,
        audience: schoolDirectionSql(item.schoolId),
        kind: 'feed.reported',
        title: `Signalement : « ${item.title.slice(0, 150)} »`,
        summary: reason || 'Signalé comme inapproprié, sans raison donnée.',
        link: `/ecoles/${item.schoolId}/administration/journal`,
        sourceId: item.id,
      }),
    () => ({
      action: 'feed.reportItem',
      schoolId: item.schoolId,
      target: { type: 'feed-item', id: item.id },
      details: { title: item.title, app: item.app, reason },
    }),
  )
}
