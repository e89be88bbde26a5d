import { sql } from 'kysely'
import type { ImportFileKind } from '../../../../contract/imports.ts'
import type { Db } from '../../../db/connection.ts'
import { newActivationCodes } from '../../identity/index.ts'

/**
 * Applying a planned run, inside the caller's transaction: classes, accounts (logins allocated in
 * bulk), memberships, classes of pupils and teachers, family links, contacts the accounts lacked,
 * image-consent seeds, people no longer listed marked missing, activation codes for the new accounts.
 * Every statement covers the whole run; none is per person.
 */

export interface ApplyInput {
  runId: string
  yearId: string
  schools: ReadonlyMap<string, readonly ImportFileKind[]>
  codeDays: number
}

export interface ApplyResult {
  newAccounts: number
}

const MAX_LOGIN_ROUNDS = 8
const CODE_BATCH = 20_000

export async function applyRun(db: Db, input: ApplyInput): Promise<ApplyResult> {
  if (!db.isTransaction) throw new Error('applyRun must run inside a transaction')
  const { runId: run, yearId } = input
  const schoolIds = [...input.schools.keys()]
  const withKind = (kind: ImportFileKind) =>
    [...input.schools].filter(([, kinds]) => kinds.includes(kind)).map(([id]) => id)

  // Before anyone joins: the memberships not matched are then exactly those the files no longer list.
  await markMissing(db, run, withKind('pupils'), withKind('guardians'), withKind('teachers'))
  await createClasses(db, run, yearId)
  const newAccounts = await createAccounts(db, run)
  await joinSchools(db, run)
  await sql`
    create temp table import_class_ids on commit drop as
    select c.school_id, lower(c.name) as key, c.id from classes c
    where c.school_year_id = ${yearId} and c.archived_at is null and c.school_id = any(${schoolIds}::uuid[])
  `.execute(db)
  await placeInClasses(db, run)
  await sql`
    insert into family_links (school_id, pupil_id, parent_id)
    select distinct c.school_id, c.pupil_id, g.user_id
    from import_guardian_children c
    join import_guardians g on g.run_id = c.run_id and g.school_id = c.school_id and g.line = c.line
    where c.run_id = ${run} and c.pupil_id is not null
    on conflict do nothing
  `.execute(db)
  await fillContacts(db, run)
  await sql`
    insert into image_consents (school_id, pupil_id, status, source, awaiting_confirmation)
    select school_id, user_id, image_consent, 'import', true
    from import_pupils where run_id = ${run} and duplicate_of is null and image_consent is not null
    on conflict do nothing
  `.execute(db)
  await issueCodes(db, input.codeDays)
  return { newAccounts }
}

async function createClasses(db: Db, run: string, yearId: string): Promise<void> {
  await sql`
    insert into classes (school_id, school_year_id, name, levels)
    select n.school_id, ${yearId}, n.name,
      array(select l from unnest(n.levels) l
        order by array_position(array['TPS','PS','MS','GS','CP','CE1','CE2','CM1','CM2','ULIS'], l))
    from run_class_names(${run}) n
    where not exists (
      select 1 from classes c where c.school_id = n.school_id and c.school_year_id = ${yearId}
        and c.archived_at is null and lower(c.name) = n.key
    )
    on conflict (school_id, school_year_id, name) do update set archived_at = null
  `.execute(db)
}

