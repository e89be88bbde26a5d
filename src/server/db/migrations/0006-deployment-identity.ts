import { type Kysely, sql } from 'kysely'

/**
 * The deployment's identity (the syndicate's address and its data-protection officer, shown on the
 * legal pages and in e-mails) and the versioned charter: who accepted which version, and when.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table syndicate
      add column address text,
      add column dpo_name text,
      add column dpo_email text,
      add column dpo_address text,
      add column updated_at timestamptz;

    create table charter_acceptances (
      user_id uuid not null references users on delete cascade,
      version text not null,
      accepted_at timestamptz not null default now(),
      primary key (user_id, version)
    );

    -- Accounts activated before versions existed accepted the first one.
    insert into charter_acceptances (user_id, version, accepted_at)
    select id, '2026-09', charter_accepted_at from users where charter_accepted_at is not null;
  `.execute(db)
}
