import { sql } from 'kysely'
import type { Db } from '../../../db/connection.ts'
import { inAnotherSchool, PEOPLE_ACROSS_SCHOOLS, type PersonAcrossSchools } from './across-schools.ts'

/**
 * The « doublons possibles » across schools of one school's run, as pairs: a person of the files (a new
 * account, by names only) and an account of another school with the same names. Pending pairs come from
 * the planned rows; decided ones from the school's decisions taken on this run. Only what a director
 * needs to decide: names, schools, the children (first name, level) or classes, contacts (masked later).
 */

export type DuplicateProfile = PersonAcrossSchools

export interface PairRow {
  profile: DuplicateProfile
  line: number
  personKey: string
  otherUserId: string
  decision: 'same' | 'distinct' | null
  importedName: string
  importedEmail: string | null
  importedPhone: string | null
  importedTies: { firstName: string; level: string | null }[]
  otherName: string
  otherEmail: string | null
  otherPhone: string | null
  otherSchools: string[]
  otherTies: { firstName: string; level: string | null }[]
}

/** Pairs of the run's rows of `schoolId`; with `only`, that one pair. */
export async function findPairs(
  db: Db,
  input: {
    runId: string
    schoolId: string
    only?: { profile: DuplicateProfile; line: number; otherUserId: string }
  },
): Promise<PairRow[]> {
  const pairs: PairRow[] = []
  for (const profile of ['parent', 'teacher'] as const) {
    if (input.only && input.only.profile !== profile) continue
    const { table, profiles } = PEOPLE_ACROSS_SCHOOLS[profile]
    const rows = sql.table(table)
    const onlyPair = input.only
      ? sql`and p.line = ${input.only.line} and p.other_user_id = ${input.only.otherUserId}`
      : sql``
    const importedTies =
      profile === 'parent'
        ? sql`(select coalesce(jsonb_agg(jsonb_build_object('firstName', c.first_name, 'level', ip.level)
              order by c.first_name), '[]')
            from import_guardians g2
            join import_guardian_children c on c.run_id = g2.run_id and c.school_id = g2.school_id and c.line = g2.line
            left join import_pupils ip on ip.run_id = c.run_id and ip.school_id = c.school_id
              and ip.user_id = c.pupil_id and ip.duplicate_of is null
            where g2.run_id = ${input.runId} and g2.school_id = p.school_id and g2.person_line = p.line)`
        : sql`(select coalesce(jsonb_agg(jsonb_build_object('firstName', n, 'level', null) order by n), '[]')
            from (select distinct n from import_teachers t2, unnest(t2.class_names) n
              where t2.run_id = ${input.runId} and t2.school_id = p.school_id and t2.person_line = p.line) x)`
    const otherTies =
      profile === 'parent'
        ? sql`(select coalesce(jsonb_agg(jsonb_build_object('firstName', k.first_name, 'level', k.level)
              order by k.first_name), '[]')
            from (
              select distinct on (f.pupil_id) ch.first_name, array_to_string(cl.levels, '-') as level
              from family_links f
              join memberships pm on pm.school_id = f.school_id and pm.user_id = f.pupil_id
                and pm.profile = 'pupil' and pm.left_at is null
              join users ch on ch.id = f.pupil_id
              left join class_members cm on cm.school_id = f.school_id and cm.user_id = f.pupil_id and cm.role = 'pupil'
              left join classes cl on cl.school_id = cm.school_id and cl.id = cm.class_id and cl.archived_at is null
              where f.parent_id = p.other_user_id and f.school_id <> ${input.schoolId}
              order by f.pupil_id, cl.archived_at nulls first
            ) k)`
        : sql`(select coalesce(jsonb_agg(distinct jsonb_build_object('firstName', cl.name, 'level', null)), '[]')
            from class_members cm
            join classes cl on cl.school_id = cm.school_id and cl.id = cm.class_id and cl.archived_at is null
            where cm.user_id = p.other_user_id and cm.role = 'teacher' and cm.school_id <> ${input.schoolId})`
    const { rows: found } = await sql<Omit<PairRow, 'profile'>>`
      with pending as (
        select distinct s.school_id, s.person_line as line, s.person_key, u.id as other_user_id,
          null::text as decision
        from ${rows} s
        join users u on u.person_key = s.person_key and u.disabled_at is null
        where s.run_id = ${input.runId} and s.school_id = ${input.schoolId} and s.is_new
          and ${inAnotherSchool(sql.ref('u.id'), sql.ref('s.school_id'), profiles)}
          and not exists (
            select 1 from memberships m where m.user_id = u.id and m.school_id = s.school_id
          )
          and not exists (
            select 1 from import_account_decisions d
            where d.school_id = s.school_id and d.profile = ${profile} and d.person_key = s.person_key
              and d.other_user_id = u.id
          )
      ),
      decided as (
        select distinct on (d.other_user_id, s.person_line) d.school_id, s.person_line as line, d.person_key,
          d.other_user_id, d.decision
        from import_account_decisions d
        join ${rows} s on s.run_id = ${input.runId} and s.school_id = d.school_id and s.person_key = d.person_key
        where d.school_id = ${input.schoolId} and d.profile = ${profile} and d.run_id = ${input.runId}
        order by d.other_user_id, s.person_line
      ),
      pairs as (select * from pending union all select * from decided)
      select p.line, p.person_key, p.other_user_id, p.decision,
        (select min(display_name) from ${rows} r
          where r.run_id = ${input.runId} and r.school_id = p.school_id and r.person_line = p.line) as imported_name,
        (select min(email) from ${rows} r
          where r.run_id = ${input.runId} and r.school_id = p.school_id and r.person_line = p.line) as imported_email,
        ${profile === 'parent' ? sql`(select min(phones[1]) from import_guardians r where r.run_id = ${input.runId} and r.school_id = p.school_id and r.person_line = p.line)` : sql`(select min(phone) from import_teachers r where r.run_id = ${input.runId} and r.school_id = p.school_id and r.person_line = p.line)`} as imported_phone,
        ${importedTies} as imported_ties,
        u.display_name as other_name, u.email as other_email, u.phone as other_phone,
        array(select distinct sc.name from memberships m join schools sc on sc.id = m.school_id
          where m.user_id = u.id and m.school_id <> p.school_id and m.profile = any(${profiles}::text[])
            and m.left_at is null order by sc.name) as other_schools,
        ${otherTies} as other_ties
      from pairs p join users u on u.id = p.other_user_id
      where true ${onlyPair}
      order by imported_name, p.line, u.display_name, p.other_user_id
    `.execute(db)
    pairs.push(...found.map((row) => ({ ...row, profile })))
  }
  return pairs
}
