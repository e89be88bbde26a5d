import { type Kysely, sql } from 'kysely'

/**
 * Files (ADR 0006). One row per upload; the bytes live in the blob store (local disk or S3) under their
 * SHA-256, so two rows with the same content share one stored file.
 *
 * Modules reference a blob from their own tables with a foreign key to `blobs(id)`, indexed. The nightly
 * collection finds those foreign keys in the catalogue: a blob that no such column names any more, and
 * older than the grace period, is deleted. The default `no action` of these keys keeps a referenced
 * blob from ever being deleted, even by a collection racing with a new reference.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table blobs (
      id uuid primary key default gen_uuid_v7(),
      sha256 bytea not null check (octet_length(sha256) = 32),
      size bigint not null check (size >= 0),
      -- Sniffed from the bytes at upload, never taken from the client.
      content_type text not null,
      -- The name the file had when uploaded (cleaned); modules may keep their own beside the reference.
      file_name text not null check (length(file_name) between 1 and 255),
      created_at timestamptz not null default now(),
      -- Kept when the account goes: the blob belongs to what references it, not to its uploader.
      created_by uuid references users on delete set null
    );
    -- Whether a content is still used by another row, before its file is deleted.
    create index blobs_sha256_idx on blobs (sha256);
    create index blobs_created_by_idx on blobs (created_by) where created_by is not null;
  `.execute(db)
}
