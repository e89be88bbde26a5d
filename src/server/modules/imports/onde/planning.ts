import { type RawBuilder, sql } from 'kysely'
import type { ImportFileKind } from '../../../../contract/imports.ts'
import type { Db } from '../../../db/connection.ts'
import {
  ACROSS_SCHOOLS_CODES,
  applySameDecisions,
  matchElsewhere,
  reportAcrossSchools,
  unifyNewAcrossSchools,
} from './across-schools.ts'
import { personsOf } from './duplicates.ts'

/**
 * Planning: who each staged row is. Set-based statements over the whole run (one school or a region):
 * duplicate lines, existing accounts matched (school, names, profile, birth date for pupils), guardian
 * rows grouped into persons, children found among the pupils, ids chosen for the accounts to create.
 * Planning writes only the run's staged rows and anomalies: the dry run and the apply share it.
 */

export interface RunPlanInput {
  runId: string
  /** The run's schools, with the kinds of files each one has. */
  schools: ReadonlyMap<string, readonly ImportFileKind[]>
  decisions: Readonly<Record<string, 'same' | 'distinct'>>
  /** Whether the run was planned before (its planning columns must be cleared first). */
  replan: boolean
}

/** Anomalies planning adds (and removes before planning again). */
export const PLANNING_CODES = [
  'duplicate-row',
  'possible-duplicate',
  'child-not-found',
  'guardian-without-child',
  'level-not-in-school',
  ...ACROSS_SCHOOLS_CODES,
] as const

/**
 * The membership of an account found by its names, looked up by key for each staged row. Kept a
 * subquery (`offset 0`): joined freely, the planner starts from the school's memberships whenever their
 * statistics predate them (a school imported, then imported again before the next ANALYZE of a table of
 * millions) and compares every staged row with every member — 65,000 index probes for 255 pupils.
 */
function membershipOf(school: RawBuilder<unknown>, user: RawBuilder<unknown>, profile: RawBuilder<unknown>) {
  return sql`select m.profile, m.left_at from memberships m
    where m.school_id = ${school} and m.user_id = ${user} and ${profile} offset 0`
}

export async function planRun(db: Db, input: RunPlanInput): Promise<void> {
  const run = input.runId
  // A run planned before (dry run, then decisions, then apply) starts again from its staged rows.
  if (input.replan) {
    await sql`update import_pupils set user_id = null, is_new = null, duplicate_of = null where run_id = ${run}`.execute(
      db,
    )
    await sql`update import_guardians set user_id = null, is_new = null, person_line = line where run_id = ${run}`.execute(
      db,
    )
    await sql`update import_guardian_children set pupil_id = null where run_id = ${run}`.execute(db)
    await sql`update import_teachers set user_id = null, is_new = null, person_line = null where run_id = ${run}`.execute(
      db,
    )
    await sql`delete from import_anomalies where run_id = ${run} and code = any(${PLANNING_CODES})`.execute(
      db,
    )
  }

  // Staged rows are fresh: without statistics the planner would guess their tables empty.
  await sql`analyze import_pupils, import_guardians, import_guardian_children, import_teachers`.execute(db)
  await planPupils(db, run)
  await checkLevels(db, run)
  await groupGuardians(db, input)
  await findChildren(db, input)
  await planGuardians(db, run)
  await planTeachers(db, run)
  await reportAcrossSchools(db, run)
}

async function planPupils(db: Db, run: string): Promise<void> {
  // The same pupil twice in a file: the first line counts, the others are reported.
  await sql`
    with d as (
      select school_id, line,
        first_value(line) over (partition by school_id, person_key, birth_date order by line) as first_line
      from import_pupils where run_id = ${run}
    )
    update import_pupils p set duplicate_of = d.first_line
    from d where p.run_id = ${run} and p.school_id = d.school_id and p.line = d.line and d.first_line <> d.line
  `.execute(db)
  await sql`
    insert into import_anomalies (run_id, school_id, file, line, code, message, outcome)
    select ${run}, school_id, file, line, 'duplicate-row',
      format('%s figure déjà ligne %s avec la même date de naissance : cette ligne est ignorée.', display_name, duplicate_of),
      'row-dropped'
    from import_pupils where run_id = ${run} and duplicate_of is not null order by school_id, line
  `.execute(db)
  // An existing pupil of the school with the same names and birth date: preferably one still present.
  await sql`
    update import_pupils p set user_id = x.user_id, is_new = false
    from (
      select distinct on (s.school_id, s.line) s.school_id, s.line, u.id as user_id
      from import_pupils s
      join users u on u.person_key = s.person_key and u.birth_date is not distinct from s.birth_date
      cross join lateral (${membershipOf(sql`s.school_id`, sql`u.id`, sql`m.profile = 'pupil'`)}) m
      where s.run_id = ${run} and s.duplicate_of is null
      order by s.school_id, s.line, (m.left_at is null) desc, u.id
    ) x
    where p.run_id = ${run} and p.school_id = x.school_id and p.line = x.line
  `.execute(db)
  await sql`
    update import_pupils set user_id = gen_uuid_v7(), is_new = true
    where run_id = ${run} and duplicate_of is null and user_id is null
  `.execute(db)
}

