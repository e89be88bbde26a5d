/**
 * The calendar of the rollover, from a clock the caller gives (`now`): routes pass the time of the
 * request, tests and the command line a fixed day.
 */

export type SchoolYearDates = { label: string; startsOn: string; endsOn: string }

/** A school year runs from 1 September to 31 August. */
function schoolYearStarting(startYear: number): SchoolYearDates {
  return {
    label: `${startYear}-${startYear + 1}`,
    startsOn: `${startYear}-09-01`,
    endsOn: `${startYear + 1}-08-31`,
  }
}

/** The day it is in Paris at `now`, as `yyyy-mm-dd`: deletions fall due on French days. */
export function parisDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
}

/**
 * The year the rollover opens: the one after the current year. Without a current year (a new
 * deployment), the one starting this September from July on, the one in progress before.
 */
export function nextSchoolYear(current: { label: string } | null, now: Date): SchoolYearDates {
  if (current) return schoolYearStarting(Number(current.label.slice(0, 4)) + 1)
  const [year, month] = parisDay(now).split('-').map(Number) as [number, number]
  return schoolYearStarting(month >= 7 ? year : year - 1)
}
