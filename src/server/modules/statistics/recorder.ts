import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { sql } from 'kysely'
import type { EntService } from '../../../contract/statistics.ts'
import type { Profile } from '../../../contract/structures.ts'
import type { Db } from '../../db/connection.ts'
import { derivePseudonymKey, pseudonymOf, usageDayOf } from './pseudonym.ts'

/**
 * Records usage events without slowing the request they belong to: the request only pushes a small
 * object into a buffer (microseconds); the buffer is written every second, or at 500 events, in one
 * set-based statement. A crash loses at most a second of statistics, never anything a user relies on.
 */
type SignIn = { userId: string; day: string; hash: Buffer }
type Opening = { schoolId: string; profile: Profile; service: EntService; day: string; hash: Buffer }

export type UsageRecorder = {
  signedIn: (userId: string, now?: Date) => void
  opened: (
    userId: string,
    memberships: { schoolId: string; profile: Profile }[],
    service: EntService,
    now?: Date,
  ) => void
  /** Writes what is buffered (tests, and the app's close). */
  flush: () => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    usage: UsageRecorder
  }
}

const FLUSH_EVERY_MS = 1_000
const FLUSH_AT = 500
/** Openings already recorded today, so a page opened again costs no write; cleared when the day turns. */
const SEEN_LIMIT = 200_000

export async function writeSignIns(db: Db, signIns: SignIn[]): Promise<void> {
  if (signIns.length === 0) return
  // One row per school and profile the person holds: each school counts its own connections.
  await sql`
    insert into usage_events (school_id, day, kind, service, profile, collectivity_id, user_hash)
    select m.school_id, e.day, 'connexion', '', m.profile, s.collectivity_id, e.user_hash
    from unnest(${signIns.map((s) => s.userId)}::uuid[], ${signIns.map((s) => s.day)}::date[],
                ${signIns.map((s) => s.hash)}::bytea[]) as e(user_id, day, user_hash)
    join memberships m on m.user_id = e.user_id and m.left_at is null
    join schools s on s.id = m.school_id
  `.execute(db)
}

export async function writeOpenings(db: Db, openings: Opening[]): Promise<void> {
  if (openings.length === 0) return
  await sql`
    insert into usage_events (school_id, day, kind, service, profile, collectivity_id, user_hash)
    select e.school_id, e.day, 'application', e.service, e.profile, s.collectivity_id, e.user_hash
    from unnest(${openings.map((o) => o.schoolId)}::uuid[], ${openings.map((o) => o.day)}::date[],
                ${openings.map((o) => o.service)}::text[], ${openings.map((o) => o.profile)}::text[],
                ${openings.map((o) => o.hash)}::bytea[]) as e(school_id, day, service, profile, user_hash)
    join schools s on s.id = e.school_id
    on conflict (school_id, day, service, profile, user_hash) where kind = 'application' do nothing
  `.execute(db)
}

export function createUsageRecorder(db: Db, secretKey: Buffer, log: FastifyInstance['log']): UsageRecorder {
  const key = derivePseudonymKey(secretKey)
  let signIns: SignIn[] = []
  let openings: Opening[] = []
  let seenDay = ''
  const seen = new Set<string>()
  let timer: NodeJS.Timeout | null = null
  let writing: Promise<void> = Promise.resolve()

  const flush = async () => {
    if (timer) clearTimeout(timer)
    timer = null
    const batch = { signIns, openings }
    signIns = []
    openings = []
    // One write at a time, in order; a failed write is logged and dropped: statistics never fail a request.
    writing = writing.then(async () => {
      try {
        await writeSignIns(db, batch.signIns)
        await writeOpenings(db, batch.openings)
      } catch (error) {
        log.warn(
          { err: error, lost: batch.signIns.length + batch.openings.length },
          'usage events not recorded',
        )
      }
    })
    await writing
  }
  const later = () => {
    if (signIns.length + openings.length >= FLUSH_AT) void flush()
    else if (!timer) timer = setTimeout(() => void flush(), FLUSH_EVERY_MS).unref()
  }

  return {
    signedIn(userId, now = new Date()) {
      const day = usageDayOf(now)
      signIns.push({ userId, day, hash: pseudonymOf(key, userId, day) })
      later()
    },
    opened(userId, memberships, service, now = new Date()) {
      const day = usageDayOf(now)
      if (day !== seenDay || seen.size > SEEN_LIMIT) {
        seen.clear()
        seenDay = day
      }
      const hash = pseudonymOf(key, userId, day)
      for (const { schoolId, profile } of memberships) {
        const once = `${userId}|${schoolId}|${profile}|${service}`
        if (seen.has(once)) continue
        seen.add(once)
        openings.push({ schoolId, profile, service, day, hash })
      }
      later()
    },
    flush,
  }
}

/** Makes `app.usage` available to every module (registered before them). */
export const usageRecorderPlugin = fp(async (app: FastifyInstance, options: { secretKey: Buffer }) => {
  const recorder = createUsageRecorder(app.db, options.secretKey, app.log)
  app.decorate('usage', recorder)
  app.addHook('onClose', () => recorder.flush())
})

/** Called by every sign-in path once the session is open: one connection in each school of the person. */
export function recordSignIn(request: FastifyRequest, userId: string): void {
  request.server.usage.signedIn(userId)
}
