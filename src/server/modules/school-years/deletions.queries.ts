import { type RawBuilder, sql } from 'kysely'
import type { PlannedDeletion, RemovedData } from '../../../contract/school-years.ts'
import type { Profile } from '../../../contract/structures.ts'
import type { Db } from '../../db/connection.ts'

/**
 * People who no longer need an account, and the deletion of their personal data. This is the one place
 * that reaches a person's rows in every table (memberships, family links, classes, groups, consents,
 * sessions, sign-in data): deleting personal data is about all of them at once.
 */

/** Dates are Paris days: a departure at 23:30 on 31 May is a departure on 31 May. */
const PARIS = sql.lit('Europe/Paris')

/**
 * Everyone whose every membership has ended and who holds no deployment role, with the day they left
 * their last school and the day their data is due for deletion: 3 months later (arrêté of 30 November
 * 2006, art. 6).
 */
function departedPeople(): RawBuilder<unknown> {
  return sql`
    select m.user_id,
      (max(m.left_at) at time zone ${PARIS})::date as left_on,
      ((max(m.left_at) at time zone ${PARIS})::date + interval '3 months')::date as due_on
    from memberships m
    where m.left_at is not null
      and not exists (select 1 from memberships a where a.user_id = m.user_id and a.left_at is null)
      and not exists (select 1 from admin_roles r where r.user_id = m.user_id)
    group by m.user_id`
}

export async function countDepartedPeople(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (${departedPeople()}) d`.execute(
    db,
  )
  return rows[0]?.n ?? 0
}

type DepartedRow = Omit<PlannedDeletion, 'account' | 'contributions' | 'removes'> & {
  hasObjected: boolean
  searchKey: string
} & RemovedData

/** A position in the list: the deletion day, then the name key, then the id (the list's order). */
export type DeletionsCursor = { dueOn: string; key: string; id: string }

export function encodeDeletionsCursor(row: DeletionsCursor): string {
  return Buffer.from(JSON.stringify([row.dueOn, row.key, row.id])).toString('base64url')
}

/** The position a cursor names, or undefined for a missing or tampered one (the first page then). */
export function decodeDeletionsCursor(cursor: string | undefined): DeletionsCursor | undefined {
  if (!cursor) return undefined
  try {
    const [dueOn, key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    return typeof dueOn === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(dueOn) &&
      typeof key === 'string' &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/.test(id)
      ? { dueOn, key, id }
      : undefined
  } catch {
    return undefined
  }
}

/**
 * A page of the people who no longer need an account, soonest deletion first, with what their deletion
 * removes. A deletion already scheduled keeps its day unless they left again later.
 */
export async function findDepartedPeople(
  db: Db,
  page: { limit: number; after?: DeletionsCursor | undefined },
): Promise<{ deletions: PlannedDeletion[]; nextAfter: DeletionsCursor | null }> {
  const dueOn = sql`greatest(d.due_on, p.due_on)`
  const after = page.after
  const { rows } = await sql<DepartedRow>`
    with departed as (${departedPeople()})
    select d.user_id, u.display_name, u.search_key, u.contributions_objection_at is not null as has_objected,
      d.left_on::text, greatest(d.due_on, p.due_on)::text as due_on, p.id is not null as is_scheduled,
      (select array_agg(distinct m.profile order by m.profile) from memberships m where m.user_id = d.user_id)
        as profiles,
      (select json_agg(json_build_object('id', s.id, 'name', s.name) order by s.name) from schools s
        where s.id in (select m.school_id from memberships m where m.user_id = d.user_id)) as schools,
      (select count(*) from memberships m where m.user_id = d.user_id)::int as memberships,
      ((select count(*) from family_links f where f.pupil_id = d.user_id)
        + (select count(*) from family_links f where f.parent_id = d.user_id))::int as family_links,
      (select count(*) from class_members cm where cm.user_id = d.user_id)::int as class_memberships,
      (select count(*) from group_members g where g.user_id = d.user_id)::int as group_memberships,
      (select count(*) from image_consents i where i.pupil_id = d.user_id)::int as image_consents,
      (select count(*) from sessions s where s.user_id = d.user_id)::int as sessions,
      (select count(*) from activation_codes a where a.user_id = d.user_id)::int as activation_codes,
      (select count(*) from login_cards l where l.user_id = d.user_id)::int as login_cards
    from departed d
    join users u on u.id = d.user_id
    left join personal_data_deletions p on p.user_id = d.user_id and p.status = 'scheduled'
    ${after ? sql`where (${dueOn}, u.search_key, d.user_id) > (${after.dueOn}::date, ${after.key}, ${after.id}::uuid)` : sql``}
    order by ${dueOn}, u.search_key, d.user_id
    limit ${page.limit + 1}`.execute(db)
  const shown = rows.slice(0, page.limit)
  const last = shown.at(-1)
  const nextAfter =
    rows.length > page.limit && last ? { dueOn: last.dueOn, key: last.searchKey, id: last.userId } : null
  const deletions = shown.map(
    (row): PlannedDeletion => ({
      userId: row.userId,
      displayName: row.displayName,
      profiles: row.profiles as Profile[],
      schools: row.schools,
      leftOn: row.leftOn,
      dueOn: row.dueOn,
      isScheduled: row.isScheduled,
      account: row.hasObjected ? 'deleted' : 'anonymised',
      contributions: row.hasObjected ? 'deleted' : 'kept',
      removes: {
        memberships: row.memberships,
        familyLinks: row.familyLinks,
        classMemberships: row.classMemberships,
        groupMemberships: row.groupMemberships,
        imageConsents: row.imageConsents,
        sessions: row.sessions,
        activationCodes: row.activationCodes,
        loginCards: row.loginCards,
      },
    }),
  )
  return { deletions, nextAfter }
}

/**
 * Records a deletion, due 3 months after they left, for every person who no longer needs an account
 * and has none scheduled yet. Returns how many were recorded.
 */
export async function insertDepartedDeletions(
  db: Db,
  now: Date,
  schoolYearId: string | null,
): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with inserted as (
      insert into personal_data_deletions (user_id, due_on, scheduled_at, school_year_id)
      select d.user_id, d.due_on, ${now}, ${schoolYearId}::uuid from (${departedPeople()}) d
      on conflict (user_id) where status = 'scheduled' do nothing
      returning 1)
    select count(*)::int as n from inserted`.execute(db)
  return rows[0]?.n ?? 0
}

