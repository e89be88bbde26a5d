import { sql } from 'kysely'
import type { Profile } from '../../../contract/structures.ts'
import type { Db } from '../../db/connection.ts'

/** An account as sign-in, activation and reset need it. */
export type AccountRow = {
  id: string
  login: string
  firstName: string
  lastName: string
  email: string | null
  passwordHash: string | null
  activatedAt: Date | null
  profiles: Profile[]
  isDirector: boolean
  isAdministrator: boolean
  /** An authenticator app is enrolled and confirmed. */
  hasTotp: boolean
  /** Too many wrong codes: only a recovery code (or an administrator's reset) lets the person in. */
  isSecondFactorLocked: boolean
}

function selectAccount(db: Db) {
  return db
    .selectFrom('users as u')
    .where('u.disabledAt', 'is', null)
    .select([
      'u.id',
      'u.login',
      'u.firstName',
      'u.lastName',
      'u.email',
      'u.passwordHash',
      'u.activatedAt',
      sql<
        Profile[]
      >`array(select distinct m.profile from memberships m where m.user_id = u.id and m.left_at is null)`.as(
        'profiles',
      ),
      sql<boolean>`exists (select 1 from memberships m where m.user_id = u.id and m.left_at is null and 'director' = any(m.functions))`.as(
        'isDirector',
      ),
      sql<boolean>`exists (select 1 from admin_roles r where r.user_id = u.id)`.as('isAdministrator'),
      sql<boolean>`exists (select 1 from user_totp t where t.user_id = u.id and t.confirmed_at is not null)`.as(
        'hasTotp',
      ),
      sql<boolean>`exists (select 1 from user_totp t where t.user_id = u.id and t.confirmed_at is not null and t.locked_at is not null)`.as(
        'isSecondFactorLocked',
      ),
    ])
}

/** The account of a login or alias (typed in any case), if it is not disabled. */
export async function findAccountByLogin(db: Db, login: string): Promise<AccountRow | undefined> {
  const typed = login.trim().toLowerCase()
  return selectAccount(db)
    .where((eb) => eb.or([eb('u.login', '=', typed), eb('u.alias', '=', typed)]))
    .executeTakeFirst()
}

/**
 * Everything a password sign-in reads, in one statement: how long the login typed or the address is
 * blocked, whether the login has failures to clear, and the account (absent when unknown).
 */
export async function findSignInState(
  db: Db,
  login: string,
  keys: { login: string; address: string },
): Promise<{ blockedSeconds: number; hasFailures: boolean; account: AccountRow | undefined }> {
  const typed = login.trim().toLowerCase()
  const row = await db
    .selectFrom(sql<{ one: number }>`(select 1)`.as('one'))
    .leftJoin(
      selectAccount(db)
        .where((w) => w.or([w('u.login', '=', typed), w('u.alias', '=', typed)]))
        .limit(1)
        .as('a'),
      (join) => join.onTrue(),
    )
    .selectAll('a')
    .select([
      sql<number>`coalesce((select ceil(extract(epoch from max(t.blocked_until) - now())) from sign_in_throttles t
        where t.key in (${keys.login}, ${keys.address}) and t.blocked_until > now()), 0)`.as(
        'blockedSeconds',
      ),
      sql<boolean>`exists (select 1 from sign_in_throttles t where t.key = ${keys.login})`.as('hasFailures'),
    ])
    .executeTakeFirstOrThrow()
  const { blockedSeconds, hasFailures, ...account } = row
  return {
    blockedSeconds: Math.max(0, Number(blockedSeconds)),
    hasFailures,
    account: account.id ? (account as AccountRow) : undefined,
  }
}

export async function findAccountById(db: Db, userId: string): Promise<AccountRow | undefined> {
  return selectAccount(db).where('u.id', '=', userId).executeTakeFirst()
}

/** Adults reachable by e-mail for a reset: by login, or by e-mail address when it is unique. */
export async function findAccountsForReset(db: Db, loginOrEmail: string): Promise<AccountRow[]> {
  const typed = loginOrEmail.trim().toLowerCase()
  const rows = await selectAccount(db)
    .where((eb) => eb.or([eb('u.login', '=', typed), eb(sql`lower(u.email)`, '=', typed)]))
    .where('u.email', 'is not', null)
    .where('u.activatedAt', 'is not', null)
    .execute()
  return rows.filter((row) => !row.profiles.every((profile) => profile === 'pupil'))
}

export async function findActivationCode(db: Db, userId: string) {
  return db.selectFrom('activationCodes').selectAll().where('userId', '=', userId).executeTakeFirst()
}

export async function revokeAllSessions(db: Db, userId: string, exceptSessionId?: string): Promise<void> {
  let query = db
    .updateTable('sessions')
    .set({ revokedAt: sql`now()` })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId)
  await query.execute()
}

export async function listSessions(db: Db, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'createdAt', 'lastSeenAt', 'ip', 'userAgent'])
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', sql<Date>`now()`)
    .orderBy('lastSeenAt', 'desc')
    .limit(50)
    .execute()
}

/** Revokes one of the user's own sessions; false when no such live session of theirs exists. */
export async function revokeOwnSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revokedAt: sql`now()` })
    .where('id', '=', sessionId)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
