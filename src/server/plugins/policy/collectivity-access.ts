import type { Db } from '../../db/connection.ts'
import type { Actor } from '../auth/actor.ts'
import type { CollectivityAccess } from './define.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * How `actor` reaches the member collectivity `collectivityId`, or null when they do not (the caller
 * answers 404: a collectivity one does not administer does not exist for them). Only administrators
 * reach a collectivity: the syndicate's any of them, a collectivity's administrators their own.
 */
export async function resolveCollectivityAccess(
  db: Db,
  actor: Actor,
  collectivityId: string,
): Promise<CollectivityAccess | null> {
  if (!UUID.test(collectivityId)) return null
  const viaCollectivityAdmin = actor.collectivityAdminOf.includes(collectivityId)
  if (!actor.isSyndicateAdmin && !viaCollectivityAdmin) return null
  const collectivity = await db
    .selectFrom('collectivities')
    .select('id')
    .where('id', '=', collectivityId)
    .executeTakeFirst()
  if (!collectivity) return null
  return { collectivityId, viaSyndicateAdmin: actor.isSyndicateAdmin, viaCollectivityAdmin }
}
