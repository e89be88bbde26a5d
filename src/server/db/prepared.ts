import { createHash } from 'node:crypto'
import type { Kysely, PostgresPoolClient, QueryResult, RawBuilder } from 'kysely'
import type { Database } from './schema.ts'

/**
 * Statement texts run as named prepared statements, by text: PostgreSQL plans them once per connection
 * and then reuses the plan while it suits (its plan cache decides), instead of planning every execution.
 * Only the fixed-shape statements of the hottest reads ask for it (`executePrepared`); the set is bounded
 * so that a statement built with a variable shape can never fill the connections' memory.
 */
const preparedNames = new Map<string, string>()
const MAX_PREPARED = 256

/** Clients whose `query` already names the prepared statements (every client the pools hand out). */
const namingClients = new WeakSet<object>()

export function namePreparedStatements(client: PostgresPoolClient): void {
  if (namingClients.has(client)) return
  namingClients.add(client)
  // The class's own `query`, looked up at each call (so that whatever wraps the class still sees it).
  const own = Object.getPrototypeOf(client) as { query: (...args: unknown[]) => unknown }
  ;(client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args
    const name = typeof text === 'string' ? preparedNames.get(text) : undefined
    return name ? own.query.call(client, { name, text, values }) : own.query.apply(client, args)
  }
}

/** Runs `statement` as a prepared statement on whichever connection of `db` runs it (see above). */
export async function executePrepared<R>(
  db: Kysely<Database>,
  statement: RawBuilder<R>,
): Promise<QueryResult<R>> {
  const compiled = statement.compile(db)
  if (!preparedNames.has(compiled.sql) && preparedNames.size < MAX_PREPARED) {
    const digest = createHash('sha256').update(compiled.sql).digest('hex').slice(0, 24)
    preparedNames.set(compiled.sql, `preau_${digest}`)
  }
  return db.executeQuery(compiled)
}
