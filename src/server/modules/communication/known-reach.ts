import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { sql } from 'kysely'
import { LRUCache } from 'lru-cache'
import type { Actor } from '../../plugins/auth/actor.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'
import { reachOf } from './service.ts'

/**
 * An actor's reach in one school as ids, for the screens that list people (the directory): computed once
 * and kept as long as the session's actor is (15 s, forgotten at once when the person's memberships
 * change or the school's rules do), so a search costs one plain statement on an id list instead of the
 * rules, the groups and the reach's joins planned again for every keystroke.
 *
 * Writing is never decided from here: Messagerie and every send resolve `reachableSql` in the statement
 * that writes, so a list at most 15 s old can only show someone the server then refuses.
 */
export type KnownReach =
  /** Teachers and staff: every current member of the school but the ids the director's rules deny. */
  | { wholeSchool: true; denied: string[] }
  /** Everyone else: a small list (a class's teachers, the staff, their children). */
  | { wholeSchool: false; users: string[] }

export type ReachCache = {
  of: (scope: SchoolScope, actor: Actor) => Promise<KnownReach>
  /** The school's rules changed: every reach computed there is dropped. */
  forgetSchool: (schoolId: string) => void
}

declare module 'fastify' {
  interface FastifyInstance {
    reach: ReachCache
  }
}

/** As long as a session's actor is cached (`plugins/auth/session.ts`): both go stale together. */
const KEEP_MS = 15_000

async function idsOf(scope: SchoolScope, subquery: ReturnType<typeof sql>): Promise<string[]> {
  const { rows } = await sql<{ ids: string[] | null }>`
    select array_agg(user_id) as ids from (${subquery}) as reach(user_id)`.execute(scope.db)
  return rows[0]?.ids ?? []
}

export async function computeKnownReach(scope: SchoolScope, actor: Actor): Promise<KnownReach> {
  const reach = await reachOf(scope, actor)
  if (reach.wholeSchool)
    return { wholeSchool: true, denied: reach.denied ? await idsOf(scope, reach.denied) : [] }
  return { wholeSchool: false, users: await idsOf(scope, reach.users) }
}

export const reachCachePlugin = fp(
  async (app: FastifyInstance) => {
    // Per person, their reach in each school: forgetting a person (called for every account an import
    // or a merge touches) is one delete; forgetting a school (a rule changed: rare) walks the people.
    // Each school's reach keeps its own age: the person's entry is refreshed whenever one is added.
    const cache = new LRUCache<string, Map<string, { reach: KnownReach; at: number }>>({
      max: 50_000,
      ttl: KEEP_MS,
    })
    app.sessions.onForget((userId) => cache.delete(userId))
    app.decorate('reach', {
      of: async (scope, actor) => {
        const known = cache.get(actor.userId)?.get(scope.schoolId)
        if (known && Date.now() - known.at < KEEP_MS) return known.reach
        const at = Date.now()
        const computed = await computeKnownReach(scope, actor)
        const schools = cache.get(actor.userId) ?? new Map<string, { reach: KnownReach; at: number }>()
        schools.set(scope.schoolId, { reach: computed, at })
        cache.set(actor.userId, schools)
        return computed
      },
      forgetSchool: (schoolId) => {
        for (const schools of cache.values()) schools.delete(schoolId)
      },
    } satisfies ReachCache)
  },
  { name: 'reach-cache', dependencies: ['session'] },
)
