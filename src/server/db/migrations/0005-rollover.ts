import { type Kysely, sql } from 'kysely'

/**
 * The school-year rollover and the deletion of departed people's personal data (arrêté of 30 November
 * 2006, art. 6: within 3 months of leaving).
 *
 * A deletion is scheduled when the next year opens (and every day for people who leave during the year),
 * then carried out when due. Its row outlives the account it deleted, without anything personal: it is
 * the trace that the deletion was done, so `user_id` has no foreign key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Set when a person refuses that their contributions outlive their account: it is then deleted
    -- with them instead of being kept under an anonymous author.
    alter table users add column contributions_objection_at timestamptz;

    create table personal_data_deletions (
      id uuid primary key default gen_uuid_v7(),
      user_id uuid not null,
      due_on date not null,
      scheduled_at timestamptz not null,
      -- The year whose opening scheduled it; null when the daily job did.
      school_year_id uuid references school_years,
      status text not null default 'scheduled' check (status in ('scheduled', 'done', 'cancelled')),
      outcome text check (outcome in ('anonymised', 'deleted')),
      settled_at timestamptz,
      check ((status = 'done') = (outcome is not null)),
      check ((status = 'scheduled') = (settled_at is null))
    );
    create unique index personal_data_deletions_scheduled_idx
      on personal_data_deletions (user_id) where status = 'scheduled';
    create index personal_data_deletions_due_idx
      on personal_data_deletions (due_on) where status = 'scheduled';

    -- Who has left somewhere: the start of the search for people who no longer need an account.
    create index memberships_left_user_idx on memberships (user_id) where left_at is not null;
    -- A person's rows, found without their school, to count and delete them.
    create index family_links_pupil_idx on family_links (pupil_id);
    create index image_consents_pupil_idx on image_consents (pupil_id);
    create index login_cards_user_idx on login_cards (user_id);
  `.execute(db)
}
