import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'
import {
  type Actor,
  type FirstFactor,
  limitToAuthentication,
  type Membership,
  type SecondFactor,
} from './actor.ts'

/**
 * Sessions in PostgreSQL: the cookie carries a random token, the table only its SHA-256, so a leaked
 * database or log never yields a usable session.
 */
export type SessionRecord = {
  actor: Actor
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
}

export function newSessionToken(): { token: string; tokenHash: Buffer } {
  const token = randomBytes(32).toString('base64url')
  return { token, tokenHash: hashSessionToken(token) }
}

export function hashSessionToken(token: string): Buffer {
  return createHash('sha256').update(token).digest()
}

/** How a session is being opened: the first factor checked, and the second one when there was one. */
export type SessionProof = { firstFactor: FirstFactor; secondFactor: SecondFactor | null }

export async function insertSession(
  db: Db,
  input: {
    userId: string
    tokenHash: Buffer
    expiresAt: Date
    ip: string | null
    userAgent: string | null
    proof: SessionProof
  },
): Promise<string> {
  const row = await db
    .insertInto('sessions')
    .values({
      userId: input.userId,
      tokenHash: input.tokenHash,
      expiresAt: input.expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 400) ?? null,
      firstFactor: input.proof.firstFactor,
      secondFactor: input.proof.secondFactor,
      secondFactorAt: input.proof.secondFactor ? sql<Date>`now()` : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The actor's memberships (with classes), and deployment roles, for the user of `u.id`. */
function actorColumns() {
  return [
    sql<Membership[]>`coalesce((
      select json_agg(json_build_object(
        'schoolId', m.school_id, 'profile', m.profile, 'functions', m.functions,
        'classIds', coalesce((
          select json_agg(distinct c.id) from classes c
          where c.school_id = m.school_id and c.archived_at is null and c.id in (
            select cm.class_id from class_members cm
            where cm.school_id = m.school_id and cm.user_id = m.user_id
            union all
            select cm.class_id from family_links f
            join class_members cm on cm.school_id = f.school_id and cm.user_id = f.pupil_id
            where m.profile = 'parent' and f.school_id = m.school_id and f.parent_id = m.user_id
          )), '[]'::json)
      ) order by m.school_id, m.profile)
      from memberships m where m.user_id = u.id and m.left_at is null
    ), '[]'::json)`.as('memberships'),
    sql<boolean>`exists (select 1 from admin_roles r where r.user_id = u.id and r.role = 'syndicate_admin')`.as(
      'isSyndicateAdmin',
    ),
    sql<string[]>`coalesce((
      select array_agg(r.collectivity_id) from admin_roles r where r.user_id = u.id and r.role = 'collectivity_admin'
    ), '{}')`.as('collectivityAdminOf'),
  ] as const
}

/**
 * Loads a live session with everything policies need, in one round trip: the user, their current
 * memberships with their classes (a parent's are their children's), and their deployment roles.
 */
export async function findLiveSession(
  db: Db,
  tokenHash: Buffer,
  idleMinutes: number,
): Promise<SessionRecord | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .where('s.tokenHash', '=', tokenHash)
    .where('s.revokedAt', 'is', null)
    .where('s.expiresAt', '>', sql<Date>`now()`)
    .where('s.lastSeenAt', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .where('u.disabledAt', 'is', null)
    .select([
      's.id as sessionId',
      's.createdAt',
      's.lastSeenAt',
      's.expiresAt',
      's.firstFactor',
      's.secondFactor',
      's.secondFactorAt',
      sql<boolean>`exists (select 1 from user_totp t where t.user_id = u.id and t.confirmed_at is not null)`.as(
        'hasAuthenticator',
      ),
      'u.id as userId',
      'u.login',
      'u.firstName',
      'u.displayName',
    ])
    .select(actorColumns())
    .executeTakeFirst()
  if (!row) return null
  return {
    actor: limitToAuthentication({
      userId: row.userId,
      sessionId: row.sessionId,
      login: row.login,
      firstName: row.firstName,
      displayName: row.displayName,
      memberships: row.memberships,
      isSyndicateAdmin: row.isSyndicateAdmin,
      collectivityAdminOf: row.collectivityAdminOf,
      authentication: {
        firstFactor: row.firstFactor,
        secondFactor: row.secondFactor,
        secondFactorAt: row.secondFactorAt,
        signedInAt: row.createdAt,
        hasAuthenticator: row.hasAuthenticator,
      },
      heldBack: null,
    }),
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
  }
}

/**
 * The actor of a user outside any session (jobs acting for someone, tests), with all their rights: no
 * session means no authentication to limit them to.
 */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('users as u')
    .where('u.id', '=', userId)
    .select(['u.id as userId', 'u.login', 'u.firstName', 'u.displayName'])
    .select(actorColumns())
    .executeTakeFirst()
  if (!row) return null
  const authentication = {
    firstFactor: 'password' as const,
    secondFactor: null,
    secondFactorAt: null,
    signedInAt: new Date(),
    hasAuthenticator: false,
  }
  return { ...row, sessionId: '', authentication, heldBack: null }
}

/** The session passed the second factor now (at a step-up, or an enrolment from a signed-in session). */
export async function recordSessionSecondFactor(
  db: Db,
  sessionId: string,
  proof: SecondFactor,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ secondFactor: proof, secondFactorAt: sql`now()` })
    .where('id', '=', sessionId)
    .execute()
}

/** Revokes every live session of a user but `keepSessionId` (the one acting, when it is theirs). */
export async function revokeUserSessions(db: Db, userId: string, keepSessionId?: string): Promise<void> {
  let query = db
    .updateTable('sessions')
    .set({ revokedAt: sql`now()` })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
  if (keepSessionId) query = query.where('id', '!=', keepSessionId)
  await query.execute()
}

export async function touchSession(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt: sql`now()` }).where('id', '=', sessionId).execute()
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ revokedAt: sql`now()` }).where('id', '=', sessionId).execute()
}

/**
 * Of `sessionIds`, those still live by the rules of `findLiveSession` (not revoked, not expired, not
 * idle, the account not disabled): what long-lived connections (WebSockets) check now and then.
 */
export async function liveSessionIds(
  db: Db,
  sessionIds: readonly string[],
  idleMinutes: number,
): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .where('s.id', '=', sql<string>`any(${sql.val(sessionIds)}::uuid[])`)
    .where('s.revokedAt', 'is', null)
    .where('s.expiresAt', '>', sql<Date>`now()`)
    .where('s.lastSeenAt', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .where('u.disabledAt', 'is', null)
    .select('s.id')
    .execute()
  return new Set(rows.map((row) => row.id))
}
