import {
  CamelCasePlugin,
  Kysely,
  type KyselyConfig,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
} from 'kysely'
import type pg from 'pg'
import { namePreparedStatements } from './prepared.ts'
import type { Database } from './schema.ts'

/**
 * Connections in a school's tenancy (ADR 0007). Every pg client of the pool is, at any moment, either in
 * the owner role (what it connects as) or in the role `preau_tenant` with `preau.school_id` set, where
 * row-level security shows and accepts that school's rows only. A handle asks for the state it needs
 * when it takes a client from the pool; the state a client was last put in is remembered here, so a
 * client already in the right state costs no round trip and a switch costs one.
 */
export const TENANT_ROLE = 'preau_tenant'

/** The school a client was last put in; absent or null: the owner role (a new client's). */
const schoolOfClient = new WeakMap<object, string | null>()

const ENTER_SCHOOL = `select set_config('role', '${TENANT_ROLE}', false), set_config('preau.school_id', $1, false)`
const LEAVE_SCHOOL = `select set_config('role', 'none', false), set_config('preau.school_id', '', false)`

type Options = { log?: KyselyConfig['log'] }
type Tenancy = { pool: pg.Pool; options: Options; schools: Map<string, Kysely<Database>> }
const tenancies = new WeakMap<Kysely<Database>, Tenancy>()

/** School handles kept per database; past this many, the oldest are forgotten (and rebuilt when needed). */
const MAX_SCHOOL_HANDLES = 1_000

/** The pool as Kysely's dialect sees it, handing out clients put in `schoolId`'s tenancy (null: owner). */
function poolIn(pool: pg.Pool, schoolId: string | null, options: { ownsPool: boolean }): PostgresPool {
  return {
    // Kysely's query cancellation opens a control client with the pool's own settings.
    Client: (pool as unknown as { Client: unknown }).Client,
    options: pool.options,
    connect: async (): Promise<PostgresPoolClient> => {
      const client = await pool.connect()
      namePreparedStatements(client)
      if ((schoolOfClient.get(client) ?? null) === schoolId) return client
      try {
        if (schoolId === null) await client.query(LEAVE_SCHOOL)
        else await client.query(ENTER_SCHOOL, [schoolId])
      } catch (error) {
        // Its state is unknown now: the pool drops it rather than lend it again.
        schoolOfClient.delete(client)
        client.release(error instanceof Error ? error : new Error(String(error)))
        throw error
      }
      schoolOfClient.set(client, schoolId)
      return client
    },
    // A school handle shares the pool of the database: only the database's own handle closes it.
    end: async () => {
      if (options.ownsPool) await pool.end()
    },
  } as PostgresPool
}

function openKysely(pool: pg.Pool, schoolId: string | null, ownsPool: boolean, options: Options) {
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: poolIn(pool, schoolId, { ownsPool }) }),
    plugins: [new CamelCasePlugin()],
    ...(options.log ? { log: options.log } : {}),
  })
}

/**
 * The unscoped handle on `pool`: its connections run in the owner role (a client left in a school's
 * tenancy is put back first). `destroy()` closes the pool. School handles come from `schoolDatabase`;
 * `log` (a harness's) applies to them too.
 */
export function openOwnerDatabase(pool: pg.Pool, options: Options = {}): Kysely<Database> {
  const db = openKysely(pool, null, true, options)
  tenancies.set(db, { pool, options, schools: new Map() })
  return db
}

/**
 * The handle of one school over the same pool as `db` (a handle from `openOwnerDatabase`): every query,
 * transaction included, runs in the tenant role with `preau.school_id = schoolId`. Only the tenancy
 * plugin asks for it, to build a `SchoolScope`.
 */
export function schoolDatabase(db: Kysely<Database>, schoolId: string): Kysely<Database> {
  const tenancy = tenancies.get(db)
  if (!tenancy) throw new Error('school handles are opened from the database handle of createDatabase()')
  let school = tenancy.schools.get(schoolId)
  if (!school) {
    if (tenancy.schools.size >= MAX_SCHOOL_HANDLES) {
      const oldest = tenancy.schools.keys().next().value
      if (oldest !== undefined) tenancy.schools.delete(oldest)
    }
    school = openKysely(tenancy.pool, schoolId, false, tenancy.options)
    tenancy.schools.set(schoolId, school)
  }
  return school
}
