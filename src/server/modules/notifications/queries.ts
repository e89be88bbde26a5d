import { type RawBuilder, sql } from 'kysely'
import type { FeedApp, NotificationFrequency } from '../../../contract/feed.ts'
import type { Db } from '../../db/connection.ts'

/** The person's own choices (the rest follows the defaults of their profiles). */
export async function findChoices(db: Db, userId: string) {
  return db
    .selectFrom('notificationPreferences')
    .where('userId', '=', userId)
    .select(['app', 'frequency'])
    .execute()
}

export async function saveChoices(
  db: Db,
  userId: string,
  choices: readonly { app: FeedApp; frequency: NotificationFrequency }[],
): Promise<void> {
  await db
    .insertInto('notificationPreferences')
    .values(choices.map((choice) => ({ userId, app: choice.app, frequency: choice.frequency })))
    .onConflict((oc) =>
      oc
        .columns(['userId', 'app'])
        .doUpdateSet({ frequency: (eb) => eb.ref('excluded.frequency'), updatedAt: sql`now()` }),
    )
    .execute()
}

export async function findEmail(db: Db, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').where('id', '=', userId).select('email').executeTakeFirst()
  return row?.email ?? null
}

/**
 * The frequency of `d.app` for `d.recipient_id`: their choice, else the default of their profiles
 * (the same rule as `defaultFrequency` in the contract). `p` is their preference row, left-joined.
 */
export function effectiveFrequencySql(): RawBuilder<NotificationFrequency> {
  return sql<NotificationFrequency>`coalesce(p.frequency, case
    when d.app = 'messaging' and exists (select 1 from memberships m
      where m.user_id = d.recipient_id and m.left_at is null and m.profile = 'parent') then 'immediate'
    when exists (select 1 from memberships m
      where m.user_id = d.recipient_id and m.left_at is null)
      and not exists (select 1 from memberships m
      where m.user_id = d.recipient_id and m.left_at is null and m.profile <> 'pupil') then 'never'
    else 'daily' end)`
}

/** The smallest UUID v7 of an instant: item ids at or after it were published then or later. */
const uuidV7Since = (interval: string) =>
  sql`(lpad(to_hex((extract(epoch from now() - ${interval}::interval) * 1000)::bigint), 12, '0')
       || '00000000000000000000')::uuid`

/**
 * Who may be e-mailed: an active account with an address. (Addresses are entered by the school or
 * the person; Préau has no separate verification step yet, so a known address is the rule.)
 */
const emailable = sql`u.email is not null and u.activated_at is not null and u.disabled_at is null`

export type PendingItem = { id: string; app: FeedApp; title: string; summary: string; link: string }
export type PendingMail = { recipientId: string; email: string; firstName: string; items: PendingItem[] }

/**
 * Takes up to `limit` recipients with unread deliveries of the last `window` that no e-mail carried
 * yet and whose frequency is `frequency`, marks those deliveries notified, and returns them grouped
 * per person — in the caller's transaction, so that the marks and the queued e-mails commit together.
 * Rows locked by a concurrent run are skipped (a second instance takes the next ones).
 */
export async function takePendingMails(
  db: Db,
  frequency: NotificationFrequency,
  options: { window: string; limit: number },
): Promise<PendingMail[]> {
  const { rows } = await sql<PendingMail>`
    with pending as (
      select d.recipient_id, d.item_id from feed_deliveries d
      join users u on u.id = d.recipient_id and ${emailable}
      left join notification_preferences p on p.user_id = d.recipient_id and p.app = d.app
      where d.read_at is null and d.notified_at is null and d.item_id >= ${uuidV7Since(options.window)}
        and ${effectiveFrequencySql()} = ${frequency}
      for update of d skip locked
    ), chosen as (
      select recipient_id from (select distinct recipient_id from pending) r order by recipient_id limit ${options.limit}
    ), marked as (
      update feed_deliveries d set notified_at = now()
      from pending p join chosen c using (recipient_id)
      where d.recipient_id = p.recipient_id and d.item_id = p.item_id
      returning d.recipient_id, d.item_id, d.school_id
    )
    select u.id as "recipientId", u.email, u.first_name as "firstName",
      json_agg(json_build_object('id', i.id, 'app', i.app, 'title', i.title, 'summary', i.summary, 'link', i.link)
        order by i.id desc) as items
    from marked m
    join feed_items i on i.school_id = m.school_id and i.id = m.item_id
    join users u on u.id = m.recipient_id
    group by u.id, u.email, u.first_name
  `.execute(db)
  return rows
}
