import { type Kysely, sql } from 'kysely'

/**
 * Flash messages: a banner an administrator of the syndicate, a collectivity or a school (its director)
 * posts to chosen profiles of chosen schools, between two Paris days, and each user's dismissals.
 * A message belongs to its issuer (the deployment, a collectivity or a school), not to one school: its
 * schools are listed in `flash_message_schools` (a school's rows, isolated like the others); none listed
 * means every school of the issuer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table flash_messages (
      id uuid primary key default gen_random_uuid(),
      issuer_kind text not null check (issuer_kind in ('syndicate', 'collectivity', 'school')),
      issuer_collectivity_id uuid references collectivities,
      issuer_school_id uuid references schools,
      text text not null,
      profiles text[] not null,
      all_schools boolean not null,
      starts_on date not null,
      ends_on date not null check (ends_on >= starts_on),
      created_by uuid references users on delete set null,
      created_at timestamptz not null default now(),
      check ((issuer_kind = 'collectivity') = (issuer_collectivity_id is not null)),
      check ((issuer_kind = 'school') = (issuer_school_id is not null))
    );
    -- The banners of today: a few among all those ever posted.
    create index flash_messages_current on flash_messages (ends_on, starts_on);
    create index flash_messages_of_collectivity on flash_messages (issuer_collectivity_id, created_at desc)
      where issuer_collectivity_id is not null;
    create index flash_messages_of_school on flash_messages (issuer_school_id, created_at desc)
      where issuer_school_id is not null;

    create table flash_message_schools (
      school_id uuid not null references schools,
      message_id uuid not null references flash_messages on delete cascade,
      primary key (school_id, message_id)
    );
    create index flash_message_schools_message on flash_message_schools (message_id);
    select preau_isolate_by_school('flash_message_schools');

    create table flash_message_dismissals (
      user_id uuid not null references users on delete cascade,
      message_id uuid not null references flash_messages on delete cascade,
      dismissed_at timestamptz not null default now(),
      primary key (user_id, message_id)
    );
  `.execute(db)
}
