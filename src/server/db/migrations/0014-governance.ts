import { type Kysely, sql } from 'kysely'

/**
 * The governance register of the syndicate (ADR 0011): its deliberative bodies (comité syndical,
 * bureau) with their rules, their delegates, meetings with convocation and attendance, the items voted
 * and the deliberations numbered per year. Syndicate data, not school data: no `school_id`, read and
 * written by the owner role.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table governance_bodies (
      id uuid primary key default gen_uuid_v7(),
      kind text not null check (kind in ('comite', 'bureau')),
      name text not null check (length(name) between 1 and 200),
      -- BodyRules (quorum base and share, proxies, delays, casting vote); defaults from the CGCT.
      rules jsonb not null,
      -- The prefecture's department number, the first part of an @CTES file name (e.g. 059).
      department char(3) not null default '059' check (department ~ '^[0-9]{2}[0-9AB]$'),
      -- The syndicate's establishment (SIRET; its first nine digits are the SIREN of @CTES file names).
      siret char(14) check (siret ~ '^[0-9]{14}$'),
      created_at timestamptz not null default now(),
      unique (kind)
    );

    create table governance_delegates (
      id uuid primary key default gen_uuid_v7(),
      body_id uuid not null references governance_bodies on delete cascade,
      -- The member collectivity the delegate represents, by name (a région or a département is a member
      -- of a syndicat mixte ouvert without being a collectivity served by the ENT), and its row if it is one.
      member_name text not null check (length(member_name) between 1 and 200),
      collectivity_id uuid references collectivities on delete set null,
      -- A delegate with an account reads the register.
      user_id uuid references users on delete set null,
      civility text not null check (civility in ('M.', 'Mme')),
      first_name text not null check (length(first_name) between 1 and 100),
      last_name text not null check (length(last_name) between 1 and 100),
      email text check (email is null or email like '%_@_%'),
      -- The delegate asked for convocations on paper.
      wants_paper boolean not null default false,
      seat text not null check (seat in ('titulaire', 'suppleant')),
      mandate_start date not null,
      mandate_end date,
      weight integer not null default 1 check (weight between 1 and 100),
      created_at timestamptz not null default now(),
      check (mandate_end is null or mandate_end >= mandate_start)
    );
    create index governance_delegates_body_idx on governance_delegates (body_id, member_name, last_name, first_name);
    create index governance_delegates_user_idx on governance_delegates (user_id) where user_id is not null;
    create index governance_delegates_collectivity_idx on governance_delegates (collectivity_id) where collectivity_id is not null;

    create table governance_meetings (
      id uuid primary key default gen_uuid_v7(),
      body_id uuid not null references governance_bodies on delete cascade,
      held_at timestamptz not null,
      place text not null check (length(place) between 1 and 300),
      president_id uuid references governance_delegates on delete set null,
      secretary_id uuid references governance_delegates on delete set null,
      emergency boolean not null default false,
      -- Convened again after a failed quorum: deliberates without quorum.
      second_convocation boolean not null default false,
      convocation_channel text check (convocation_channel in ('email', 'paper')),
      convocation_sent_at timestamptz,
      -- The convocation letter with the agenda (PDF), in the blob store.
      convocation_blob_id uuid references blobs,
      -- Recorded afterwards from a paper record: the typed totals of the attendance table.
      typed_attendance jsonb,
      created_at timestamptz not null default now()
    );
    create index governance_meetings_body_idx on governance_meetings (body_id, held_at desc);
    create index governance_meetings_blob_idx on governance_meetings (convocation_blob_id) where convocation_blob_id is not null;
    create index governance_meetings_president_idx on governance_meetings (president_id) where president_id is not null;
    create index governance_meetings_secretary_idx on governance_meetings (secretary_id) where secretary_id is not null;

    create table governance_attendance (
      meeting_id uuid not null references governance_meetings on delete cascade,
      delegate_id uuid not null references governance_delegates on delete cascade,
      status text not null default 'absent' check (status in ('present', 'absent', 'excused', 'substituted')),
      substitute_id uuid references governance_delegates,
      proxy_holder_id uuid references governance_delegates,
      proxy_meeting_count integer not null default 1 check (proxy_meeting_count >= 1),
      -- The convocation of this delegate: when its e-mail left, the hash of its acknowledgement link, and when
      -- the delegate followed it.
      convocation_sent_at timestamptz,
      acknowledgement_hash bytea unique,
      acknowledged_at timestamptz,
      primary key (meeting_id, delegate_id)
    );
    create index governance_attendance_delegate_idx on governance_attendance (delegate_id);
    create index governance_attendance_holder_idx on governance_attendance (proxy_holder_id) where proxy_holder_id is not null;
    create index governance_attendance_substitute_idx on governance_attendance (substitute_id) where substitute_id is not null;

    create table governance_movements (
      id uuid primary key default gen_uuid_v7(),
      meeting_id uuid not null references governance_meetings on delete cascade,
      delegate_id uuid not null references governance_delegates on delete cascade,
      kind text not null check (kind in ('arrival', 'departure')),
      before_item integer not null check (before_item >= 1)
    );
    create index governance_movements_meeting_idx on governance_movements (meeting_id, before_item);
    create index governance_movements_delegate_idx on governance_movements (delegate_id);

    create table governance_items (
      id uuid primary key default gen_uuid_v7(),
      meeting_id uuid not null references governance_meetings on delete cascade,
      position integer not null check (position >= 1),
      title text not null check (length(title) between 1 and 500),
      vote_mode text not null default 'totals' check (vote_mode in ('totals', 'roll_call', 'secret')),
      -- VoteTotals, computed from the ballots of a roll-call or typed for the others; null before the vote.
      totals jsonb,
      -- A roll-call's ballots: [{ voterId, onBehalfOf, choice }].
      ballots jsonb,
      president_choice text check (president_choice in ('pour', 'contre', 'abstention', 'blanc_nul', 'ne_participe_pas')),
      -- Delegates who withdrew from this item for a personal interest.
      withdrawn uuid[] not null default '{}',
      -- What a paper record printed: { exprimes, statesQuorumMet, statesAdopted }.
      typed jsonb,
      unique (meeting_id, position)
    );

    create table governance_deliberations (
      id uuid primary key default gen_uuid_v7(),
      item_id uuid not null unique references governance_items on delete restrict,
      year integer not null check (year between 1900 and 2200),
      seq integer not null check (seq >= 1),
      object text not null check (length(object) between 1 and 1000),
      visas jsonb not null default '[]',
      considerants jsonb not null default '[]',
      articles jsonb not null default '[]',
      -- @CTES: nature of the act (1 délibération) and subject classification (e.g. 8.1).
      nature_code integer not null default 1 check (nature_code between 1 and 6),
      classification text not null default '8.1' check (classification ~ '^[1-9](\.[0-9]{1,2}){0,4}$'),
      version integer not null default 1,
      published_at timestamptz,
      transmitted_at timestamptz,
      acknowledged_at timestamptz,
      created_at timestamptz not null default now(),
      unique (year, seq)
    );
    create index governance_deliberations_published_idx on governance_deliberations (published_at desc, id desc)
      where published_at is not null;

    -- A published deliberation changes only through a new version: the previous text is kept here.
    create table governance_deliberation_versions (
      deliberation_id uuid not null references governance_deliberations on delete cascade,
      version integer not null,
      snapshot jsonb not null,
      replaced_at timestamptz not null default now(),
      replaced_by uuid references users on delete set null,
      primary key (deliberation_id, version)
    );
    create index governance_deliberation_versions_user_idx on governance_deliberation_versions (replaced_by) where replaced_by is not null;

    create table governance_annexes (
      id uuid primary key default gen_uuid_v7(),
      deliberation_id uuid not null references governance_deliberations on delete cascade,
      position integer not null,
      title text not null check (length(title) between 1 and 300),
      blob_id uuid references blobs,
      unique (deliberation_id, position)
    );
    create index governance_annexes_blob_idx on governance_annexes (blob_id) where blob_id is not null;
  `.execute(db)
}
