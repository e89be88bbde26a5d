import { type RawBuilder, sql } from 'kysely'
import type { ListTotal } from '../../contract/totals.ts'
import type { Db } from './connection.ts'

/** Lists count their rows up to this: exact for any school, bounded for a whole region. */
export const TOTAL_CAP = 1000

/**
 * The number of rows `rows` (a select of any columns, without order or limit) gives, reading at most
 * `cap + 1` of them: an exact count when there are at most `cap`, else « more than `cap` ».
 */
export async function countUpTo(
  db: Db,
  rows: RawBuilder<unknown>,
  cap: number = TOTAL_CAP,
): Promise<NonNullable<ListTotal>> {
  const { rows: result } = await sql<{ n: number }>`
    select count(*)::int as n from (${rows} limit ${cap + 1}) as counted`.execute(db)
  const n = result[0]?.n ?? 0
  return n > cap ? { count: cap, atLeast: true } : { count: n, atLeast: false }
}
