import type { Kysely } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.ts'
import { openOwnerDatabase } from './tenant-connection.ts'

/** The application's handle on PostgreSQL. */
export type Db = Kysely<Database>

// `date` stays a string: a birth date or a school-year bound has no time zone to shift it.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)
// Counts (`count(*)` is bigint) fit in a JS number at any scale Préau will see.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10))

export type DatabaseOptions = {
  connectionString: string
  poolSize: number
  applicationName?: string
}

/** Opens a pooled connection. Call `destroy()` on the result to close the pool. */
export function createDatabase(options: DatabaseOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize,
    application_name: options.applicationName ?? 'preau',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  })
  // An idle client losing its server (restart, network) must not crash the process: the pool replaces it.
  pool.on('error', () => {})
  // A client in use loses its server just as well (backend killed, failover). pg-pool takes its own
  // listener off a checked-out client, and an 'error' nobody hears ends the process: this one stays for
  // the client's life. The query or transaction in flight fails on its own (answered 503), and the pool
  // drops the dead client when it comes back.
  pool.on('connect', (client) => client.on('error', () => {}))
  // Its connections run in the owner role; school handles over the same pool in a school's tenancy.
  return openOwnerDatabase(pool)
}
