import { type Kysely, sql } from 'kysely'

/**
 * Identity (activation codes, password resets, sign-in throttling, TOTP, known devices, class login
 * cards), manual groups, the communication rules a director sets, and the audit trail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Printed on connection sheets until the account is activated, so kept readable; short-lived.
    create table activation_codes (
      user_id uuid primary key references users on delete cascade,
      code text not null check (code ~ '^[a-hj-km-npr-tv-z3-9]{8}$'),
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    );

    create table password_resets (
      token_hash bytea primary key,
      user_id uuid not null references users on delete cascade,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index password_resets_user_idx on password_resets (user_id);

    -- Failed sign-ins per typed login (whether it exists or not: nothing is revealed) and per address.
    create table sign_in_throttles (
      key text primary key,
      failures integer not null default 0,
      blocked_until timestamptz,
      updated_at timestamptz not null default now()
    );

    -- A password checked, a second step pending (TOTP, or TOTP enrolment when it is mandatory).
    create table sign_in_challenges (
      token_hash bytea primary key,
      user_id uuid not null references users on delete cascade,
      expires_at timestamptz not null,
      attempts integer not null default 0
    );

    create table user_totp (
      user_id uuid primary key references users on delete cascade,
      secret_encrypted text not null,
      confirmed_at timestamptz,
      last_used_step bigint
    );

    create table recovery_codes (
      user_id uuid not null references users on delete cascade,
      code_hash bytea not null,
      used_at timestamptz,
      primary key (user_id, code_hash)
    );

    create table known_devices (
      user_id uuid not null references users on delete cascade,
      device_hash bytea not null,
      user_agent text,
      first_seen_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      primary key (user_id, device_hash)
    );

    alter table classes add column login_cards_enabled boolean not null default false;

    -- A young pupil's card: its QR code signs the pupil in while the teacher keeps the class's cards on.
    create table login_cards (
      school_id uuid not null,
      class_id uuid not null,
      user_id uuid not null references users on delete cascade,
      token_hash bytea not null unique,
      created_at timestamptz not null default now(),
      primary key (school_id, class_id, user_id),
      foreign key (school_id, class_id) references classes (school_id, id) on delete cascade
    );

    create table groups (
      school_id uuid not null references schools,
      id uuid not null default gen_uuid_v7(),
      name text not null check (length(name) between 1 and 120),
      description text,
      created_by uuid references users on delete set null,
      created_at timestamptz not null default now(),
      primary key (school_id, id),
      unique (school_id, name)
    );

    create table group_members (
      school_id uuid not null,
      group_id uuid not null,
      user_id uuid not null references users on delete cascade,
      primary key (school_id, group_id, user_id),
      foreign key (school_id, group_id) references groups (school_id, id) on delete cascade
    );
    create index group_members_user_idx on group_members (user_id);

    -- The director's widenings and narrowings of the default matrix, between two audiences
    -- ({"kind":"profile","profile":…} | {"kind":"class","classId":…,"profile"?:…} | {"kind":"group","groupId":…}).
    create table communication_rules (
      school_id uuid not null references schools,
      id uuid not null default gen_uuid_v7(),
      source jsonb not null,
      target jsonb not null,
      effect text not null check (effect in ('allow', 'deny')),
      both_ways boolean not null default false,
      note text,
      created_by uuid references users on delete set null,
      created_at timestamptz not null default now(),
      primary key (school_id, id)
    );

    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_id uuid references users on delete set null,
      action text not null,
      school_id uuid,
      target_type text,
      target_id text,
      details jsonb not null default '{}',
      ip inet
    );
    create index audit_log_school_idx on audit_log (school_id, id desc);
    create index audit_log_actor_idx on audit_log (actor_id, id desc);

    -- Directory search: prefix on last then first name, accent- and case-insensitive, within a school.
    create extension if not exists unaccent;
    create function preau_fold(text) returns text language sql immutable parallel safe strict as $$
      select lower(public.unaccent('public.unaccent'::regdictionary, $1))
    $$;
    alter table users add column search_key text generated always as (
      preau_fold(last_name || ' ' || first_name)
    ) stored;
    create index users_search_key_idx on users (search_key text_pattern_ops);
    create index memberships_school_profile_idx on memberships (school_id, profile, user_id);
  `.execute(db)
}
