import type {
  SchoolDirectoryAnomaly,
  SchoolDirectoryAnomalyCode,
  SchoolDirectoryChange,
  SchoolDirectoryField,
} from '../../../../contract/school-directory.ts'
import type { SchoolKind } from '../../../../contract/structures.ts'
import type { DirectorySchoolRecord } from '../parsing/records.ts'
import { stripAccents } from '../parsing/text.ts'
import type { DirectorySchoolValues, ExistingSchool } from './queries.ts'

/**
 * What importing the directory does to one collectivity, decided line by line from the schools of its
 * communes and the schools Préau already has. Pure: the dry run and the apply plan with the same code.
 */

type PlannedCreation = {
  record: DirectorySchoolRecord
  values: DirectorySchoolValues
}

type PlannedUpdate = {
  record: DirectorySchoolRecord
  school: ExistingSchool
  patch: Partial<DirectorySchoolValues>
  changes: SchoolDirectoryChange[]
}

export type DirectoryPlan = {
  creations: PlannedCreation[]
  updates: PlannedUpdate[]
  unchanged: { record: DirectorySchoolRecord; school: ExistingSchool }[]
  ignoredNotPrimary: number
  ignoredClosed: number
  ignoredPrivate: number
  anomalies: SchoolDirectoryAnomaly[]
}

export type PlanState = {
  /** The collectivity's schools, by UAI. */
  here: ReadonlyMap<string, ExistingSchool>
  /** Schools of other collectivities whose UAI the file names, by UAI. */
  elsewhere: ReadonlyMap<string, ExistingSchool>
}

/** Plans the import of the collectivity's lines of the file (see `readDirectory`). */
export function planDirectoryImport(
  records: readonly DirectorySchoolRecord[],
  state: PlanState,
): DirectoryPlan {
  const plan: DirectoryPlan = {
    creations: [],
    updates: [],
    unchanged: [],
    ignoredNotPrimary: 0,
    ignoredClosed: 0,
    ignoredPrivate: 0,
    anomalies: [],
  }
  const seen = new Map<string, number>()
  const flag = (record: DirectorySchoolRecord, code: SchoolDirectoryAnomalyCode, message: string) =>
    plan.anomalies.push({ file: record.file, line: record.line, code, message, uai: record.uai })

  for (const record of records) {
    const firstLine = seen.get(record.uai)
    if (firstLine !== undefined) {
      flag(
        record,
        'duplicate-uai',
        `l’UAI ${record.uai} figure déjà ligne ${firstLine} : cette ligne-ci n’est pas importée.`,
      )
      continue
    }
    seen.set(record.uai, record.line)
    const school = state.here.get(record.uai)

    if (record.kind === null) {
      if (school) {
        flag(
          record,
          'not-a-primary-school',
          `l’annuaire ne présente plus l’établissement ${record.uai} comme une école maternelle ou élémentaire (${record.establishmentType ?? 'type inconnu'}) : il reste dans Préau tel quel.`,
        )
      } else plan.ignoredNotPrimary++
      continue
    }
    if (record.open === false) {
      if (school) {
        flag(
          record,
          'closed-school',
          `l’annuaire indique l’école ${record.uai} fermée : Préau la garde telle quelle (un import ne supprime rien). Au syndicat de décider de sa suite.`,
        )
      } else plan.ignoredClosed++
      continue
    }
    if (state.elsewhere.has(record.uai)) {
      flag(
        record,
        'other-collectivity',
        `l’école ${record.uai} est déjà rattachée à une autre collectivité membre : elle n’est ni déplacée ni modifiée. Le syndicat peut corriger son rattachement.`,
      )
      continue
    }
    const values = directoryValues(record, record.kind)
    if (!school) {
      // A private school is not the collectivity's; one already added by hand is kept up to date.
      if (record.sector === 'private') plan.ignoredPrivate++
      else plan.creations.push({ record, values })
      continue
    }
    const { patch, changes } = compareSchool(school, values)
    if (changes.length === 0) plan.unchanged.push({ record, school })
    else plan.updates.push({ record, school, patch, changes })
  }
  return plan
}

/** The values of a school as the directory gives them, the way Préau writes them. */
function directoryValues(record: DirectorySchoolRecord, kind: SchoolKind): DirectorySchoolValues {
  return {
    name: typesetName(record.name),
    kind,
    inseeCode: record.inseeCode,
    circonscription: record.circonscription,
  }
}

/**
 * The directory writes « Ecole » without its accent (capitals were long typed without one): a new school
 * gets « École ». The rest of the name is kept as written.
 */
function typesetName(name: string): string {
  return name.replace(/^ECOLE(?=\s|$)/, 'ÉCOLE').replace(/^Ecole(?=\s|$)/, 'École')
}

/**
 * Names compared without case, accents, apostrophes' shapes or punctuation: « École Jean-Jaurès » typed
 * by hand is the directory's « ECOLE JEAN JAURES », and is not overwritten by it.
 */
function sameName(a: string, b: string): boolean {
  const fold = (name: string) =>
    stripAccents(name)
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  return fold(a) === fold(b)
}

function compareSchool(
  school: ExistingSchool,
  values: DirectorySchoolValues,
): { patch: Partial<DirectorySchoolValues>; changes: SchoolDirectoryChange[] } {
  const patch: Partial<DirectorySchoolValues> = {}
  const changes: SchoolDirectoryChange[] = []
  const change = <F extends SchoolDirectoryField>(field: F, to: DirectorySchoolValues[F]) => {
    patch[field] = to
    changes.push({ field, from: school[field], to })
  }
  if (!sameName(school.name, values.name)) change('name', values.name)
  if (school.kind !== values.kind) change('kind', values.kind)
  if (school.inseeCode.trim() !== values.inseeCode) change('inseeCode', values.inseeCode)
  // A file without the circonscription column (or an empty cell) never erases one typed by hand.
  if (values.circonscription !== null && school.circonscription !== values.circonscription) {
    change('circonscription', values.circonscription)
  }
  return { patch, changes }
}
