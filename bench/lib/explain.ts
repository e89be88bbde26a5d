import type { CompiledQuery, Kysely } from 'kysely'
import pg from 'pg'
import type { Database } from '../../src/server/db/schema.ts'
import { openOwnerDatabase } from '../../src/server/db/tenant-connection.ts'

export type Explained = { planningMs: number; executionMs: number; plan: string }

/**
 * The statement a server function sends, captured by running it once through a handle of the harness
 * that logs its queries (the last one matching `pick` is kept).
 */
export async function captureQuery(
  pool: pg.Pool,
  run: (db: Kysely<Database>) => Promise<unknown>,
  pick: (sql: string) => boolean = () => true,
): Promise<CompiledQuery> {
  let captured: CompiledQuery | null = null
  const db = openOwnerDatabase(new pg.Pool({ ...pool.options, max: 1 }), {
    log: (event) => {
      if (event.level === 'query' && pick(event.query.sql)) captured = event.query
    },
  })
  try {
    await run(db)
  } finally {
    await db.destroy()
  }
  if (!captured) throw new Error('aucune requête capturée')
  return captured
}

/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of `query`, `runs` times (the first warms the cache): the plan and times
 * of the median run by execution time.
 */
export async function explainQuery(pool: pg.Pool, query: CompiledQuery, runs = 5): Promise<Explained> {
  const results: Explained[] = []
  for (let i = 0; i < runs; i++) {
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query.sql}`, [
      ...query.parameters,
    ])
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n')
    const time = (name: string) => Number(new RegExp(`${name} Time: ([\\d.]+) ms`).exec(plan)?.[1])
    results.push({ planningMs: time('Planning'), executionMs: time('Execution'), plan })
  }
  results.sort((a, b) => a.executionMs - b.executionMs)
  return results[Math.floor(results.length / 2)]!
}
