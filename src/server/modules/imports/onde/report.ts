import { type RawBuilder, sql } from 'kysely'
import type { ImportCounts, ImportFileKind, SchoolImportReport } from '../../../../contract/imports.ts'
import type { Db } from '../../../db/connection.ts'

/**
 * The dry-run report, per school, from a planned run: what applying would create, update, leave
 * unchanged, and who the files no longer list. Same definitions as `apply.ts` uses to write.
 */

type Row = { schoolId: string } & ImportCounts
type CountsBySchool = Map<string, ImportCounts>

const ZERO: ImportCounts = { created: 0, updated: 0, unchanged: 0, missing: 0 }

function bySchool(rows: readonly Row[]): CountsBySchool {
  return new Map(rows.map(({ schoolId, ...counts }) => [schoolId, counts]))
}

/**
 * The counts of each school from `ctes`, which end with `planned(school_id, is_new, changes)`, one row
 * per person; « missing » are the school's members of `profile` the run's `table` does not list (never
 * its director: an import does not take a school's direction away).
 */
async function countPerSchool(
  db: Db,
  input: {
    run: string
    schools: string[]
    ctes: RawBuilder<unknown>
    profile: 'pupil' | 'parent' | 'teacher'
  },
): Promise<CountsBySchool> {
  const table = { pupil: 'import_pupils', parent: 'import_guardians', teacher: 'import_teachers' }[
    input.profile
  ]
  const { rows } = await sql<Row>`
    with ${input.ctes}
    select s.school_id,
      count(*) filter (where pl.is_new)::int as created,
      count(*) filter (where pl.changes)::int as updated,
      count(*) filter (where not pl.is_new and not pl.changes)::int as unchanged,
      (select count(*)::int from memberships m where m.school_id = s.school_id and m.profile = ${input.profile}
        and m.left_at is null and not ('director' = any(m.functions)) and not exists (
          select 1 from ${sql.table(table)} x
          where x.run_id = ${input.run} and x.school_id = m.school_id and x.user_id = m.user_id
        )) as missing
    from unnest(${input.schools}::uuid[]) as s(school_id)
    left join planned pl on pl.school_id = s.school_id
    group by s.school_id
  `.execute(db)
  return bySchool(rows)
}

/** Pupils: updated when their class, birth date or presence (left, missing) changes. */
async function pupilCounts(db: Db, run: string, yearId: string, schools: string[]): Promise<CountsBySchool> {
  const ctes = sql`
    planned as (
      select p.school_id, p.is_new,
        not p.is_new and (
          cur.name is distinct from p.class_name
          or (u.birth_date is null and p.birth_date is not null)
          or m.left_at is not null or m.missing_since is not null or m.user_id is null
        ) as changes
      from import_pupils p
      left join users u on u.id = p.user_id and not p.is_new
      left join memberships m on m.school_id = p.school_id and m.user_id = p.user_id and m.profile = 'pupil'
      left join lateral (
        select c.name from class_members cm
        join classes c on c.school_id = cm.school_id and c.id = cm.class_id
        where cm.school_id = p.school_id and cm.user_id = p.user_id and cm.role = 'pupil'
          and c.school_year_id = ${yearId} and c.archived_at is null
        limit 1
      ) cur on not p.is_new
      where p.run_id = ${run} and p.duplicate_of is null
    )
  `
  return countPerSchool(db, { run, schools, ctes, profile: 'pupil' })
}

/** Guardians, one per person: updated when they gain a child, a contact they lacked, or come back. */
async function guardianCounts(db: Db, run: string, schools: string[]): Promise<CountsBySchool> {
  const ctes = sql`
    new_links as (
      select distinct g.school_id, g.user_id
      from import_guardians g
      join import_guardian_children c on c.run_id = g.run_id and c.school_id = g.school_id and c.line = g.line
      left join family_links f on f.school_id = c.school_id and f.pupil_id = c.pupil_id and f.parent_id = g.user_id
      where g.run_id = ${run} and not g.is_new and c.pupil_id is not null and f.pupil_id is null
    ),
    persons as (
      select g.school_id, g.user_id, bool_and(g.is_new) as is_new,
        bool_or(not g.is_new and (
          (u.email is null and g.email is not null) or (u.phone is null and cardinality(g.phones) > 0)
        )) as new_contact
      from import_guardians g
      left join users u on u.id = g.user_id and not g.is_new
      where g.run_id = ${run} and g.user_id is not null
      group by g.school_id, g.user_id
    ),
    planned as (
      select p.school_id, p.is_new,
        not p.is_new and (
          p.new_contact or nl.user_id is not null
          or m.user_id is null or m.left_at is not null or m.missing_since is not null
        ) as changes
      from persons p
      left join new_links nl on nl.school_id = p.school_id and nl.user_id = p.user_id
      left join memberships m on m.school_id = p.school_id and m.user_id = p.user_id and m.profile = 'parent'
    )
  `
  return countPerSchool(db, { run, schools, ctes, profile: 'parent' })
}

