import { type Kysely, sql } from 'kysely'

/**
 * Staged rows of an import live in UNLOGGED tables, which crash recovery empties. A run now records how
 * many rows it staged, checked before it is planned or applied; a run whose rows were lost is `lost`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Rows staged per table, written when staging ends; null while the files are still being read.
    alter table import_runs add column staged_rows jsonb;
    alter table import_runs drop constraint import_runs_status_check;
    alter table import_runs add constraint import_runs_status_check
      check (status in ('staged', 'applied', 'discarded', 'lost'));

    -- Runs staged before this migration: their rows as they stand.
    update import_runs r set staged_rows = jsonb_build_object(
      'pupils', (select count(*) from import_pupils x where x.run_id = r.id),
      'guardians', (select count(*) from import_guardians x where x.run_id = r.id),
      'guardianChildren', (select count(*) from import_guardian_children x where x.run_id = r.id),
      'teachers', (select count(*) from import_teachers x where x.run_id = r.id),
      'anomalies', (select count(*) from import_anomalies x where x.run_id = r.id
        and x.code <> all (array['duplicate-row', 'possible-duplicate', 'child-not-found'])))
    where r.status = 'staged' and r.files <> '[]'::jsonb;
  `.execute(db)
}
