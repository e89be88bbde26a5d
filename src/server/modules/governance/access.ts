import type { Db } from '../../db/connection.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import { forbidden } from '../../plugins/errors.ts'

/** The register is read by the syndicate's administrators and by the delegates of its bodies. */
export async function assertCanReadRegister(db: Db, actor: Actor): Promise<void> {
  if (actor.isSyndicateAdmin) return
  const delegate = await db
    .selectFrom('governanceDelegates')
    .select('id')
    .where('userId', '=', actor.userId)
    .limit(1)
    .executeTakeFirst()
  if (!delegate)
    throw forbidden(
      'Le registre des délibérations est réservé aux délégués et à l’administration du syndicat.',
    )
}

export function allowedActionsFor(actor: Actor): string[] {
  return actor.isSyndicateAdmin ? ['governance.manage'] : []
}
