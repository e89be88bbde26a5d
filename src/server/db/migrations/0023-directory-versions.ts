import { type Kysely, sql } from 'kysely'

/**
 * A version per school of what its directory shows (ADR 0015): the school's current members, their
 * names, profiles, functions and classes. Each server keeps a school's directory in memory and asks
 * this one row before answering a search: a change made by any instance, an import or a hand edit
 * (a rename, an account disabled, a class renamed) is seen by the next search, everywhere.
 *
 * The triggers bump once per statement (an import of 700 memberships: one bump), or per row where
 * the change is rare (a rename, a class renamed). They run as the owner, so that a change made in one
 * school's scope (a person renamed) reaches the versions of the person's other schools.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table directory_versions (
      school_id uuid primary key references schools on delete cascade,
      version bigint not null
    );
    select preau_isolate_by_school('directory_versions');

    create function preau_bump_directory(schools uuid[]) returns void
      language sql security definer set search_path from current as $$
      insert into directory_versions (school_id, version)
      select distinct s, 1 from unnest(schools) as s where s is not null
      order by 1
      on conflict (school_id) do update set version = directory_versions.version + 1
    $$;

    create function preau_directory_changed_rows() returns trigger
      language plpgsql security definer set search_path from current as $$
    begin
      if tg_op = 'DELETE' then
        perform preau_bump_directory(array(select distinct school_id from old_rows));
      else
        perform preau_bump_directory(array(select distinct school_id from new_rows));
      end if;
      return null;
    end $$;

    create trigger memberships_directory_inserted after insert on memberships
      referencing new table as new_rows for each statement execute function preau_directory_changed_rows();
    create trigger memberships_directory_updated after update on memberships
      referencing new table as new_rows for each statement execute function preau_directory_changed_rows();
    create trigger memberships_directory_deleted after delete on memberships
      referencing old table as old_rows for each statement execute function preau_directory_changed_rows();
    create trigger class_members_directory_inserted after insert on class_members
      referencing new table as new_rows for each statement execute function preau_directory_changed_rows();
    create trigger class_members_directory_updated after update on class_members
      referencing new table as new_rows for each statement execute function preau_directory_changed_rows();
    create trigger class_members_directory_deleted after delete on class_members
      referencing old table as old_rows for each statement execute function preau_directory_changed_rows();

    -- What the directory shows of a person or a class without touching a membership.
    create function preau_directory_user_changed() returns trigger
      language plpgsql security definer set search_path from current as $$
    begin
      perform preau_bump_directory(array(select m.school_id from memberships m where m.user_id = new.id));
      return null;
    end $$;
    create trigger users_directory_changed after update of display_name, disabled_at on users
      for each row when (old.display_name is distinct from new.display_name
                         or old.disabled_at is distinct from new.disabled_at)
      execute function preau_directory_user_changed();

    create function preau_directory_class_changed() returns trigger
      language plpgsql security definer set search_path from current as $$
    begin
      perform preau_bump_directory(array[new.school_id]);
      return null;
    end $$;
    create trigger classes_directory_changed after update of name, archived_at on classes
      for each row when (old.name is distinct from new.name or old.archived_at is distinct from new.archived_at)
      execute function preau_directory_class_changed();
  `.execute(db)
}
