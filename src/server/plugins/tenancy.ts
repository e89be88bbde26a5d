import { sql } from 'kysely'
import type { Db } from '../db/connection.ts'
import type { SchoolTable } from '../db/schema.ts'
import { type Actor, membershipsIn } from './auth/actor.ts'
import type { SchoolAccess } from './policy/define.ts'

/**
 * The tenant boundary. A `SchoolScope` exists only once the school was checked against the actor
 * (see the policy plugin); every query on school data takes it first and starts from `fromSchool`.
 */
export type SchoolScope = { readonly db: Db; readonly schoolId: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/** `select … from <table> where <table>.school_id = <scope>`: the start of every school-data query. */
export function fromSchool<T extends SchoolTable>(scope: SchoolScope, table: T) {
  return scope.db.selectFrom(table as SchoolTable).where(sql.ref(`${table}.schoolId`), '=', scope.schoolId)
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
