import { type Kysely, sql } from 'kysely'

/**
 * Indexes of the staged rows an unchanged re-import needs, and a director's decisions on « doublons possibles » across schools (ADR 0014): a person of the school's
 * files (its profile and folded names) and an account of another school with the same names are the
 * same person (`same`: the rows join that account) or two people (`distinct`: kept apart, and no
 * import of the school asks again). One decision per pair, never changed by the import.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_account_decisions (
      school_id uuid not null references schools,
      profile text not null check (profile in ('parent', 'teacher')),
      person_key text not null,
      other_user_id uuid not null references users on delete cascade,
      decision text not null check (decision in ('same', 'distinct')),
      run_id uuid references import_runs on delete set null,
      decided_by uuid references users on delete set null,
      decided_at timestamptz not null default now(),
      primary key (school_id, profile, person_key, other_user_id)
    );
    select preau_isolate_by_school('import_account_decisions');

    -- A school's files imported again match almost every row to an account: planning, the report and
    -- apply then look staged rows up by the account they matched (who the files no longer list) and
    -- by person (every line of a guardian): by key, not by scanning the run's rows once per member.
    create index import_pupils_user on import_pupils (run_id, school_id, user_id);
    create index import_guardians_user on import_guardians (run_id, school_id, user_id);
    create index import_guardians_person on import_guardians (run_id, school_id, person_line);
    create index import_teachers_user on import_teachers (run_id, school_id, user_id);
  `.execute(db)
}
