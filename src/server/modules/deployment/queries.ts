import { sql } from 'kysely'
import type { DeploymentIdentity } from '../../../contract/deployment.ts'
import type { Db } from '../../db/connection.ts'

/** The syndicate row (one per deployment), or undefined before any deployment was set up. */
export function findDeploymentIdentity(db: Db) {
  return db
    .selectFrom('syndicate')
    .select(['name', 'address', 'dpoName', 'dpoEmail', 'dpoAddress'])
    .executeTakeFirst()
}

/** Writes the one syndicate row (created when a deployment starts without one). */
export async function saveDeploymentIdentity(db: Db, identity: DeploymentIdentity): Promise<void> {
  await db
    .insertInto('syndicate')
    .values(identity)
    .onConflict((conflict) =>
      conflict.column('singleton').doUpdateSet({ ...identity, updatedAt: sql`now()` }),
    )
    .execute()
}

/** The user's most recent acceptance of the charter. */
export function findLastCharterAcceptance(db: Db, userId: string) {
  return db
    .selectFrom('charterAcceptances')
    .select(['version', 'acceptedAt'])
    .where('userId', '=', userId)
    .orderBy('acceptedAt', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Records that `userId` accepted `version` now (once: accepting again keeps the first date). */
export async function insertCharterAcceptance(db: Db, userId: string, version: string): Promise<void> {
  await db
    .insertInto('charterAcceptances')
    .values({ userId, version })
    .onConflict((conflict) => conflict.columns(['userId', 'version']).doNothing())
    .execute()
}
