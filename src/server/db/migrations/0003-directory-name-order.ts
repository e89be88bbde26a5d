import { type Kysely, sql } from 'kysely'

/**
 * The directory lists a school's people in name order, a page at a time. A teacher reaches the whole
 * school: walking `memberships` of the school in name order (and stopping at the page's end) needs the
 * name there, so `memberships.search_key` copies `users.search_key`, kept in step by triggers. It is
 * collated "C" (the key is already folded to lower-case letters): name prefixes then use the index too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table memberships add column search_key text collate "C";
    update memberships m set search_key = u.search_key from users u where u.id = m.user_id;
    alter table memberships alter column search_key set not null;

    create function memberships_take_search_key() returns trigger language plpgsql as $$
    begin
      select u.search_key into new.search_key from users u where u.id = new.user_id;
      return new;
    end $$;
    create trigger memberships_search_key before insert or update of user_id on memberships
      for each row execute function memberships_take_search_key();

    create function users_give_search_key() returns trigger language plpgsql as $$
    begin
      if new.search_key is distinct from old.search_key then
        update memberships set search_key = new.search_key where user_id = new.id;
      end if;
      return null;
    end $$;
    create trigger users_search_key after update of first_name, last_name on users
      for each row execute function users_give_search_key();

    create index memberships_school_name_idx on memberships (school_id, search_key, user_id) where left_at is null;
  `.execute(db)
}
