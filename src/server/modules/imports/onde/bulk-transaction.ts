import { sql } from 'kysely'
import type { Db } from '../../../db/connection.ts'

/**
 * What a transaction writing a whole run needs: the import locks, memory for hashing whole tables, and
 * per-row triggers off where the role may. Planning (dry run) takes the memory; apply takes all three.
 */

/** Above this many schools a run locks every school at once rather than one by one. */
const MANY_SCHOOLS = 50

/**
 * Imports of the same school wait for each other. A run takes its schools' locks in a fixed order under a
 * shared deployment-wide lock; a run of many schools (a circonscription, a region) takes the deployment
 * lock alone, exclusively — thousands of advisory locks would fill PostgreSQL's lock table.
 */
export async function lockSchools(trx: Db, schoolIds: string[]): Promise<void> {
  if (schoolIds.length > MANY_SCHOOLS) {
    await sql`select pg_advisory_xact_lock(hashtext('preau.import'), 0)`.execute(trx)
    return
  }
  await sql`select pg_advisory_xact_lock_shared(hashtext('preau.import'), 0)`.execute(trx)
  await sql`
    select pg_advisory_xact_lock(hashtext('preau.import.school'), hashtext(s::text))
    from unnest(${schoolIds.sort()}::uuid[]) as s order by s
  `.execute(trx)
}

/**
 * Bulk loading as pg_restore does it: per-row triggers off for this transaction (foreign-key checks,
 * the search-key trigger), where the role may (superuser, or `GRANT SET ON PARAMETER
 * session_replication_role`); elsewhere the same statements run with the checks, only slower. Every row
 * apply writes references rows it read or wrote in this transaction, under the run's locks, and
 * supplies the search key itself.
 */
export async function skipRowTriggers(trx: Db): Promise<void> {
  await sql`
    do $$ begin
      perform set_config('session_replication_role', 'replica', true);
    exception when insufficient_privilege then null;
    end $$
  `.execute(trx)
}

/** Bulk statements over a run hash whole tables: memory for that, in this transaction only. */
export async function bulkSettings(trx: Db): Promise<void> {
  await sql`set local work_mem = '128MB'`.execute(trx)
}