export type DueDeletion = {
  id: string
  userId: string
  /** False when the account is gone already (deleted by other means). */
  hasAccount: boolean
  hasObjected: boolean
  /** They belong somewhere again (a membership not ended) or hold a deployment role. */
  isBack: boolean
  /** 3 months after their latest departure, which may be later than the day first scheduled. */
  dueOnNow: string | null
}

/**
 * The scheduled deletions due on `today` or before, a batch at a time, locked for this transaction
 * (another purge running at once skips them).
 */
export async function lockDueDeletions(db: Db, today: string, limit: number): Promise<DueDeletion[]> {
  const { rows } = await sql<DueDeletion>`
    select p.id, p.user_id, u.id is not null as has_account,
      coalesce(u.contributions_objection_at is not null, false) as has_objected,
      (exists (select 1 from memberships a where a.user_id = p.user_id and a.left_at is null)
        or exists (select 1 from admin_roles r where r.user_id = p.user_id)) as is_back,
      (select (((max(m.left_at) at time zone ${PARIS})::date + interval '3 months')::date)::text
        from memberships m where m.user_id = p.user_id) as due_on_now
    from personal_data_deletions p left join users u on u.id = p.user_id
    where p.status = 'scheduled' and p.due_on <= ${today}::date
    order by p.due_on, p.id
    limit ${limit}
    for update of p skip locked`.execute(db)
  return rows
}

export async function postponeDeletion(db: Db, id: string, dueOn: string): Promise<void> {
  await db.updateTable('personalDataDeletions').set({ dueOn }).where('id', '=', id).execute()
}

export async function settleDeletions(
  db: Db,
  ids: string[],
  now: Date,
  settlement: { status: 'cancelled' } | { status: 'done'; outcome: 'anonymised' | 'deleted' },
): Promise<void> {
  if (ids.length === 0) return
  await db
    .updateTable('personalDataDeletions')
    .set({ ...settlement, settledAt: now })
    .where('id', 'in', ids)
    .execute()
}

/**
 * Everything personal about these people outside their account row: where they belonged, their family
 * links, classes, groups, image consents, sessions and sign-in data.
 */
async function deletePersonalRows(db: Db, userIds: string[]): Promise<void> {
  const ids = sql`${userIds}::uuid[]`
  await sql`delete from family_links where pupil_id = any(${ids})`.execute(db)
  await sql`delete from family_links where parent_id = any(${ids})`.execute(db)
  await sql`delete from image_consents where pupil_id = any(${ids})`.execute(db)
  for (const table of [
    'class_members',
    'group_members',
    'login_cards',
    'memberships',
    'sessions',
    'activation_codes',
    'password_resets',
    'sign_in_challenges',
    'user_totp',
    'recovery_codes',
    'known_devices',
    'charter_acceptances',
  ]) {
    await sql`delete from ${sql.table(table)} where user_id = any(${ids})`.execute(db)
  }
}

