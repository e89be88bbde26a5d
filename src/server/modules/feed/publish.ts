import { type RawBuilder, sql } from 'kysely'
import type { FeedApp } from '../../../contract/feed.ts'
import type { Db } from '../../db/connection.ts'
import { executePrepared } from '../../db/prepared.ts'
import { personAnswers } from '../../plugins/realtime/answers.ts'
import {
  type Audience,
  audienceRelation,
  IDS_PER_NOTIFICATION,
  notifyUsers,
  REALTIME_CHANNEL,
} from '../../plugins/realtime/notify.ts'

export type FeedItemInput = {
  /** The publishing application (an id of `FEED_APPS`). */
  app: FeedApp
  schoolId: string
  /** Who did it (shown as the author); null for the deployment itself. Never among the recipients. */
  actorId: string | null
  /** Who sees it: user ids, or a subquery of user ids (one column), evaluated in `db`. */
  audience: Audience
  /** `app.what`, e.g. `messaging.message`: lets the web choose an icon, lets a module find its items. */
  kind: string
  /** One line, plain text (200 characters at most). */
  title: string
  /** A short plain-text excerpt (500 characters at most, cut here when longer). */
  summary?: string
  /** Path in the web app where the item leads, e.g. `/messagerie/<id>`. */
  link: string
  /** The module's own id of what the item is about (a message, a mot…), for its own later use. */
  sourceId?: string | null
}

export type PublishedFeedItem = { id: string; recipients: number }

/** What an item says, whoever receives it. */
export type FeedItemContent = Omit<FeedItemInput, 'audience'>

/**
 * Publishes an event into the feed of its audience: one item, one delivery per recipient written by
 * one INSERT … SELECT, and a real-time notice to their open sockets. Call it with the transaction of
 * the change it reports (a school scope's `db` works too): the item, its deliveries and the notice
 * commit with the change, or not at all. E-mails follow from each person's preferences (the
 * notifications module's jobs read the deliveries); the publisher does nothing more.
 */
export async function publishFeedItem(db: Db, input: FeedItemInput): Promise<PublishedFeedItem> {
  // Who was delivered comes back only when the statement chose them (a subquery), as one text: a
  // list of ids is known already (its distinct ids but the actor).
  const listed = Array.isArray(input.audience)
  const statement = publication(input, { relation: audienceRelation(input.audience) }, !listed)
  // A list of ids gives the statement one shape whoever publishes: prepared, PostgreSQL plans it once
  // per connection (its planning was a tenth of a 700-recipient publication). A subquery audience
  // varies with its publisher, so it is planned each time.
  const { rows } = listed ? await executePrepared(db, statement) : await statement.execute(db)
  const row = rows[0]
  if (!row) throw new Error('feed item not inserted')
  // This instance forgets their cached answers now; the others when the notices reach them.
  if (listed) personAnswers.forget((input.audience as readonly string[]).filter((id) => id !== input.actorId))
  else if (row.recipientIds) personAnswers.forget(row.recipientIds.split(','))
  return { id: row.id, recipients: Number(row.recipients) }
}

/**
 * `publishFeedItem` to an audience the caller writes in the same statement: `audience` is the body of
 * a common table expression yielding one column of user ids — a query, or the caller's own
 * `insert … returning user_id` (a data-modifying CTE: PostgreSQL runs it once, at the top of this
 * statement). So a module that fans out its own rows (Messagerie's mailbox copies) delivers the feed
 * from the very rows it writes, in one round trip, and the ids never travel through Node. The feed
 * still writes its own tables, and reads none of the caller's: it only selects from `audience`. The
 * item is written even when the audience is empty (0 recipients): the caller decides whether that
 * is an error and rolls back.
 */
