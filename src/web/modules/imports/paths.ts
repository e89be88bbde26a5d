/** The addresses of a school's ONDE import pages. */
export function importsPath(schoolId: string): string {
  return `/ecoles/${encodeURIComponent(schoolId)}/administration/imports`
}

/** The page of one import run: its report, then its result once applied. */
export function reportPath(schoolId: string, runId: string): string {
  return `${importsPath(schoolId)}/${encodeURIComponent(runId)}`
}