/** Teachers: updated when their classes or their direction change, or when they come back. */
async function teacherCounts(
  db: Db,
  run: string,
  yearId: string,
  schools: string[],
): Promise<CountsBySchool> {
  const ctes = sql`
    persons as (
      select t.school_id, t.user_id, bool_and(t.is_new) as is_new, bool_or(t.is_director) as is_director,
        array(select distinct lower(n) from import_teachers t2, unnest(t2.class_names) n
          where t2.run_id = ${run} and t2.school_id = t.school_id and t2.user_id = t.user_id order by 1) as classes
      from import_teachers t
      where t.run_id = ${run}
      group by t.school_id, t.user_id
    ),
    planned as (
      select p.school_id, p.is_new,
        not p.is_new and (
          m.user_id is null or m.left_at is not null or m.missing_since is not null
          or (p.is_director and not ('director' = any(m.functions)))
          or p.classes is distinct from array(
            select distinct lower(c.name) from class_members cm
            join classes c on c.school_id = cm.school_id and c.id = cm.class_id
            where cm.school_id = p.school_id and cm.user_id = p.user_id and cm.role = 'teacher'
              and c.school_year_id = ${yearId} and c.archived_at is null
            order by 1
          )
        ) as changes
      from persons p
      left join memberships m on m.school_id = p.school_id and m.user_id = p.user_id and m.profile = 'teacher'
    )
  `
  return countPerSchool(db, { run, schools, ctes, profile: 'teacher' })
}

type ClassRow = {
  schoolId: string
  classesCreated: number
  classesExisting: number
  linksCreated: number
  linksExisting: number
}

async function classAndLinkCounts(db: Db, run: string, yearId: string, schools: string[]) {
  const { rows } = await sql<ClassRow>`
    with names as (
      select n.school_id, exists (
        select 1 from classes c where c.school_id = n.school_id and c.school_year_id = ${yearId}
          and c.archived_at is null and lower(c.name) = n.key
      ) as existing
      from run_class_names(${run}) n
    ),
    classes_by_school as (
      select school_id, count(*) filter (where not existing)::int as created,
        count(*) filter (where existing)::int as existing
      from names group by school_id
    ),
    links as (
      select l.school_id,
        count(*) filter (where f.pupil_id is null)::int as created,
        count(*) filter (where f.pupil_id is not null)::int as existing
      from (
        select distinct c.school_id, c.pupil_id, g.user_id as parent_id
        from import_guardian_children c
        join import_guardians g on g.run_id = c.run_id and g.school_id = c.school_id and g.line = c.line
        where c.run_id = ${run} and c.pupil_id is not null
      ) l
      left join family_links f on f.school_id = l.school_id and f.pupil_id = l.pupil_id and f.parent_id = l.parent_id
      group by l.school_id
    )
    select s.school_id,
      coalesce(k.created, 0) as classes_created, coalesce(k.existing, 0) as classes_existing,
      coalesce(l.created, 0) as links_created, coalesce(l.existing, 0) as links_existing
    from unnest(${schools}::uuid[]) as s(school_id)
    left join classes_by_school k on k.school_id = s.school_id
    left join links l on l.school_id = s.school_id
  `.execute(db)
  return new Map(rows.map((row) => [row.schoolId, row]))
}

/** The report of each school of a planned run, with counts only for the kinds of files it has. */
export async function schoolReports(
  db: Db,
  run: string,
  yearId: string,
  schools: ReadonlyMap<string, readonly ImportFileKind[]>,
): Promise<SchoolImportReport[]> {
  const ids = [...schools.keys()]
  if (ids.length === 0) return []
  const [pupils, guardians, teachers, classes, names, anomalies] = await Promise.all([
    pupilCounts(db, run, yearId, ids),
    guardianCounts(db, run, ids),
    teacherCounts(db, run, yearId, ids),
    classAndLinkCounts(db, run, yearId, ids),
    db.selectFrom('schools').select(['id', 'uai', 'name']).where('id', 'in', ids).execute(),
    db
      .selectFrom('importAnomalies')
      .select(['schoolId', (eb) => eb.fn.countAll<number>().as('count')])
      .where('runId', '=', run)
      .groupBy('schoolId')
      .execute(),
  ])
  const schoolOf = new Map(names.map((school) => [school.id, school]))
  const anomaliesOf = new Map(anomalies.map((row) => [row.schoolId, Number(row.count)]))
  return ids
    .map((schoolId) => {
      const kinds = schools.get(schoolId) ?? []
      const school = schoolOf.get(schoolId)
      const c = classes.get(schoolId)
      return {
        schoolId,
        uai: school?.uai ?? '',
        name: school?.name ?? '',
        pupils: kinds.includes('pupils') ? (pupils.get(schoolId) ?? ZERO) : ZERO,
        guardians: kinds.includes('guardians') ? (guardians.get(schoolId) ?? ZERO) : ZERO,
        teachers: kinds.includes('teachers') ? (teachers.get(schoolId) ?? ZERO) : ZERO,
        classes: { created: c?.classesCreated ?? 0, existing: c?.classesExisting ?? 0 },
        familyLinks: { created: c?.linksCreated ?? 0, existing: c?.linksExisting ?? 0 },
        anomalies: anomaliesOf.get(schoolId) ?? 0,
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
}
