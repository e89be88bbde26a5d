import { type Kysely, sql } from 'kysely'

/**
 * Messagerie (ADR 0009), sized for 20 million messages.
 *
 * - `messages`: one row per message, owned by the school it was written in (the author's school where
 *   its recipients are). The client chooses its id when the draft starts: the id is the idempotency key
 *   of every save and of the send. The body is kept twice: sanitised HTML for display, plain text for
 *   the French full-text index (a generated `tsvector`, GIN).
 * - `mailbox_entries`: one row per person per message — each recipient (to, cc, bcc) and the author
 *   (their copy in `sent` or `drafts`). Folders, read state and the trash live here, so a mailbox page is
 *   one index range: `(user_id, folder, sent_at desc, message_id)`. The index leads with the person, not
 *   the school: a person in several schools has one mailbox. Rows carry the message's `school_id` (row
 *   security on school-scoped writes; a future distribution co-locates them with their message).
 *   Recipients are inserted set-based, by one `insert … select` from the communication module's reach.
 * - `message_attachments`: blobs (ADR 0006) a message carries; a forward shares them.
 * - `mail_folders`: a person's own folders. `mailbox_entries.folder` is `inbox`, `sent`, `drafts`,
 *   `trash` or the id of one of them.
 * - `messaging_suspensions`, `message_reports`: the school's safety measures.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table messages (
      school_id uuid not null references schools,
      id uuid not null,
      author_id uuid references users on delete set null,
      subject text not null default '' check (length(subject) <= 200),
      body_html text not null default '' check (length(body_html) <= 200000),
      body_text text not null default '',
      -- Who it was addressed to, as chosen (people and groups with their names at sending), for display
      -- and for the draft's editor; the bcc part is shown to the author alone.
      addressees jsonb not null default '[]',
      state text not null default 'draft' check (state in ('draft', 'scheduled', 'sent', 'recalled')),
      in_reply_to uuid,
      forward_of uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- When it reaches (or reached, or will reach) its recipients; null for a draft.
      sent_at timestamptz,
      recalled_at timestamptz,
      search tsvector generated always as (
        setweight(to_tsvector('french', subject), 'A') || setweight(to_tsvector('french', body_text), 'B')
      ) stored,
      primary key (school_id, id)
    );
    -- The daily sending limit counts an author's messages of the last 24 hours.
    create index messages_author_sent_idx on messages (author_id, sent_at) where sent_at is not null;
    -- Scheduled messages due, for the job that delivers them.
    create index messages_scheduled_idx on messages (sent_at) where state = 'scheduled';
    create index messages_search_idx on messages using gin (search);
    select preau_isolate_by_school('messages');

    create table mail_folders (
      id uuid primary key default gen_uuid_v7(),
      user_id uuid not null references users on delete cascade,
      name text not null check (length(name) between 1 and 60),
      created_at timestamptz not null default now()
    );
    create unique index mail_folders_user_name_idx on mail_folders (user_id, lower(name));

    create table mailbox_entries (
      school_id uuid not null,
      message_id uuid not null,
      user_id uuid not null references users on delete cascade,
      role text not null check (role in ('author', 'to', 'cc', 'bcc')),
      folder text not null,
      -- Copied from the message: a page of a folder is one range of the keyset index.
      sent_at timestamptz not null,
      read_at timestamptz,
      -- When it went to the trash (emptied 30 days later); the folder it came from is restored.
      trashed_at timestamptz,
      folder_before_trash text,
      primary key (school_id, message_id, user_id),
      foreign key (school_id, message_id) references messages on delete cascade
    );
    create index mailbox_entries_page_idx on mailbox_entries (user_id, folder, sent_at desc, message_id desc);
    create unique index mailbox_entries_user_message_idx on mailbox_entries (user_id, message_id);
    -- Unread counts per folder read only the unread rows.
    create index mailbox_entries_unread_idx on mailbox_entries (user_id, folder) where read_at is null;
    -- The nightly emptying of what has been in a trash for 30 days.
    create index mailbox_entries_trash_idx on mailbox_entries (trashed_at) where folder = 'trash';
    select preau_isolate_by_school('mailbox_entries');

    create table message_attachments (
      school_id uuid not null,
      message_id uuid not null,
      blob_id uuid not null references blobs,
      position int not null default 0,
      primary key (school_id, message_id, blob_id),
      foreign key (school_id, message_id) references messages on delete cascade
    );
    create index message_attachments_blob_idx on message_attachments (blob_id);
    select preau_isolate_by_school('message_attachments');

    create table messaging_suspensions (
      school_id uuid not null references schools,
      user_id uuid not null references users on delete cascade,
      suspended_by uuid references users on delete set null,
      suspended_at timestamptz not null default now(),
      reason text not null default '' check (length(reason) <= 500),
      primary key (school_id, user_id)
    );
    select preau_isolate_by_school('messaging_suspensions');

    create table message_reports (
      school_id uuid not null,
      id uuid not null default gen_uuid_v7(),
      message_id uuid not null,
      reporter_id uuid references users on delete set null,
      reason text not null default '' check (length(reason) <= 1000),
      created_at timestamptz not null default now(),
      primary key (school_id, id),
      foreign key (school_id, message_id) references messages on delete cascade
    );
    create unique index message_reports_once_idx on message_reports (school_id, message_id, reporter_id);
    select preau_isolate_by_school('message_reports');
  `.execute(db)
}