export async function publishFeedItemTo(
  db: Db,
  item: FeedItemContent,
  audience: RawBuilder<unknown>,
): Promise<PublishedFeedItem & { recipientIds: string[] }> {
  const statement = publication(
    item,
    { cte: sql`audience as (${audience}),`, relation: sql`audience as a(user_id)` },
    true,
  )
  const { rows } = await statement.execute(db)
  const row = rows[0]
  if (!row) throw new Error('feed item not inserted')
  const recipientIds = row.recipientIds ? row.recipientIds.split(',') : []
  // This instance forgets their cached answers now; the others when the notices reach them.
  personAnswers.forget(recipientIds)
  return { id: row.id, recipients: Number(row.recipients), recipientIds }
}

/**
 * The one statement that writes a feed item: the item, its deliveries, and the notices to the
 * recipients (cut into chunks of IDS_PER_NOTIFICATION ids, sent by PostgreSQL at commit), read from
 * the rows just inserted. `source.cte`: common table expressions the relation reads (written before
 * the item's); `returnIds`: the recipients' ids come back as one comma-separated text (700 rows, or a
 * `text[]`, cost more to parse in Node than the split of one string).
 */
function publication(
  input: FeedItemContent,
  source: { cte?: RawBuilder<unknown>; relation: RawBuilder<unknown> },
  returnIds: boolean,
) {
  const summary = (input.summary ?? '').replace(/\s+/g, ' ').trim()
  return sql<{ id: string; recipients: number; recipientIds: string | null }>`
    with ${source.cte ?? sql``} item as (
      insert into feed_items (school_id, app, kind, actor_id, title, summary, link, source_id)
      values (${input.schoolId}, ${input.app}, ${input.kind}, ${input.actorId}, ${input.title.trim().slice(0, 200)},
              ${summary.length > 500 ? `${summary.slice(0, 499)}…` : summary}, ${input.link}, ${input.sourceId ?? null})
      returning school_id, id, app
    ), delivered as (
      insert into feed_deliveries (recipient_id, item_id, school_id, app)
      select distinct a.user_id::uuid, item.id, item.school_id, item.app
      from item, ${source.relation}
      where a.user_id is not null and a.user_id is distinct from ${input.actorId}::uuid
      returning recipient_id
    ), notified as (
      select pg_notify(${REALTIME_CHANNEL}, json_build_object('u', json_agg(c.recipient_id),
               'e', json_build_object('type', 'feed.item', 'app', ${input.app}::text, 'id', (select id from item)))::text)
      from (select recipient_id, (row_number() over () - 1) / ${IDS_PER_NOTIFICATION} as chunk from delivered) c
      group by c.chunk
    )
    select (select id from item) as id, (select count(*) from delivered) as recipients,
           ${returnIds ? sql`(select string_agg(recipient_id::text, ',') from delivered)` : sql`null`} as recipient_ids,
           (select count(*) from notified) as notices
  `
}

/**
 * Takes back what a module published about one of its things (a recalled message, a deleted post): the
 * items and their deliveries go, in the caller's transaction, and the recipients' open pages are told
 * to read their feed again. Returns the number of items withdrawn.
 */
export async function withdrawFeedItems(
  db: Db,
  source: { schoolId: string; app: FeedApp; sourceId: string },
): Promise<number> {
  const { rows } = await sql<{ recipientId: string }>`
    select distinct d.recipient_id from feed_deliveries d
    join feed_items i on i.school_id = d.school_id and i.id = d.item_id
    where i.school_id = ${source.schoolId} and i.app = ${source.app} and i.source_id = ${source.sourceId}
  `.execute(db)
  const removed = await sql`
    delete from feed_items
    where school_id = ${source.schoolId} and app = ${source.app} and source_id = ${source.sourceId}
  `.execute(db)
  // Kysely's CamelCasePlugin names the column `recipientId`.
  const recipientIds = rows.map((r) => r.recipientId)
  personAnswers.forget(recipientIds)
  if (recipientIds.length > 0) await notifyUsers(db, recipientIds, { type: 'feed.item', app: source.app })
  return Number(removed.numAffectedRows ?? 0)
}
