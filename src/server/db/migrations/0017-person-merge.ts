import { type Kysely, sql } from 'kysely'

/**
 * One person, one account: an administrator merges two accounts of the same person, and may undo it
 * within a delay. A merge keeps what it moved and what it removed, row by row, so undoing restores
 * exactly (ADR 0014). The merged account stays as a disabled row: the audit trail keeps naming it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table person_merges (
      id uuid primary key default gen_uuid_v7(),
      kept_user_id uuid not null references users on delete cascade,
      merged_user_id uuid not null references users on delete cascade,
      merged_by uuid references users on delete set null,
      merged_at timestamptz not null default now(),
      undo_until timestamptz not null,
      undone_at timestamptz,
      undone_by uuid references users on delete set null,
      -- The two accounts' rows as they were (the kept one gains contacts it lacked; the other is disabled).
      kept_before jsonb not null,
      merged_before jsonb not null,
      check (kept_user_id <> merged_user_id)
    );
    create index person_merges_recent_idx on person_merges (merged_at desc, id desc);
    create index person_merges_kept_idx on person_merges (kept_user_id);
    create index person_merges_merged_idx on person_merges (merged_user_id);

    -- Each row a merge moved to the kept account (as it was) or removed: what undo puts back.
    create table person_merge_rows (
      merge_id uuid not null references person_merges on delete cascade,
      table_name text not null,
      column_name text not null,
      action text not null check (action in ('moved', 'removed')),
      row jsonb not null
    );
    create index person_merge_rows_merge_idx on person_merge_rows (merge_id, table_name, column_name, action);
  `.execute(db)
}