interface GroupedRow {
  schoolId: string
  personKey: string
  line: number
  file: string
  displayName: string
  email: string | null
  phones: string[]
  addressKey: string | null
}

/** Rows of the same names in a school: one person when they share something, else a possible duplicate. */
async function groupGuardians(db: Db, input: RunPlanInput): Promise<void> {
  const run = input.runId
  const { rows } = await sql<GroupedRow>`
    select school_id, person_key, line, file, display_name, email, phones, address_key
    from import_guardians g
    where run_id = ${run} and (school_id, person_key) in (
      select school_id, person_key from import_guardians where run_id = ${run}
      group by school_id, person_key having count(*) > 1
    )
    order by school_id, person_key, line
  `.execute(db)
  const lines: number[] = []
  const personLines: number[] = []
  const schools: string[] = []
  const anomalies: { schoolId: string; file: string; line: number; message: string; subject: string }[] = []
  for (let start = 0; start < rows.length; ) {
    const first = rows[start]!
    let end = start
    while (
      end < rows.length &&
      rows[end]!.schoolId === first.schoolId &&
      rows[end]!.personKey === first.personKey
    )
      end++
    const group = rows.slice(start, end)
    start = end
    const persons = personsOf(group)
    const key = `${first.schoolId}:${first.personKey}`
    const decision = input.decisions[key] ?? null
    if (persons.length > 1) {
      const all = persons.flat().sort((a, b) => a - b)
      const listed = `${all.slice(0, -1).join(', ')} et ${all.at(-1)}`
      anomalies.push({
        schoolId: first.schoolId,
        file: first.file,
        line: first.line,
        message: `${first.displayName} : les lignes ${listed} portent les mêmes nom et prénom sans adresse, courriel ni téléphone en commun. Une seule personne ou plusieurs ? À décider dans le rapport (sans décision : un compte par groupe de lignes).`,
        subject: JSON.stringify({ key, name: first.displayName, groups: persons, decision }),
      })
    }
    const merged = decision === 'same' ? [persons.flat().sort((a, b) => a - b)] : persons
    for (const person of merged) {
      for (const line of person) {
        schools.push(first.schoolId)
        lines.push(line)
        personLines.push(person[0]!)
      }
    }
  }
  if (lines.length > 0) {
    await sql`
      update import_guardians g set person_line = v.person_line
      from unnest(${schools}::uuid[], ${lines}::int[], ${personLines}::int[]) as v(school_id, line, person_line)
      where g.run_id = ${run} and g.school_id = v.school_id and g.line = v.line
    `.execute(db)
  }
  // In file order, like the anomalies of reading (ids give the order of the report).
  anomalies.sort((a, b) => a.line - b.line)
  if (anomalies.length > 0) {
    await sql`
      insert into import_anomalies (run_id, school_id, file, line, code, message, outcome, subject)
      select ${run}, a.school_id, a.file, a.line, 'possible-duplicate', a.message, 'row-kept', a.subject::jsonb
      from unnest(${anomalies.map((a) => a.schoolId)}::uuid[], ${anomalies.map((a) => a.file)}::text[],
        ${anomalies.map((a) => a.line)}::int[], ${anomalies.map((a) => a.message)}::text[],
        ${anomalies.map((a) => a.subject)}::text[]) as a(school_id, file, line, message, subject)
    `.execute(db)
  }
}

/**
 * Each child a guardian row names, among the pupils of the run (or of the school when the run has no
 * pupils file for it): same names, and the same class when several pupils share the names.
 */