/**
 * Anonymises the accounts so that what they wrote stays, by « Ancien compte »: names, login, alias,
 * e-mail, phone, birth date and password go; the account is disabled. Their other rows are deleted.
 */
export async function anonymiseAccounts(db: Db, userIds: string[], now: Date): Promise<void> {
  if (userIds.length === 0) return
  await deletePersonalRows(db, userIds)
  await db
    .updateTable('users')
    .set({
      firstName: 'Ancien',
      lastName: 'compte',
      displayName: 'Ancien compte',
      // Unique and says nothing of the person (a random value, not derived from their id or name).
      login: sql<string>`'ancien-compte.' || replace(gen_random_uuid()::text, '-', '')`,
      alias: null,
      email: null,
      phone: null,
      birthDate: null,
      passwordHash: null,
      contributionsObjectionAt: null,
      disabledAt: sql<Date>`coalesce(disabled_at, ${now})`,
      updatedAt: now,
    })
    .where('id', 'in', userIds)
    .execute()
}

/** Deletes the account and, through the foreign keys, everything that hangs on it. */
export async function deleteAccount(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('users').where('id', '=', userId).execute()
}

/** Runs `work` in a savepoint: on failure only its own writes are undone, and the error is returned. */
export async function inSavepoint(db: Db, work: () => Promise<void>): Promise<unknown> {
  await sql`savepoint preau_deletion`.execute(db)
  try {
    await work()
    await sql`release savepoint preau_deletion`.execute(db)
    return null
  } catch (error) {
    await sql`rollback to savepoint preau_deletion`.execute(db)
    return error
  }
}

/** The objection of a person to keeping their contributions, and its change. */
export async function findObjection(db: Db, userId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('users')
    .select('contributionsObjectionAt')
    .where('id', '=', userId)
    .executeTakeFirst()
  return row?.contributionsObjectionAt ?? null
}

/** Sets or clears the objection; an objection already made keeps its first date. Returns the new value. */
export async function setObjection(db: Db, userId: string, objectsAt: Date | null): Promise<Date | null> {
  const row = await db
    .updateTable('users')
    .set({
      contributionsObjectionAt: objectsAt
        ? sql<Date>`coalesce(contributions_objection_at, ${objectsAt})`
        : null,
    })
    .where('id', '=', userId)
    .returning('contributionsObjectionAt')
    .executeTakeFirst()
  return row?.contributionsObjectionAt ?? null
}

export type DueDeletionsPreview = {
  anonymised: number
  deleted: number
  cancelled: number
  postponed: number
  /** Scheduled for the next 30 days, after today's. */
  upcoming: number
}

/**
 * What the purge of `today` would do, counted without locking or changing anything (the data-protection
 * officer's dry run): the same decisions as `purgeDueDeletions`, in one aggregate.
 */
export async function countDueDeletions(db: Db, today: string): Promise<DueDeletionsPreview> {
  const { rows } = await sql<{ [K in keyof DueDeletionsPreview]: string }>`
    with due as (
      select u.id is not null as has_account,
        coalesce(u.contributions_objection_at is not null, false) as has_objected,
        (exists (select 1 from memberships a where a.user_id = p.user_id and a.left_at is null)
          or exists (select 1 from admin_roles r where r.user_id = p.user_id)) as is_back,
        (select (((max(m.left_at) at time zone ${PARIS})::date + interval '3 months')::date)
          from memberships m where m.user_id = p.user_id) as due_on_now
      from personal_data_deletions p left join users u on u.id = p.user_id
      where p.status = 'scheduled' and p.due_on <= ${today}::date
    )
    select
      count(*) filter (where has_account and not is_back and not (due_on_now > ${today}::date) and not has_objected) as anonymised,
      count(*) filter (where has_account and not is_back and not (due_on_now > ${today}::date) and has_objected) as deleted,
      count(*) filter (where not has_account or is_back) as cancelled,
      count(*) filter (where has_account and not is_back and due_on_now > ${today}::date) as postponed,
      (select count(*) from personal_data_deletions
        where status = 'scheduled' and due_on > ${today}::date and due_on <= ${today}::date + 30) as upcoming
    from due`.execute(db)
  const row = rows[0]!
  return {
    anonymised: Number(row.anonymised),
    deleted: Number(row.deleted),
    cancelled: Number(row.cancelled),
    postponed: Number(row.postponed),
    upcoming: Number(row.upcoming),
  }
}
