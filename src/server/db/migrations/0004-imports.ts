import { type Kysely, sql } from 'kysely'

/**
 * The ONDE import: runs (dry run, then apply), their staged rows and anomalies, the matching key of a
 * person, the grace period of people missing from an import, and pupils' image consents.
 *
 * Staged rows live in UNLOGGED tables: they are rebuilt from the files at will, so they skip the WAL
 * (a region's import writes millions of them) and a crash only loses runs nobody applied yet.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The key people are matched by: folded names, every run of punctuation or spaces as one space
    -- (« Jean-Philippe » = « JEAN PHILIPPE »; « N'Diaye » = « N DIAYE »).
    create function preau_person_key(last_name text, first_name text) returns text
    language sql immutable parallel safe strict as $$
      select trim(regexp_replace(preau_fold($1), '[^a-z0-9]+', ' ', 'g'))
        || '|' || trim(regexp_replace(preau_fold($2), '[^a-z0-9]+', ' ', 'g'))
    $$;
    alter table users add column person_key text generated always as (preau_person_key(last_name, first_name)) stored;
    create index users_person_key_idx on users (person_key);

    -- Bulk inserts (the import) give the search key themselves, read with a join: a lookup per row in a
    -- trigger would cost more than the insert.
    create or replace function memberships_take_search_key() returns trigger language plpgsql as $$
    begin
      if new.search_key is null or tg_op = 'UPDATE' then
        select u.search_key into new.search_key from users u where u.id = new.user_id;
      end if;
      return new;
    end $$;

    -- Someone missing from the latest import keeps access until missing_since + the grace period.
    alter table memberships add column missing_since timestamptz;
    create index memberships_missing_idx on memberships (missing_since) where missing_since is not null and left_at is null;

    -- A hand-made file may name a class without saying its levels: the class is created, its director sets them.
    alter table classes drop constraint classes_levels_check;
    alter table classes add constraint classes_levels_check
      check (levels <@ array['TPS','PS','MS','GS','CP','CE1','CE2','CM1','CM2','ULIS']::text[]);

    -- The right to one's image: one record per pupil and school. The import seeds it from ONDE's
    -- « Autorisations photos »; a parent's confirmation replaces the seed, which never overwrites it.
    create table image_consents (
      school_id uuid not null references schools,
      pupil_id uuid not null references users on delete cascade,
      status text not null check (status in ('granted', 'refused')),
      source text not null check (source in ('import', 'guardian')),
      awaiting_confirmation boolean not null,
      recorded_at timestamptz not null default now(),
      recorded_by uuid references users on delete set null,
      primary key (school_id, pupil_id)
    );

    create table import_runs (
      id uuid primary key default gen_uuid_v7(),
      -- The school of a one-school run; null when each file's school comes from its folder (UAI).
      school_id uuid references schools,
      status text not null default 'staged' check (status in ('staged', 'applied', 'discarded')),
      files jsonb not null default '[]',
      report jsonb,
      decisions jsonb not null default '{}',
      created_by uuid references users on delete set null,
      created_at timestamptz not null default now(),
      applied_at timestamptz,
      applied_by uuid references users on delete set null
    );
    create index import_runs_school_idx on import_runs (school_id, created_at desc);

    create unlogged table import_anomalies (
      run_id uuid not null references import_runs on delete cascade,
      id bigint generated always as identity,
      school_id uuid,
      file text not null,
      line integer not null,
      code text not null,
      message text not null,
      outcome text not null,
      field text,
      -- For a possible duplicate: the key the director's decision is stored under, and the lines.
      subject jsonb,
      primary key (run_id, id)
    );

    create unlogged table import_pupils (
      run_id uuid not null references import_runs on delete cascade,
      school_id uuid not null,
      line integer not null,
      file text not null,
      last_name text not null,
      first_name text not null,
      birth_date date,
      class_name text,
      level text,
      class_levels text[] not null default '{}',
      image_consent text,
      login_base text not null,
      display_name text not null,
      person_key text generated always as (preau_person_key(last_name, first_name)) stored,
      -- Planning: the existing account matched, or the id the new one will take; whether it is new.
      user_id uuid,
      is_new boolean,
      duplicate_of integer,
      primary key (run_id, school_id, line)
    );

    create unlogged table import_guardians (
      run_id uuid not null references import_runs on delete cascade,
      school_id uuid not null,
      line integer not null,
      file text not null,
      last_name text not null,
      first_name text not null,
      email text,
      phones text[] not null default '{}',
      address_key text,
      login_base text not null,
      display_name text not null,
      person_key text generated always as (preau_person_key(last_name, first_name)) stored,
      -- Planning: the line of the row that stands for this person (rows of one person share it).
      person_line integer,
      user_id uuid,
      is_new boolean,
      primary key (run_id, school_id, line)
    );

    create unlogged table import_guardian_children (
      run_id uuid not null references import_runs on delete cascade,
      school_id uuid not null,
      line integer not null,
      n smallint not null,
      last_name text not null,
      first_name text not null,
      class_name text,
      person_key text generated always as (preau_person_key(last_name, first_name)) stored,
      pupil_id uuid,
      primary key (run_id, school_id, line, n)
    );

    create unlogged table import_teachers (
      run_id uuid not null references import_runs on delete cascade,
      school_id uuid not null,
      line integer not null,
      file text not null,
      last_name text not null,
      first_name text not null,
      email text,
      phone text,
      is_director boolean not null,
      class_names text[] not null default '{}',
      login_base text not null,
      display_name text not null,
      person_key text generated always as (preau_person_key(last_name, first_name)) stored,
      -- Planning: rows of the same names in one school are one teacher (a row per class is common).
      person_line integer,
      user_id uuid,
      is_new boolean,
      primary key (run_id, school_id, line)
    );

    -- The classes a run names, per school: once per name (case aside), with the levels its pupils and
    -- its name give, in school order.
    create function run_class_names(run uuid)
    returns table (school_id uuid, key text, name text, levels text[])
    language sql stable as $$
      select x.school_id, x.key, min(x.name),
        coalesce(array_agg(distinct x.level order by x.level) filter (where x.level is not null), '{}')
      from (
        select p.school_id, lower(p.class_name) as key, p.class_name as name, l.level
        from import_pupils p
        left join lateral unnest(array_append(p.class_levels, p.level)) as l(level) on true
        where p.run_id = run and p.class_name is not null and p.duplicate_of is null
        union all
        select t.school_id, lower(n.name), n.name, null
        from import_teachers t, unnest(t.class_names) as n(name)
        where t.run_id = run
      ) x
      group by x.school_id, x.key
    $$;
  `.execute(db)
}