async function findChildren(db: Db, input: RunPlanInput): Promise<void> {
  const run = input.runId
  const withoutPupils = [...input.schools].filter(([, kinds]) => !kinds.includes('pupils')).map(([id]) => id)
  await sql`
    update import_guardian_children c set pupil_id = x.user_id
    from (
      select distinct on (school_id, line, n) school_id, line, n, user_id
      from (
        select c2.school_id, c2.line, c2.n, p.user_id,
          coalesce(lower(p.class_name) = lower(c2.class_name), false) as same_class,
          count(*) over (partition by c2.school_id, c2.line, c2.n) as candidates
        from import_guardian_children c2
        join import_pupils p on p.run_id = c2.run_id and p.school_id = c2.school_id
          and p.person_key = c2.person_key and p.duplicate_of is null
        where c2.run_id = ${run}
      ) p
      where same_class or candidates = 1
      order by school_id, line, n, same_class desc
    ) x
    where c.run_id = ${run} and c.school_id = x.school_id and c.line = x.line and c.n = x.n
  `.execute(db)
  if (withoutPupils.length > 0) {
    await sql`
      update import_guardian_children c set pupil_id = x.user_id
      from (
        select distinct on (school_id, line, n) school_id, line, n, user_id
        from (
          select c2.school_id, c2.line, c2.n, u.id as user_id,
            coalesce(lower(cl.name) = lower(c2.class_name), false) as same_class,
            count(*) over (partition by c2.school_id, c2.line, c2.n) as candidates
          from import_guardian_children c2
          join users u on u.person_key = c2.person_key
          join memberships m on m.school_id = c2.school_id and m.user_id = u.id and m.profile = 'pupil'
            and m.left_at is null
          left join class_members cm on cm.school_id = m.school_id and cm.user_id = u.id and cm.role = 'pupil'
          left join classes cl on cl.school_id = cm.school_id and cl.id = cm.class_id and cl.archived_at is null
          where c2.run_id = ${run} and c2.school_id = any(${withoutPupils}::uuid[])
        ) p
        where same_class or candidates = 1
        order by school_id, line, n, same_class desc
      ) x
      where c.run_id = ${run} and c.school_id = x.school_id and c.line = x.line and c.n = x.n
    `.execute(db)
  }
  await sql`
    insert into import_anomalies (run_id, school_id, file, line, code, message, outcome, field)
    select ${run}, c.school_id, g.file, c.line, 'child-not-found',
      format('enfant n° %s, %s %s%s, introuvable parmi les élèves de l’école : ce lien n’est pas créé.',
        c.n, c.first_name, c.last_name, coalesce(' (' || c.class_name || ')', '')),
      'row-kept', format('children[%s]', c.n - 1)
    from import_guardian_children c
    join import_guardians g on g.run_id = c.run_id and g.school_id = c.school_id and g.line = c.line
    where c.run_id = ${run} and c.pupil_id is null
    order by c.school_id, c.line, c.n
  `.execute(db)
}

/** A guardian is an existing parent of the school with the same names who shares a child, an e-mail or a phone. */
async function planGuardians(db: Db, run: string): Promise<void> {
  await sql`
    with candidates as (
      select s.school_id, s.person_line, u.id as user_id, u.email, u.phone, m.left_at
      from import_guardians s
      join users u on u.person_key = s.person_key
      cross join lateral (${membershipOf(sql`s.school_id`, sql`u.id`, sql`m.profile = 'parent'`)}) m
      where s.run_id = ${run}
    ),
    linked as (
      select distinct s.school_id, s.person_line, f.parent_id as user_id
      from import_guardians s
      join import_guardian_children c on c.run_id = s.run_id and c.school_id = s.school_id and c.line = s.line
      join family_links f on f.school_id = c.school_id and f.pupil_id = c.pupil_id
      where s.run_id = ${run}
    )
    update import_guardians g set user_id = x.user_id, is_new = false
    from (
      select distinct on (k.school_id, k.person_line) k.school_id, k.person_line, k.user_id
      from candidates k
      join import_guardians s on s.run_id = ${run} and s.school_id = k.school_id and s.person_line = k.person_line
      left join linked l on l.school_id = k.school_id and l.person_line = k.person_line and l.user_id = k.user_id
      where l.user_id is not null or (s.email is not null and k.email = s.email) or k.phone = any(s.phones)
      order by k.school_id, k.person_line, (k.left_at is null) desc, k.user_id
    ) x
    where g.run_id = ${run} and g.school_id = x.school_id and g.person_line = x.person_line
  `.execute(db)
  await matchElsewhere(db, run, 'parent')
  await applySameDecisions(db, run, 'parent')
  await newGuardiansWithAChild(db, run)
  await unifyNewAcrossSchools(db, run, 'parent')
}

/**
 * A new account only for a guardian with at least one child found among the school's pupils: a parent
 * account with no child in the school would reach nobody. The others are reported and left out; they are
 * created by a later import where their child appears.
 */