/** The accounts to create, one per person, then their logins `prenom.nom`, `prenom.nom2`… in bulk. */
async function createAccounts(db: Db, run: string): Promise<number> {
  await sql`
    create temp table import_new_people on commit drop as
    select distinct on (user_id) user_id, login_base, first_name, last_name, display_name, birth_date,
      email, phone, null::text as login, school_id, line
    from (
      select user_id, login_base, first_name, last_name, display_name, birth_date,
        null::text as email, null::text as phone, school_id, line
      from import_pupils where run_id = ${run} and is_new and duplicate_of is null
      union all
      select user_id, login_base, first_name, last_name, display_name, null, email, phones[1], school_id, line
      from import_guardians where run_id = ${run} and is_new
      union all
      select user_id, login_base, first_name, last_name, display_name, null, email, phone, school_id, line
      from import_teachers where run_id = ${run} and is_new
    ) x
    order by user_id, line
  `.execute(db)
  // Each round looks candidates up here too: a login given in an earlier round is taken.
  await sql`create index on import_new_people (login); analyze import_new_people`.execute(db)
  for (let round = 0; round < MAX_LOGIN_ROUNDS; round++) {
    // Round r tries more suffixes than the last: a name many people share needs a few rounds at most.
    const spread = 4 ** round
    const { numAffectedRows } = await sql`
      with need as (
        select login_base, count(*) as k from import_new_people where login is null group by login_base
      ),
      candidates as (
        select n.login_base, c.login, c.i
        from need n,
          lateral (
            select i, case when i = 1 then n.login_base else n.login_base || i end as login
            from generate_series(1, (n.k + 2) * ${spread}) as i
          ) c
        where not exists (select 1 from users u where u.login = c.login)
          and not exists (select 1 from import_new_people p where p.login = c.login)
      ),
      free as (
        select login_base, login, row_number() over (partition by login_base order by i) as r from candidates
      ),
      waiting as (
        select user_id, login_base, row_number() over (partition by login_base order by school_id, line) as r
        from import_new_people where login is null
      )
      update import_new_people p set login = f.login
      from waiting w join free f on f.login_base = w.login_base and f.r = w.r
      where p.user_id = w.user_id
    `.execute(db)
    void numAffectedRows
    const { rows } = await sql<{ left: number }>`
      select count(*)::int as left from import_new_people where login is null
    `.execute(db)
    if (rows[0]!.left === 0) break
    if (round === MAX_LOGIN_ROUNDS - 1) throw new Error('no free login found for some imported people')
  }
  const inserted = await sql`
    insert into users (id, login, first_name, last_name, display_name, birth_date, email, phone)
    select user_id, login, first_name, last_name, display_name, birth_date, email, phone
    from import_new_people
  `.execute(db)
  return Number(inserted.numAffectedRows ?? 0)
}

/** Memberships of everyone listed; someone who had left or was missing is back. */
async function joinSchools(db: Db, run: string): Promise<void> {
  await sql`
    insert into memberships (school_id, user_id, profile, functions, search_key)
    select x.school_id, x.user_id, x.profile, x.functions, u.search_key
    from (
      select distinct on (school_id, user_id, profile) school_id, user_id, profile, functions
      from (
        select school_id, user_id, 'pupil' as profile, '{}'::text[] as functions
        from import_pupils where run_id = ${run} and duplicate_of is null
        union all
        select school_id, user_id, 'parent', '{}' from import_guardians where run_id = ${run} and user_id is not null
        union all
        select school_id, user_id, 'teacher', case when bool_or(is_director) then array['director'] else '{}' end
        from import_teachers where run_id = ${run} group by school_id, user_id
      ) y
      order by school_id, user_id, profile
    ) x
    join users u on u.id = x.user_id
    on conflict (school_id, user_id, profile) do update set
      left_at = null,
      missing_since = null,
      -- The import gives the direction, never takes it away (that stays a decision made by hand).
      functions = case when 'director' = any(excluded.functions) and not ('director' = any(memberships.functions))
        then memberships.functions || array['director'] else memberships.functions end
    -- An unchanged re-import lists everyone again: a membership already as it should be is not
    -- rewritten (a rewrite is a new row version and an entry in each of the table's indexes).
    where memberships.left_at is not null or memberships.missing_since is not null
      or ('director' = any(excluded.functions) and not ('director' = any(memberships.functions)))
  `.execute(db)
}

