import { sql } from 'kysely'
import type { ClassLevel } from '../../../contract/structures.ts'
import type { Db } from '../../db/connection.ts'

/**
 * The rollover's reads and writes across schools: the classes of a year, the pupils waiting for a
 * class, and the archiving of a year's classes. The rollover is the syndicate's, above every school,
 * so these queries are not school-scoped.
 */

export type ClassToArchive = {
  schoolId: string
  uai: string
  schoolName: string
  id: string
  name: string
  levels: ClassLevel[]
  pupilCount: number
}

/** The classes of `schoolYearId` not archived yet, with their pupils counted, by school and name. */
export async function findClassesToArchive(db: Db, schoolYearId: string): Promise<ClassToArchive[]> {
  const { rows } = await sql<ClassToArchive>`
    select s.id as school_id, s.uai, s.name as school_name, c.id, c.name, c.levels,
      (select count(*) from class_members cm
        where cm.school_id = c.school_id and cm.class_id = c.id and cm.role = 'pupil')::int as pupil_count
    from classes c join schools s on s.id = c.school_id
    where c.school_year_id = ${schoolYearId} and c.archived_at is null
    order by s.name, s.id, c.name`.execute(db)
  return rows
}

/**
 * Per school, the pupils still there (membership not ended) who have no class in `nextYearId` (none at
 * all when it does not exist yet): once the old classes are archived, they wait for the import.
 */
export async function countPupilsWaiting(
  db: Db,
  nextYearId: string | null,
): Promise<{ schoolId: string; uai: string; schoolName: string; pupils: number }[]> {
  const { rows } = await sql<{ schoolId: string; uai: string; schoolName: string; pupils: number }>`
    select s.id as school_id, s.uai, s.name as school_name, count(*)::int as pupils
    from memberships m join schools s on s.id = m.school_id
    where m.profile = 'pupil' and m.left_at is null
      and not exists (
        select 1 from class_members cm
        join classes c on c.school_id = cm.school_id and c.id = cm.class_id
        where cm.school_id = m.school_id and cm.user_id = m.user_id and cm.role = 'pupil'
          and c.school_year_id = ${nextYearId} and c.archived_at is null)
    group by s.id
    order by s.name, s.id`.execute(db)
  return rows
}

/** Makes `schoolYearId` the one current year (the unique index allows no second one meanwhile). */
export async function makeCurrentYear(db: Db, schoolYearId: string): Promise<void> {
  await db.updateTable('schoolYears').set({ isCurrent: false }).where('isCurrent', '=', true).execute()
  await db.updateTable('schoolYears').set({ isCurrent: true }).where('id', '=', schoolYearId).execute()
}

/**
 * Archives every class of `schoolYearId` at `now` and switches off their login cards: the classes stay
 * (history, teachers' past classes), their pupils leave them.
 */
export async function archiveClassesOfYear(db: Db, schoolYearId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('classes')
    .set({ archivedAt: now, loginCardsEnabled: false })
    .where('schoolYearId', '=', schoolYearId)
    .where('archivedAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * Takes the pupils out of the classes of `schoolYearId`, with their login cards; teachers stay in them
 * (their past classes). Pupils keep their school membership. Returns how many pupils were taken out.
 */
export async function removePupilsFromClassesOfYear(db: Db, schoolYearId: string): Promise<number> {
  await sql`
    delete from login_cards lc using classes c
    where c.school_id = lc.school_id and c.id = lc.class_id and c.school_year_id = ${schoolYearId}`.execute(
    db,
  )
  const { rows } = await sql<{ pupils: number }>`
    with removed as (
      delete from class_members cm using classes c
      where c.school_id = cm.school_id and c.id = cm.class_id
        and c.school_year_id = ${schoolYearId} and cm.role = 'pupil'
      returning cm.user_id)
    select count(distinct user_id)::int as pupils from removed`.execute(db)
  return rows[0]?.pupils ?? 0
}

/** Serialises openings of a year: a second one waits, then sees the first one's year as current. */
export async function lockRollover(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('preau.school-year-rollover'))`.execute(db)
}
