import { type Kysely, sql } from 'kysely'

/**
 * Usage statistics (ADR 0013) and the data-protection duties.
 *
 * `usage_events` holds one row per sign-in (per school and profile the person holds) and one per first
 * opening of an application in a day. Nothing in it names a person: `user_hash` is an HMAC of the user
 * id under a key derived from the deployment's secret key (never stored in the database) and the day,
 * so it counts unique users of a day and links nothing across days. Rows are kept one year at most.
 * No foreign keys: a log line must not slow the request it belongs to, nor block a school's deletion.
 *
 * `usage_daily` (per school) and `usage_daily_by_area` (the syndicate, each collectivity, each
 * circonscription) are computed from the events by the daily job, set-based; `usage_activation` is the
 * latest count of accounts created and activated per school. Dashboards read only these.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table usage_events (
      school_id uuid not null,
      day date not null,
      kind text not null check (kind in ('connexion', 'application')),
      -- The national classification of ENT services; '' for a connection.
      service text not null default '',
      profile text not null,
      collectivity_id uuid not null,
      -- No time of day: an instant would match the session opened at it, and name the person.
      user_hash bytea not null check (octet_length(user_hash) = 16),
      check ((kind = 'connexion') = (service = ''))
    );
    -- An application counts once per person, school, profile and day.
    create unique index usage_events_application_once on usage_events (school_id, day, service, profile, user_hash)
      where kind = 'application';
    -- The aggregation and the retention read one day at a time.
    create index usage_events_day_idx on usage_events (day);
    select preau_isolate_by_school('usage_events');

    create table usage_daily (
      school_id uuid not null,
      day date not null,
      kind text not null,
      service text not null,
      profile text not null,
      events integer not null,
      unique_users integer not null,
      primary key (school_id, day, kind, service, profile)
    );
    select preau_isolate_by_school('usage_daily');

    -- area: 'syndicat', 'collectivite:<uuid>' or 'circonscription:<name>'.
    create table usage_daily_by_area (
      area text not null,
      day date not null,
      kind text not null,
      service text not null,
      profile text not null,
      events integer not null,
      unique_users integer not null,
      primary key (area, day, kind, service, profile)
    );

    create table usage_activation (
      school_id uuid primary key,
      accounts integer not null,
      activated integer not null,
      computed_at timestamptz not null
    );
    select preau_isolate_by_school('usage_activation');

    -- The register of processing activities (RGPD art. 30), kept by the syndicate's administrators.
    create table processing_activities (
      id uuid primary key default gen_uuid_v7(),
      name text not null check (length(name) between 1 and 200),
      purposes text not null,
      legal_basis text not null,
      data_subjects text not null,
      data_categories text not null,
      recipients text not null,
      retention text not null,
      security_measures text not null,
      updated_at timestamptz not null default now(),
      updated_by uuid references users on delete set null
    );

    -- « Mes données »: one archive of a person's data, prepared by a job, downloadable for a while.
    create table data_exports (
      id uuid primary key default gen_uuid_v7(),
      user_id uuid not null references users on delete cascade,
      status text not null default 'queued' check (status in ('queued', 'running', 'ready', 'failed')),
      progress integer not null default 0 check (progress between 0 and 100),
      blob_id uuid references blobs,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      expires_at timestamptz
    );
    create index data_exports_user_idx on data_exports (user_id, created_at desc);
    create index data_exports_blob_idx on data_exports (blob_id) where blob_id is not null;
    create index data_exports_expires_idx on data_exports (expires_at) where expires_at is not null;
  `.execute(db)
}