/** Pupils in the class the file names; teachers in exactly the classes it lists (of the current year). */
async function placeInClasses(db: Db, run: string): Promise<void> {
  await sql`
    delete from class_members cm
    using import_pupils p
    where p.run_id = ${run} and p.duplicate_of is null
      and cm.school_id = p.school_id and cm.user_id = p.user_id and cm.role = 'pupil'
      and cm.class_id in (select k.id from import_class_ids k where k.school_id = p.school_id)
      and cm.class_id is distinct from (
        select k.id from import_class_ids k where k.school_id = p.school_id and k.key = lower(p.class_name)
      )
  `.execute(db)
  await sql`
    insert into class_members (school_id, class_id, user_id, role)
    select p.school_id, k.id, p.user_id, 'pupil'
    from import_pupils p
    join import_class_ids k on k.school_id = p.school_id and k.key = lower(p.class_name)
    where p.run_id = ${run} and p.duplicate_of is null
    on conflict do nothing
  `.execute(db)
  await sql`
    create temp table import_teacher_classes on commit drop as
    select distinct t.school_id, t.user_id, k.id as class_id
    from import_teachers t, unnest(t.class_names) as n(name)
    join import_class_ids k on k.key = lower(n.name)
    where t.run_id = ${run} and k.school_id = t.school_id
  `.execute(db)
  await sql`
    delete from class_members cm
    using (select distinct school_id, user_id from import_teachers where run_id = ${run}) t
    where cm.school_id = t.school_id and cm.user_id = t.user_id and cm.role = 'teacher'
      and cm.class_id in (select k.id from import_class_ids k where k.school_id = t.school_id)
      and not exists (
        select 1 from import_teacher_classes tc
        where tc.school_id = cm.school_id and tc.user_id = cm.user_id and tc.class_id = cm.class_id
      )
  `.execute(db)
  await sql`
    insert into class_members (school_id, class_id, user_id, role)
    select school_id, class_id, user_id, 'teacher' from import_teacher_classes
    on conflict do nothing
  `.execute(db)
}

/** Contacts and birth dates an existing account lacks; never overwrites what a person set. */
async function fillContacts(db: Db, run: string): Promise<void> {
  await sql`
    update users u set
      email = coalesce(u.email, x.email),
      phone = coalesce(u.phone, x.phone),
      updated_at = now()
    from (
      select user_id, min(email) as email, min(phones[1]) as phone
      from import_guardians where run_id = ${run} and not is_new group by user_id
      union all
      select user_id, min(email), min(phone)
      from import_teachers where run_id = ${run} and not is_new group by user_id
    ) x
    where u.id = x.user_id and ((u.email is null and x.email is not null) or (u.phone is null and x.phone is not null))
  `.execute(db)
  await sql`
    update users u set birth_date = p.birth_date, updated_at = now()
    from import_pupils p
    where p.run_id = ${run} and not p.is_new and p.duplicate_of is null and u.id = p.user_id
      and u.birth_date is null and p.birth_date is not null
  `.execute(db)
}

/** People of a school a file of their kind no longer lists: missing from now on (access until the grace period ends). */
async function markMissing(db: Db, run: string, pupils: string[], guardians: string[], teachers: string[]) {
  for (const [profile, table, schools] of [
    ['pupil', 'import_pupils', pupils],
    ['parent', 'import_guardians', guardians],
    ['teacher', 'import_teachers', teachers],
  ] as const) {
    if (schools.length === 0) continue
    await sql`
      update memberships m set missing_since = now()
      where m.school_id = any(${schools}::uuid[]) and m.profile = ${profile}
        and m.left_at is null and m.missing_since is null
        and not ('director' = any(m.functions))
        and not exists (
          select 1 from ${sql.table(table)} s where s.run_id = ${run} and s.school_id = m.school_id and s.user_id = m.user_id
        )
    `.execute(db)
  }
}

/** An activation code for every account created, valid `days` days. */
async function issueCodes(db: Db, days: number): Promise<void> {
  const { rows } = await sql<{
    userId: string
  }>`select user_id from import_new_people order by user_id`.execute(db)
  const expiresAt = new Date(Date.now() + days * 86_400_000)
  for (let start = 0; start < rows.length; start += CODE_BATCH) {
    const ids = rows.slice(start, start + CODE_BATCH).map((row) => row.userId)
    const codes = newActivationCodes(ids.length)
    await sql`
      insert into activation_codes (user_id, code, expires_at, created_at)
      select * , now() from unnest(${ids}::uuid[], ${codes}::text[], array_fill(${expiresAt}::timestamptz, array[${ids.length}::int]))
    `.execute(db)
  }
}