async function newGuardiansWithAChild(db: Db, run: string): Promise<void> {
  await sql`
    update import_guardians t set user_id = n.id, is_new = true
    from (
      select g.school_id, g.person_line, gen_uuid_v7() as id
      from import_guardians g
      where g.run_id = ${run} and g.user_id is null
        and exists (
          select 1 from import_guardians g2
          join import_guardian_children c on c.run_id = g2.run_id and c.school_id = g2.school_id and c.line = g2.line
          where g2.run_id = g.run_id and g2.school_id = g.school_id and g2.person_line = g.person_line
            and c.pupil_id is not null
        )
      group by g.school_id, g.person_line
    ) n
    where t.run_id = ${run} and t.user_id is null and t.school_id = n.school_id and t.person_line = n.person_line
  `.execute(db)
  await sql`
    insert into import_anomalies (run_id, school_id, file, line, code, message, outcome)
    select ${run}, school_id, min(file), person_line, 'guardian-without-child',
      format('%s : aucun de ses enfants ne figure parmi les élèves de l’école, ce compte n’est pas créé. Il le sera au prochain import où son enfant figure.',
        min(display_name)),
      'row-dropped'
    from import_guardians where run_id = ${run} and user_id is null
    group by school_id, person_line
    order by school_id, person_line
  `.execute(db)
}

/**
 * A pupil whose level the school cannot have (CE1 in an école maternelle, PS in an élémentaire): most
 * often the file of another school. Reported before anything is written; the director decides.
 */
async function checkLevels(db: Db, run: string): Promise<void> {
  await sql`
    insert into import_anomalies (run_id, school_id, file, line, code, message, outcome, field)
    select ${run}, p.school_id, p.file, p.line, 'level-not-in-school',
      format('%s : le niveau %s n’existe pas dans une école %s. Ce fichier est-il bien celui de cette école ?',
        p.display_name, x.level, case s.kind when 'maternelle' then 'maternelle' else 'élémentaire' end),
      'row-kept', 'level'
    from import_pupils p
    join schools s on s.id = p.school_id
    cross join lateral (
      select l as level from unnest(array_append(p.class_levels, p.level)) as l
      where l is not null and (
        (s.kind = 'maternelle' and l not in ('TPS', 'PS', 'MS', 'GS'))
        or (s.kind = 'elementaire' and l in ('TPS', 'PS', 'MS', 'GS'))
      )
      limit 1
    ) x
    where p.run_id = ${run} and p.duplicate_of is null
    order by p.school_id, p.line
  `.execute(db)
}

/** Rows of the same names in a school are one teacher; matched to the school's teachers and staff. */
async function planTeachers(db: Db, run: string): Promise<void> {
  await sql`
    update import_teachers t set person_line = x.person_line
    from (
      select school_id, line, min(line) over (partition by school_id, person_key) as person_line
      from import_teachers where run_id = ${run}
    ) x
    where t.run_id = ${run} and t.school_id = x.school_id and t.line = x.line
  `.execute(db)
  await sql`
    update import_teachers t set user_id = x.user_id, is_new = false
    from (
      select distinct on (s.school_id, s.person_line) s.school_id, s.person_line, u.id as user_id
      from import_teachers s
      join users u on u.person_key = s.person_key
      cross join lateral (${membershipOf(sql`s.school_id`, sql`u.id`, sql`m.profile in ('teacher', 'staff')`)}) m
      where s.run_id = ${run}
      order by s.school_id, s.person_line, (m.left_at is null) desc, (m.profile = 'teacher') desc, u.id
    ) x
    where t.run_id = ${run} and t.school_id = x.school_id and t.person_line = x.person_line
  `.execute(db)
  await matchElsewhere(db, run, 'teacher')
  await applySameDecisions(db, run, 'teacher')
  await newIdsPerPerson(db, 'import_teachers', run)
  await unifyNewAcrossSchools(db, run, 'teacher')
}

async function newIdsPerPerson(
  db: Db,
  table: 'import_guardians' | 'import_teachers',
  run: string,
): Promise<void> {
  await sql`
    update ${sql.table(table)} t set user_id = n.id, is_new = true
    from (
      select school_id, person_line, gen_uuid_v7() as id from ${sql.table(table)}
      where run_id = ${run} and user_id is null group by school_id, person_line
    ) n
    where t.run_id = ${run} and t.user_id is null and t.school_id = n.school_id and t.person_line = n.person_line
  `.execute(db)
}
