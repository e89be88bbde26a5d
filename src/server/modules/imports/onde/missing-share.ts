import type { ImportCounts, SchoolImportReport } from '../../../../contract/imports.ts'

/**
 * The number of people an apply would mark missing, when for some school they are more than `percent`
 * of the people concerned (those the files list, plus those they no longer list): a file cut short, the
 * export of another school, or staged rows gone would otherwise send most of a school into its grace
 * period unnoticed. Null when every school stays under the share.
 */
export function missingToConfirm(schools: readonly SchoolImportReport[], percent: number): number | null {
  const sum = (school: SchoolImportReport, pick: (counts: ImportCounts) => number) =>
    pick(school.pupils) + pick(school.guardians) + pick(school.teachers)
  const exceeds = schools.some((school) => {
    const missing = sum(school, (c) => c.missing)
    const listed = sum(school, (c) => c.created + c.updated + c.unchanged)
    return missing > 0 && missing * 100 > percent * (missing + listed)
  })
  return exceeds ? schools.reduce((total, school) => total + sum(school, (c) => c.missing), 0) : null
}
