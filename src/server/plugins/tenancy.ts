import {
  type DeleteQueryBuilder,
  type DeleteResult,
  type RawBuilder,
  type SelectQueryBuilder,
  sql,
  type UpdateQueryBuilder,
  type UpdateResult,
} from 'kysely'
import type { Db } from '../db/connection.ts'
import type { Database, SchoolTable } from '../db/schema.ts'
import { schoolDatabase } from '../db/tenant-connection.ts'
import { type Actor, membershipsIn } from './auth/actor.ts'
import type { SchoolAccess } from './policy/define.ts'

/** The mark of a scope opened here: a look-alike object is refused (at compile time and at run time). */
const schoolScopeBrand: unique symbol = Symbol('SchoolScope')

/**
 * The tenant boundary. A `SchoolScope` exists only once the school was checked against the actor (the
 * policy plugin's `schoolScopeOf`), or for the declared bulk writers (the ONDE import, the school-years
 * retention); nothing else opens one (`tenancy.test.ts` checks who calls `openSchoolScope`). Its `db`
 * runs in the school's tenancy: row-level security shows and accepts that school's rows only (ADR 0007),
 * so a query that forgets its school filter still cannot reach another school. Queries on school data
 * take the scope first and start from its helpers (`fromSchool`, `updateInSchool`, `deleteFromSchool`,
 * `inSchool` in raw SQL), which say the filter aloud and let PostgreSQL use the school-led indexes.
 */
export type SchoolScope = {
  readonly db: Db
  readonly schoolId: string
  readonly [schoolScopeBrand]: true
}

function mint(db: Db, schoolId: string): SchoolScope {
  return Object.freeze({ db, schoolId, [schoolScopeBrand]: true as const })
}

/** Throws on anything but a scope opened here (a plain `{ db, schoolId }` has no tenancy). */
function checked(scope: SchoolScope): SchoolScope {
  if (scope?.[schoolScopeBrand] !== true) throw new Error('not a SchoolScope opened by openSchoolScope()')
  return scope
}

/**
 * Opens the scope of `schoolId` over `db` (the application's handle). Callers: the policy plugin, once
 * the actor's access is established, and the declared bulk writers. Anyone else receives a scope.
 */
export function openSchoolScope(db: Db, schoolId: string): SchoolScope {
  if (!isUuid(schoolId)) throw new Error(`not a school id: ${schoolId}`)
  return mint(schoolDatabase(db, schoolId), schoolId)
}

/** Runs `work` in one transaction of the school's tenancy, with a scope whose `db` is that transaction. */
export function schoolTransaction<T>(
  scope: SchoolScope,
  work: (scope: SchoolScope) => Promise<T>,
): Promise<T> {
  const { db, schoolId } = checked(scope)
  return db.transaction().execute((trx) => work(mint(trx, schoolId)))
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

// biome-ignore lint/complexity/noBannedTypes: Kysely's own type of a selection not yet made.
type NothingSelected = {}

/** `select … from <table> where <table>.school_id = <scope>`: the start of every school-data query. */
export function fromSchool<T extends SchoolTable>(scope: SchoolScope, table: T) {
  const { db, schoolId } = checked(scope)
  // Built on the union of school tables (a generic table defeats Kysely's overloads), typed back to `T`.
  return db
    .selectFrom(table as SchoolTable)
    .where(sql.ref(`${table}.schoolId`), '=', schoolId) as unknown as SelectQueryBuilder<
    Database,
    T,
    NothingSelected
  >
}

/** `update <table> … where <table>.school_id = <scope>`. */
export function updateInSchool<T extends SchoolTable>(scope: SchoolScope, table: T) {
  const { db, schoolId } = checked(scope)
  // Built on the union of school tables (a generic table defeats Kysely's overloads), typed back to `T`.
  return db
    .updateTable(table as SchoolTable)
    .where(sql.ref(`${table}.schoolId`), '=', schoolId) as unknown as UpdateQueryBuilder<
    Database,
    T,
    T,
    UpdateResult
  >
}

/** `delete from <table> where <table>.school_id = <scope>`. */
export function deleteFromSchool<T extends SchoolTable>(scope: SchoolScope, table: T) {
  const { db, schoolId } = checked(scope)
  return db
    .deleteFrom(table as SchoolTable)
    .where(sql.ref(`${table}.schoolId`), '=', schoolId) as unknown as DeleteQueryBuilder<
    Database,
    T,
    DeleteResult
  >
}

/** `<alias>.school_id = <scope>`, the school filter of raw SQL (joins, subqueries) on a school table. */
export function inSchool(scope: SchoolScope, alias: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(`${alias}.school_id`)} = ${checked(scope).schoolId}`
}

/**
 * The access of a plain member (no administrator role), known without a query; null when the database
 * must be asked (an administrator above schools) or the actor is no member.
 */
export function memberAccess(actor: Actor, schoolId: string): SchoolAccess | null {
  if (actor.isSyndicateAdmin || actor.collectivityAdminOf.length > 0) return null
  const memberships = membershipsIn(actor, schoolId)
  if (memberships.length === 0) return null
  return { schoolId, memberships, viaSyndicateAdmin: false, viaCollectivityAdmin: false }
}

/**
 * How `actor` reaches `schoolId`, or null when they do not (the caller answers 404: another school's
 * existence is not disclosed). Members need no query; administrators above the school need one.
 */
export async function resolveSchoolAccess(
  db: Db,
  actor: Actor,
  schoolId: string,
): Promise<SchoolAccess | null> {
  if (!isUuid(schoolId)) return null
  const memberships = membershipsIn(actor, schoolId)
  const base = { schoolId, memberships, viaSyndicateAdmin: false, viaCollectivityAdmin: false }
  if (memberships.length > 0 && !actor.isSyndicateAdmin && actor.collectivityAdminOf.length === 0) return base
  if (!actor.isSyndicateAdmin && actor.collectivityAdminOf.length === 0) return null
  const school = await db
    .selectFrom('schools')
    .select('collectivityId')
    .where('id', '=', schoolId)
    .executeTakeFirst()
  if (!school) return null
  const viaCollectivityAdmin = actor.collectivityAdminOf.includes(school.collectivityId)
  if (!actor.isSyndicateAdmin && !viaCollectivityAdmin && memberships.length === 0) return null
  return { ...base, viaSyndicateAdmin: actor.isSyndicateAdmin, viaCollectivityAdmin }
}
