import { type Kysely, sql } from 'kysely'

/**
 * Structures (syndicate → collectivities → schools → years → classes), accounts, memberships and sessions.
 *
 * Tables of school data lead their keys with `school_id` so that they can later be distributed by school
 * (Citus) and so that every index serves the school-scoped queries. Ids are time-ordered UUIDs (v7) so that
 * inserts stay at the right edge of the btree even at region scale.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function gen_uuid_v7() returns uuid
    language sql volatile parallel safe as $$
      -- 48 bits of Unix milliseconds, then the random bits of a v4 UUID with version 7 and variant 10.
      select encode(
        set_bit(set_bit(
          overlay(uuid_send(gen_random_uuid())
            placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
            from 1 for 6),
          52, 1), 53, 1),
        'hex')::uuid
    $$;

    create table syndicate (
      id uuid primary key default gen_uuid_v7(),
      singleton boolean not null default true unique check (singleton),
      name text not null,
      siren char(9) check (siren ~ '^[0-9]{9}$'),
      created_at timestamptz not null default now()
    );

    create table collectivities (
      id uuid primary key default gen_uuid_v7(),
      kind text not null check (kind in ('commune', 'epci')),
      name text not null,
      siren char(9) not null unique check (siren ~ '^[0-9]{9}$'),
      -- A commune's own INSEE code; an EPCI has none but covers several communes (commune_codes).
      insee_code char(5) check (insee_code ~ '^[0-9][0-9AB][0-9]{3}$'),
      commune_codes text[] not null default '{}',
      population integer check (population >= 0),
      created_at timestamptz not null default now()
    );

    create table schools (
      id uuid primary key default gen_uuid_v7(),
      collectivity_id uuid not null references collectivities,
      uai char(8) not null unique check (uai ~ '^[0-9]{7}[A-Z]$'),
      name text not null,
      kind text not null check (kind in ('maternelle', 'elementaire', 'primaire')),
      insee_code char(5) not null,
      circonscription text,
      rpi text,
      created_at timestamptz not null default now()
    );
    create index schools_collectivity_idx on schools (collectivity_id, name);

    create table school_years (
      id uuid primary key default gen_uuid_v7(),
      label text not null unique check (label ~ '^[0-9]{4}-[0-9]{4}$'),
      starts_on date not null,
      ends_on date not null check (ends_on > starts_on),
      is_current boolean not null default false
    );
    create unique index school_years_one_current_idx on school_years (is_current) where is_current;

    create table classes (
      school_id uuid not null references schools,
      id uuid not null default gen_uuid_v7(),
      school_year_id uuid not null references school_years,
      name text not null,
      levels text[] not null check (
        cardinality(levels) > 0
        and levels <@ array['TPS','PS','MS','GS','CP','CE1','CE2','CM1','CM2','ULIS']::text[]
      ),
      archived_at timestamptz,
      primary key (school_id, id),
      unique (school_id, school_year_id, name)
    );

    create table users (
      id uuid primary key default gen_uuid_v7(),
      login text not null unique check (login ~ '^[a-z0-9.-]+$'),
      first_name text not null,
      last_name text not null,
      display_name text not null,
      alias text unique,
      email text,
      phone text,
      birth_date date,
      password_hash text,
      activated_at timestamptz,
      charter_accepted_at timestamptz,
      disabled_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table memberships (
      school_id uuid not null references schools,
      user_id uuid not null references users on delete cascade,
      profile text not null check (
        profile in ('pupil', 'parent', 'teacher', 'staff', 'collectivity_agent', 'academic', 'guest')
      ),
      functions text[] not null default '{}' check (functions <@ array['director']::text[]),
      created_at timestamptz not null default now(),
      left_at timestamptz,
      primary key (school_id, user_id, profile)
    );
    create index memberships_user_idx on memberships (user_id);

    create table class_members (
      school_id uuid not null,
      class_id uuid not null,
      user_id uuid not null references users on delete cascade,
      role text not null check (role in ('pupil', 'teacher', 'staff')),
      primary key (school_id, class_id, user_id),
      foreign key (school_id, class_id) references classes (school_id, id) on delete cascade
    );
    create index class_members_user_idx on class_members (user_id);

    create table family_links (
      school_id uuid not null references schools,
      pupil_id uuid not null references users on delete cascade,
      parent_id uuid not null references users on delete cascade,
      primary key (school_id, pupil_id, parent_id)
    );
    create index family_links_parent_idx on family_links (parent_id);

    create table admin_roles (
      user_id uuid not null references users on delete cascade,
      role text not null check (role in ('syndicate_admin', 'collectivity_admin')),
      collectivity_id uuid references collectivities on delete cascade,
      check ((role = 'collectivity_admin') = (collectivity_id is not null)),
      unique nulls not distinct (user_id, role, collectivity_id)
    );

    create table sessions (
      id uuid primary key default gen_uuid_v7(),
      token_hash bytea not null unique,
      user_id uuid not null references users on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip inet,
      user_agent text,
      revoked_at timestamptz
    );
    create index sessions_user_idx on sessions (user_id, created_at desc);
  `.execute(db)
}
