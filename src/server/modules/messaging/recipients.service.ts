import type { z } from 'zod'
import type { RecipientsQuery } from '../../../contract/messaging.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'
import type { KnownReach } from '../communication/index.ts'
import { listGroups, type Roster, searchDirectory } from '../directory/index.ts'
import { isYoungPupil } from './addressing.ts'

/**
 * What the composer offers: the people the actor reaches (the directory's search, itself the
 * communication module's reach) and the groups they may write to. Nothing else will be accepted.
 */
export async function findRecipients(
  scope: SchoolScope,
  actor: Actor,
  reach: KnownReach,
  roster: Roster,
  query: z.output<typeof RecipientsQuery>,
) {
  const people = searchDirectory(actor, reach, roster, { q: query.q, limit: query.limit })
  const [groups, simplified] = await Promise.all([listGroups(scope, actor), isYoungPupil(scope, actor)])
  const q = query.q?.toLocaleLowerCase('fr')
  return {
    people: people.people,
    groups: simplified ? [] : groups.groups.filter((g) => !q || g.name.toLocaleLowerCase('fr').includes(q)),
    simplified,
  }
}
