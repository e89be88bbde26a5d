import type { RawBuilder } from 'kysely'
import { sql } from 'kysely'
import type { Actor } from '../../plugins/auth/actor.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'
import { findGroupIdsOf, findStoredRules } from './queries.ts'
import { type Reach, resolveReach } from './reachability.ts'

/**
 * The one service every module asks "may A see or write to B?". `reachableSql` gives the whole set as
 * a subquery to filter with; `canCommunicate` answers for one person.
 */
export async function reachOf(scope: SchoolScope, actor: Actor): Promise<Reach> {
  const [rules, groupIds] = await Promise.all([findStoredRules(scope), findGroupIdsOf(scope, actor.userId)])
  return resolveReach(scope, actor, rules, groupIds)
}

export async function reachableSql(scope: SchoolScope, actor: Actor): Promise<RawBuilder<unknown>> {
  return (await reachOf(scope, actor)).users
}

export async function canCommunicate(
  scope: SchoolScope,
  actor: Actor,
  targetUserId: string,
): Promise<boolean> {
  const reachable = await reachableSql(scope, actor)
  const { rows } = await sql<{ ok: boolean }>`select exists (
    select 1 from (${reachable}) as reach(user_id) where reach.user_id = ${targetUserId}
  ) as ok`.execute(scope.db)
  return rows[0]?.ok ?? false
}

/** Every user id `actor` may reach in the school (for tests and small fan-outs; prefer `reachableSql`). */
export async function listReachableIds(scope: SchoolScope, actor: Actor): Promise<string[]> {
  const reachable = await reachableSql(scope, actor)
  const { rows } = await sql<{
    userId: string
  }>`select user_id from (${reachable}) as reach(user_id)`.execute(scope.db)
  return rows.map((row) => row.userId)
}
