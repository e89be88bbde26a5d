import { type Kysely, sql } from 'kysely'

/**
 * The news feed and notifications (ADR 0010).
 *
 * Fan-out on write: a published event is one `feed_items` row and one `feed_deliveries` row per
 * recipient, written by one INSERT … SELECT from the publisher's audience. « My feed » is then a range
 * of one index (recipient, item id: ids are UUID v7, so time-ordered), the unread counts per
 * application one small partial index, and marking read an update of the reader's own rows. A delivery
 * is ~60 bytes: 700 guardians of a school cost ~40 KB per event, which reads never pay again.
 *
 * Deliveries carry the item's school (the foreign key to the item, cascades, row-level security) and
 * its application (the unread counts without a join); they are keyed by recipient, whose feed they are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table feed_items (
      school_id uuid not null references schools on delete cascade,
      id uuid not null default gen_uuid_v7(),
      app text not null check (app ~ '^[a-z][a-z-]{0,39}$'),
      kind text not null check (kind ~ '^[a-z][a-zA-Z0-9.-]{0,59}$'),
      actor_id uuid references users on delete set null,
      title text not null check (length(title) between 1 and 200),
      summary text not null default '' check (length(summary) <= 500),
      -- A path of the web app: never another site.
      link text not null check (link ~ '^/' and link !~ '^//' and strpos(link, chr(92)) = 0 and length(link) <= 300),
      -- What the item is about in its module (a message, a mot…): the feed never reads it.
      source_id uuid,
      created_at timestamptz not null default now(),
      primary key (school_id, id)
    );
    create index feed_items_source_idx on feed_items (school_id, app, source_id) where source_id is not null;
    select preau_isolate_by_school('feed_items');

    create table feed_deliveries (
      recipient_id uuid not null references users on delete cascade,
      item_id uuid not null,
      school_id uuid not null,
      app text not null,
      read_at timestamptz,
      -- Set when an e-mail (immediate or digest) carried the item: nobody gets it twice.
      notified_at timestamptz,
      primary key (recipient_id, item_id),
      foreign key (school_id, item_id) references feed_items (school_id, id) on delete cascade
    );
    -- Unread counts per application, and « mark all of an app read ».
    create index feed_deliveries_unread_idx on feed_deliveries (recipient_id, app) where read_at is null;
    -- The digests: what is unread and not yet e-mailed, in a range of recent item ids.
    create index feed_deliveries_pending_idx on feed_deliveries (item_id)
      where read_at is null and notified_at is null;
    -- The cascade from an item.
    create index feed_deliveries_item_idx on feed_deliveries (school_id, item_id);
    select preau_isolate_by_school('feed_deliveries');

    -- Only the choices a person made; the defaults per profile are computed (notifications module).
    create table notification_preferences (
      user_id uuid not null references users on delete cascade,
      app text not null check (app ~ '^[a-z][a-z-]{0,39}$'),
      frequency text not null check (frequency in ('immediate', 'daily', 'weekly', 'never')),
      updated_at timestamptz not null default now(),
      primary key (user_id, app)
    );
  `.execute(db)
}
