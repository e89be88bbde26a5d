import { type Kysely, sql } from 'kysely'

/**
 * A session records how it was authenticated: its first factor, and the second factor it passed (at
 * sign-in or later, a step-up) with when. Rights that require the second factor are checked against
 * it on every request. Sessions opened before this migration have no second factor on record: their
 * directors and administrators confirm it (or sign in again) before using those rights.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table sessions
      add column first_factor text not null default 'password'
        check (first_factor in ('password', 'activation-code', 'login-card')),
      add column second_factor text check (second_factor in ('totp', 'recovery-code')),
      add column second_factor_at timestamptz,
      add constraint sessions_second_factor_at_check check ((second_factor is null) = (second_factor_at is null));

    alter table sign_in_challenges
      add column first_factor text not null default 'password'
        check (first_factor in ('password', 'activation-code', 'login-card'));
  `.execute(db)
}
