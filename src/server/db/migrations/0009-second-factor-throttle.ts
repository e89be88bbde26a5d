import { type Kysely, sql } from 'kysely'

/**
 * Wrong second-factor codes count per account, across sign-in challenges: past a few, each attempt
 * waits longer; past more, the codes of the app are refused until the person uses a recovery code or an
 * administrator resets their second factor.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table user_totp
      add column failed_codes integer not null default 0,
      add column retry_after timestamptz,
      add column locked_at timestamptz;
  `.execute(db)
}
