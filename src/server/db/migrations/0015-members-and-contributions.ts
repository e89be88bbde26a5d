import { type Kysely, sql } from 'kysely'

/**
 * The syndicate's back-office: its members (a collectivity's adhesion to the competence, its legal
 * population, its contacts), each school's deployment status and its history, the académie's staff
 * attached to circonscriptions, and the annual contributions (rules by year and version, frozen counts,
 * computed lines: ADR 0012). `collectivities` and `schools` stay the structures module's; these tables
 * only refer to them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table members (
      collectivity_id uuid primary key references collectivities,
      adhered_on date not null,
      adhesion_deliberation text not null check (length(adhesion_deliberation) between 1 and 200),
      adhesion_deliberation_on date not null,
      withdrawn_on date,
      withdrawal_deliberation text,
      withdrawal_deliberation_on date,
      population integer not null check (population >= 0),
      population_year smallint not null check (population_year between 1900 and 2200),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (withdrawn_on is null or withdrawn_on > adhered_on),
      check ((withdrawn_on is null) = (withdrawal_deliberation is null))
    );

    create table member_contacts (
      id uuid primary key default gen_uuid_v7(),
      collectivity_id uuid not null references members on delete cascade,
      name text not null,
      role text not null,
      email text,
      phone text,
      created_at timestamptz not null default now()
    );
    create index member_contacts_member_idx on member_contacts (collectivity_id, name);

    create table school_deployments (
      school_id uuid primary key references schools on delete cascade,
      status text not null check (status in ('requested', 'preparing', 'open', 'closed')),
      requested_on date,
      preparing_on date,
      opened_on date,
      closed_on date,
      updated_at timestamptz not null default now()
    );
    create index school_deployments_status_idx on school_deployments (status);
    select preau_isolate_by_school('school_deployments');

    create table school_deployment_events (
      school_id uuid not null references schools on delete cascade,
      id bigint generated always as identity,
      status text not null check (status in ('requested', 'preparing', 'open', 'closed')),
      effective_on date not null,
      note text,
      recorded_by uuid references users on delete set null,
      recorded_at timestamptz not null default now(),
      primary key (school_id, id)
    );
    select preau_isolate_by_school('school_deployment_events');

    -- An IEN or a digital adviser sees the schools of the circonscriptions they are attached to.
    create table academic_assignments (
      id uuid primary key default gen_uuid_v7(),
      user_id uuid not null references users on delete cascade,
      circonscription text not null check (length(circonscription) between 1 and 200),
      role text not null check (role in ('ien', 'digital_adviser', 'educational_adviser')),
      created_at timestamptz not null default now(),
      unique (user_id, circonscription)
    );
    create index academic_assignments_circonscription_idx on academic_assignments (circonscription);
    -- Additive, on the structures module's table: the académie's pages list a circonscription's schools.
    create index if not exists schools_circonscription_idx on schools (circonscription, name);

    create table contribution_rules (
      id uuid primary key default gen_uuid_v7(),
      year smallint not null check (year between 2000 and 2200),
      version smallint not null default 1 check (version >= 1),
      status text not null default 'draft' check (status in ('draft', 'adopted', 'superseded')),
      reference_on date not null,
      per_member_cents bigint not null default 0 check (per_member_cents >= 0),
      per_school_cents bigint not null default 0 check (per_school_cents >= 0),
      per_class_cents bigint not null default 0 check (per_class_cents >= 0),
      per_pupil_account_cents bigint not null default 0 check (per_pupil_account_cents >= 0),
      per_inhabitant_cents bigint not null default 0 check (per_inhabitant_cents >= 0),
      floor_cents bigint check (floor_cents >= 0),
      cap_cents bigint check (cap_cents >= 0),
      fixed_total_cents bigint check (fixed_total_cents >= 0),
      deliberation text,
      deliberation_on date,
      reason text,
      supersedes uuid references contribution_rules,
      created_by uuid references users on delete set null,
      created_at timestamptz not null default now(),
      adopted_at timestamptz,
      superseded_at timestamptz,
      unique (year, version),
      check (status = 'draft' or (deliberation is not null and deliberation_on is not null))
    );
    -- One rule in force (draft or adopted) per year; earlier versions stay, superseded.
    create unique index contribution_rules_current_idx on contribution_rules (year) where status <> 'superseded';

    create table contribution_snapshots (
      id uuid primary key default gen_uuid_v7(),
      reference_on date not null,
      taken_at timestamptz not null default now(),
      taken_by uuid references users on delete set null
    );

    create table contribution_snapshot_counts (
      snapshot_id uuid not null references contribution_snapshots on delete cascade,
      collectivity_id uuid not null references collectivities,
      name text not null,
      siren text not null,
      schools integer not null,
      classes integer not null,
      pupil_accounts integer not null,
      population integer not null,
      population_year smallint not null,
      joined_on date not null,
      left_on date,
      primary key (snapshot_id, collectivity_id)
    );

    create table contribution_computations (
      rule_id uuid primary key references contribution_rules,
      snapshot_id uuid not null references contribution_snapshots,
      total_cents bigint not null,
      computed_at timestamptz not null default now(),
      computed_by uuid references users on delete set null
    );
    create index contribution_computations_snapshot_idx on contribution_computations (snapshot_id);

    create table contribution_lines (
      rule_id uuid not null references contribution_computations on delete cascade,
      collectivity_id uuid not null references collectivities,
      name text not null,
      amount_cents bigint not null,
      days smallint not null,
      days_in_year smallint not null,
      breakdown jsonb not null,
      primary key (rule_id, collectivity_id)
    );
  `.execute(db)
}
