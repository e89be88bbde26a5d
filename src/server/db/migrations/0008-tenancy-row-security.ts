import { type Kysely, sql } from 'kysely'

/**
 * The second line of tenancy (ADR 0007): row-level security on every table carrying `school_id`.
 *
 * Préau connects as the owner of its tables (a superuser on the embedded server), and owners and
 * superusers bypass row-level security. A school-scoped query therefore runs in the role
 * `preau_tenant` (NOLOGIN, no ownership), with the school in the setting `preau.school_id`: the
 * policies then let it see and write that school's rows only, whatever filter the query forgot. No
 * setting, no rows. The role is cluster-wide: it is created when absent (the test suite migrates many
 * databases of one cluster) and granted to the owner so that the application may `SET ROLE` to it.
 *
 * A later migration creating a table with `school_id` calls `select preau_isolate_by_school('t')`
 * (a test fails otherwise) and needs no grant: default privileges cover its tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = 'preau_tenant') then
        create role preau_tenant nologin;
      end if;
    exception when duplicate_object or unique_violation then
      null; -- created meanwhile by a migration of another database of the cluster
    end $$;

    do $$
    begin
      if not pg_has_role(current_user, 'preau_tenant', 'member') then
        grant preau_tenant to current_user;
      end if;
    end $$;

    grant usage on schema public to preau_tenant;
    grant select, insert, update, delete on all tables in schema public to preau_tenant;
    grant usage, select on all sequences in schema public to preau_tenant;
    alter default privileges in schema public grant select, insert, update, delete on tables to preau_tenant;
    alter default privileges in schema public grant usage, select on sequences to preau_tenant;
    -- The migrations' own bookkeeping is nobody's business in a school's scope.
    revoke all on schema_migrations, schema_migrations_lock from preau_tenant;

    create function preau_isolate_by_school(target regclass) returns void language plpgsql as $$
    begin
      execute format('alter table %s enable row level security', target);
      execute format(
        'create policy school_isolation on %s to preau_tenant'
        ' using (school_id = nullif(current_setting(''preau.school_id'', true), '''')::uuid)'
        ' with check (school_id = nullif(current_setting(''preau.school_id'', true), '''')::uuid)',
        target);
    end $$;
    revoke execute on function preau_isolate_by_school(regclass) from public;

    select preau_isolate_by_school(format('%I', c.table_name)::regclass)
    from information_schema.columns c
    join information_schema.tables t using (table_schema, table_name)
    where c.table_schema = current_schema() and c.column_name = 'school_id' and t.table_type = 'BASE TABLE';

    -- A change of name is copied to the person's memberships in every school, whichever scope made it.
    alter function users_give_search_key() security definer set search_path from current;
  `.execute(db)
}
