import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../../../db/connection.ts'

/**
 * One person, one account across the schools of the deployment. A guardian (or a teacher) a school's
 * files list and nobody of that school matches is looked for in the other schools: the same folded names
 * (`person_key`) and a shared e-mail or mobile phone make the same person — the existing account joins
 * the school (a membership and family links at apply), no account is created. The same names alone are
 * only a « possible duplicate account »: a new account is created and the report says so; an
 * administrator merges the two accounts if they are one person (never guessed). Rows of two schools of
 * the same run are matched the same way, so a region import gives one account too.
 * Every statement covers the whole run (ADR 0005); `users.person_key` is indexed.
 */

export const ACROSS_SCHOOLS_CODES = ['same-person', 'possible-duplicate-account'] as const

/** A mobile number (06, 07 or a foreign one): a home phone is shared by a household, not a person. */
const MOBILE_PATTERN = `'^(0[67]|\\+)'`
const MOBILE = sql.raw(MOBILE_PATTERN)

/** The guardian of row `s` has a child found among the school's pupils: else no account joins the school. */
const GUARDIAN_WITH_A_CHILD = sql`exists (
          select 1 from import_guardians g2
          join import_guardian_children c on c.run_id = g2.run_id and c.school_id = g2.school_id and c.line = g2.line
          where g2.run_id = s.run_id and g2.school_id = s.school_id and g2.person_line = s.person_line
            and c.pupil_id is not null
        )`

/**
 * Guardians and teachers, matched across schools the same way; what differs is said here: their staging
 * table, the profiles an account holds in another school to be theirs, the word the report names them by, how a row shares a contact with an
 * account (`s` and `u`) or with another row (guardians have several phones, teachers one), and whether a
 * row may join an account at all.
 */
export const PEOPLE_ACROSS_SCHOOLS = {
  parent: {
    table: 'import_guardians',
    profiles: ['parent'],
    word: 'responsable',
    sharesWithAccount: sql`((s.email is not null and lower(u.email) = s.email)
          or (u.phone ~ ${MOBILE} and u.phone = any(s.phones)))`,
    sharesWithRow: (a: string, b: string) =>
      sql.raw(`((${a}.email is not null and ${a}.email = ${b}.email)
      or exists (select 1 from unnest(${a}.phones) p where p ~ ${MOBILE_PATTERN} and p = any(${b}.phones)))`),
    mayJoin: GUARDIAN_WITH_A_CHILD,
  },
  teacher: {
    table: 'import_teachers',
    profiles: ['teacher', 'staff'],
    word: 'enseignant',
    sharesWithAccount: sql`((s.email is not null and lower(u.email) = s.email)
          or (s.phone ~ ${MOBILE} and u.phone = s.phone))`,
    sharesWithRow: (a: string, b: string) =>
      sql.raw(`((${a}.email is not null and ${a}.email = ${b}.email)
      or (${a}.phone ~ ${MOBILE_PATTERN} and ${a}.phone = ${b}.phone))`),
    mayJoin: sql`true`,
  },
} as const

export type PersonAcrossSchools = keyof typeof PEOPLE_ACROSS_SCHOOLS

/**
 * « Across the deployment's schools »: account `user` holds one of `profiles` in a school other than
 * `school`, and has not left it. The one test every match, report and pair across schools starts from.
 */
export function inAnotherSchool(
  user: RawBuilder<unknown>,
  school: RawBuilder<unknown>,
  profiles: readonly string[],
) {
  return sql`exists (
          select 1 from memberships m
          where m.user_id = ${user} and m.school_id <> ${school} and m.profile = any(${profiles}::text[])
            and m.left_at is null
        )`
}

/**
 * Rows not matched in their school that an account of another school carries the names of, with a
 * shared e-mail or mobile phone: they take that account (guardians only with a child found).
 */
export async function matchElsewhere(db: Db, run: string, person: PersonAcrossSchools): Promise<void> {
  const { table, profiles, sharesWithAccount, mayJoin } = PEOPLE_ACROSS_SCHOOLS[person]
  await sql`
    update ${sql.table(table)} t set user_id = x.user_id, is_new = false
    from (
      select distinct on (s.school_id, s.person_line) s.school_id, s.person_line, u.id as user_id
      from ${sql.table(table)} s
      join users u on u.person_key = s.person_key
      where s.run_id = ${run} and s.user_id is null
        and ${sharesWithAccount}
        and ${inAnotherSchool(sql.ref('u.id'), sql.ref('s.school_id'), profiles)}
        and ${mayJoin}
      order by s.school_id, s.person_line, u.id
    ) x
    where t.run_id = ${run} and t.school_id = x.school_id and t.person_line = x.person_line and t.user_id is null
  `.execute(db)
}

/**
 * New rows of two schools of the run that are one person: the row of the first school keeps its new
 * account, the others take it. Only a first school's person that matches nobody before it is taken, so
 * a chain of partial matches never points at an account that will not exist.
 */
export async function unifyNewAcrossSchools(db: Db, run: string, person: PersonAcrossSchools): Promise<void> {
  const { table, sharesWithRow } = PEOPLE_ACROSS_SCHOOLS[person]
  await sql`
    update ${sql.table(table)} t set user_id = x.user_id, is_new = false
    from (
      select distinct on (a.school_id, a.person_line) a.school_id, a.person_line, b.user_id
      from ${sql.table(table)} a
      join ${sql.table(table)} b on b.run_id = a.run_id and b.person_key = a.person_key
        and b.school_id < a.school_id and b.is_new and ${sharesWithRow('a', 'b')}
      where a.run_id = ${run} and a.is_new
        and not exists (
          select 1 from ${sql.table(table)} c
          where c.run_id = b.run_id and c.person_key = b.person_key and c.school_id < b.school_id and c.is_new
            and ${sharesWithRow('b', 'c')}
        )
      order by a.school_id, a.person_line, b.school_id, b.person_line
    ) x
    where t.run_id = ${run} and t.school_id = x.school_id and t.person_line = x.person_line
  `.execute(db)
}

