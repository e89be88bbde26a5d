import type { OpenSchoolYearResponse, RolloverPreview } from '../../../contract/school-years.ts'
import type { Db } from '../../db/connection.ts'
import { fieldProblem, HttpProblem } from '../../plugins/errors.ts'
import { findSchoolYears, insertSchoolYear } from '../structures/index.ts'
import type { Auditor } from './audit.ts'
import {
  countDepartedPeople,
  decodeDeletionsCursor,
  encodeDeletionsCursor,
  findDepartedPeople,
  insertDepartedDeletions,
} from './deletions.queries.ts'
import {
  archiveClassesOfYear,
  countPupilsWaiting,
  findClassesToArchive,
  lockRollover,
  makeCurrentYear,
  removePupilsFromClassesOfYear,
} from './queries.ts'
import { nextSchoolYear, parisDay } from './years.ts'

/**
 * The rollover (bascule d'année): before 1 September the syndicate opens the next school year. The
 * classes of the old year are archived and their pupils, who keep their school, wait for the new
 * import; teachers keep their accounts. People who no longer need an account have their personal data
 * scheduled for deletion 3 months after they left (see `purge.ts`).
 */

/** A page of the people whose data goes: `after` is the cursor of the previous page's `nextAfter`. */
type Page = { limit: number; after?: string | undefined }

/** What opening the next year would do, as of `now`: nothing is written. */
export async function previewRollover(
  db: Db,
  now: Date,
  page: Page,
): Promise<Omit<RolloverPreview, 'allowedActions'>> {
  const years = await findSchoolYears(db)
  const current = years.find((year) => year.isCurrent) ?? null
  const next = nextSchoolYear(current, now)
  const prepared = years.find((year) => year.label === next.label && !year.isCurrent) ?? null
  const [classes, waiting, deletionsTotal, deletions] = await Promise.all([
    current ? findClassesToArchive(db, current.id) : Promise.resolve([]),
    countPupilsWaiting(db, prepared?.id ?? null),
    countDepartedPeople(db),
    findDepartedPeople(db, { limit: page.limit, after: decodeDeletionsCursor(page.after) }),
  ])

  const schools = new Map<string, RolloverPreview['schools'][number]>()
  const schoolOf = (row: { schoolId: string; uai: string; schoolName: string }) => {
    let school = schools.get(row.schoolId)
    if (!school) {
      school = { id: row.schoolId, uai: row.uai, name: row.schoolName, classes: [], pupilsWaiting: 0 }
      schools.set(row.schoolId, school)
    }
    return school
  }
  for (const row of classes) {
    schoolOf(row).classes.push({ id: row.id, name: row.name, levels: row.levels, pupilCount: row.pupilCount })
  }
  for (const row of waiting) schoolOf(row).pupilsWaiting = row.pupils
  const bySchoolName = [...schools.values()].sort(
    (a, b) => a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id),
  )

  return {
    today: parisDay(now),
    currentYear: current,
    nextYear: { ...next, isPrepared: prepared !== null },
    totals: {
      schools: bySchoolName.length,
      classes: classes.length,
      pupilsWaiting: waiting.reduce((sum, row) => sum + row.pupils, 0),
      deletions: deletionsTotal,
    },
    schools: bySchoolName,
    deletions: deletions.deletions,
    nextAfter: deletions.nextAfter ? encodeDeletionsCursor(deletions.nextAfter) : null,
  }
}

/**
 * Opens the school year `label`, which must be the next one: it becomes current, every class of the
 * old year is archived at `now`, pupils leave those classes (not their school), and the deletions of
 * departed people are recorded. All in one transaction, with one audit entry. Asking again for a year
 * already open is refused (a double click changes nothing).
 */
export async function openNextSchoolYear(
  db: Db,
  now: Date,
  label: string,
  audit: Auditor,
): Promise<OpenSchoolYearResponse> {
  return db.transaction().execute(async (trx) => {
    await lockRollover(trx)
    const years = await findSchoolYears(trx)
    const current = years.find((year) => year.isCurrent) ?? null
    if (current?.label === label) {
      throw new HttpProblem(
        409,
        'already-open',
        `L’année scolaire ${label} est déjà ouverte : rien n’a été modifié.`,
      )
    }
    const next = nextSchoolYear(current, now)
    if (label !== next.label) {
      throw fieldProblem(
        'label',
        `L’année à ouvrir est ${next.label} : saisissez exactement ce libellé pour confirmer.`,
      )
    }
    const schoolYearId =
      years.find((year) => year.label === label)?.id ?? (await insertSchoolYear(trx, label)).id
    const archivedClasses = current ? await archiveClassesOfYear(trx, current.id, now) : 0
    const pupilsUnassigned = current ? await removePupilsFromClassesOfYear(trx, current.id) : 0
    await makeCurrentYear(trx, schoolYearId)
    const scheduledDeletions = await insertDepartedDeletions(trx, now, schoolYearId)
    await audit(
      {
        action: 'schoolYears.open',
        target: { type: 'school-year', id: schoolYearId },
        details: {
          label,
          previous: current?.label ?? null,
          archivedClasses,
          pupilsUnassigned,
          scheduledDeletions,
        },
      },
      trx,
    )
    const schoolYear = (await findSchoolYears(trx)).find((year) => year.id === schoolYearId)
    if (!schoolYear) throw new Error(`school year ${schoolYearId} vanished while opening it`)
    return { schoolYear, archivedClasses, pupilsUnassigned, scheduledDeletions }
  })
}