/**
 * Rows a director said are the same person as an account of another school (« C'est la même
 * personne ») join that account, as a match by contact would; guardians only with a child found.
 */
export async function applySameDecisions(db: Db, run: string, person: PersonAcrossSchools): Promise<void> {
  const { table, mayJoin } = PEOPLE_ACROSS_SCHOOLS[person]
  await sql`
    update ${sql.table(table)} t set user_id = x.user_id, is_new = false
    from (
      select distinct on (s.school_id, s.person_line) s.school_id, s.person_line, d.other_user_id as user_id
      from ${sql.table(table)} s
      join import_account_decisions d on d.school_id = s.school_id and d.profile = ${person}
        and d.person_key = s.person_key and d.decision = 'same'
      join users u on u.id = d.other_user_id and u.disabled_at is null
      where s.run_id = ${run} and s.user_id is null and ${mayJoin}
      order by s.school_id, s.person_line, d.decided_at
    ) x
    where t.run_id = ${run} and t.school_id = x.school_id and t.person_line = x.person_line and t.user_id is null
  `.execute(db)
}

/**
 * The report's lines: « même personne » for each person matched in another school (existing account or
 * the run's other school), « doublon possible » for each new account whose names another school's
 * account (or new account) carries without anything in common.
 */
export async function reportAcrossSchools(db: Db, run: string): Promise<void> {
  for (const profile of ['parent', 'teacher'] as const) {
    const { table, profiles, word: role } = PEOPLE_ACROSS_SCHOOLS[profile]
    const rows = sql.table(table)
    // Persons matched to an account that is not yet of their school: in another school, or new in the run.
    await sql`
      with matched as (
        select p.* from (
          select school_id, person_line, user_id, min(file) as file, min(display_name) as display_name
          from ${rows} where run_id = ${run} and user_id is not null and not is_new
          group by school_id, person_line, user_id
        ) p
        where not exists (
          select 1 from memberships m where m.school_id = p.school_id and m.user_id = p.user_id
            and m.profile = any(${profiles}::text[])
        )
      ),
      elsewhere as (
        select k.school_id, k.person_line, m.school_id as other
        from matched k join memberships m on m.user_id = k.user_id
        where m.school_id <> k.school_id and m.profile = any(${profiles}::text[]) and m.left_at is null
        union
        select k.school_id, k.person_line, r.school_id
        from matched k join ${rows} r on r.run_id = ${run} and r.user_id = k.user_id
        where r.school_id <> k.school_id
      )
      insert into import_anomalies (run_id, school_id, file, line, code, message, outcome, subject)
      select ${run}, k.school_id, k.file, k.person_line, 'same-person',
        format('%s : même personne que le compte %s déjà ouvert à %s (mêmes nom et prénom, et même courriel ou téléphone portable ou décision de la direction) : ce compte rejoint l’école, aucun nouveau compte n’est créé.',
          k.display_name, coalesce(min(u.login), 'créé par cet import'), string_agg(distinct s.name, ', ' order by s.name)),
        'row-kept', jsonb_build_object('userId', k.user_id, 'schools', string_agg(distinct s.name, ', ' order by s.name))
      from matched k
      join elsewhere e on e.school_id = k.school_id and e.person_line = k.person_line
      join schools s on s.id = e.other
      left join users u on u.id = k.user_id
      group by k.school_id, k.person_line, k.user_id, k.file, k.display_name
      order by k.school_id, k.person_line
    `.execute(db)
    // New accounts whose names an account of another school (or of another school of the run) carries.
    await sql`
      with created as (
        select school_id, person_line, user_id, person_key, min(file) as file, min(display_name) as display_name
        from ${rows} where run_id = ${run} and is_new
        group by school_id, person_line, user_id, person_key
      ),
      namesakes as (
        select c.school_id, c.person_line, m.school_id as other
        from created c
        join users u on u.person_key = c.person_key
        join memberships m on m.user_id = u.id
        where m.school_id <> c.school_id and m.profile = any(${profiles}::text[]) and m.left_at is null
          and not exists (
            select 1 from import_account_decisions d
            where d.school_id = c.school_id and d.profile = ${profile} and d.person_key = c.person_key
              and d.other_user_id = u.id and d.decision = 'distinct'
          )
        union
        select c.school_id, c.person_line, r.school_id
        from created c join ${rows} r on r.run_id = ${run} and r.person_key = c.person_key
        where r.school_id <> c.school_id and r.user_id <> c.user_id
      )
      insert into import_anomalies (run_id, school_id, file, line, code, message, outcome, subject)
      select ${run}, c.school_id, c.file, c.person_line, 'possible-duplicate-account',
        format('%s : un %s de mêmes nom et prénom a déjà un compte à %s, sans courriel ni téléphone portable en commun : doublon possible. Sans décision « même personne » de la direction, un nouveau compte est créé.',
          c.display_name, ${role}::text, string_agg(distinct s.name, ', ' order by s.name)),
        'row-kept', jsonb_build_object('userId', c.user_id, 'schools', string_agg(distinct s.name, ', ' order by s.name),
          'profile', ${profile}::text)
      from created c
      join namesakes n on n.school_id = c.school_id and n.person_line = c.person_line
      join schools s on s.id = n.other
      group by c.school_id, c.person_line, c.user_id, c.file, c.display_name
      order by c.school_id, c.person_line
    `.execute(db)
  }
}
