import type { ClassLevel, SchoolKind } from '../../../../contract/structures.ts'
import type { ImportAnomaly } from './anomalies.ts'
import type { FileKind } from './file-kinds.ts'
import type { Civility } from './values.ts'

/**
 * The typed records a file yields, one per usable line, each with its file name and the physical line it
 * starts on. Names are trimmed with inner spaces collapsed, case kept as written; empty values are null.
 */

interface FromLine {
  file: string
  line: number
}

export interface PostalAddress {
  address: string | null
  postcode: string | null
  city: string | null
  country: string | null
}

export type Consent = 'granted' | 'refused'

/** A pupil of an ONDE « élèves » export or of a hand-made pupils file. */
export interface PupilRecord extends FromLine {
  type: 'pupil'
  lastName: string
  usageName: string | null
  firstName: string
  /** ISO `yyyy-mm-dd`; null when missing or invalid (an anomaly says which). */
  birthDate: string | null
  /** The class as named in the file (« CE2 de Mme LAMBERT », « CLIS »); null for a pupil not yet in a class. */
  className: string | null
  /** The pupil's level: ONDE's « Niveau » column, else the one level the class name names. */
  level: ClassLevel | null
  /** The levels the class name names (« CM1-CM2 » → CM1, CM2; « CLIS » → ULIS), to build classes. */
  classLevels: ClassLevel[]
  /** ONDE's « Cycle » as written (« CYCLE II », « MATERNELLE »). */
  cycle: string | null
  /** Up to two postal addresses (ONDE's Adresse1… and Adresse2…), only those with a value. */
  addresses: PostalAddress[]
  /** ONDE's « Autorisations photos »: Oui → granted, Non → refused, empty → null. */
  imageConsent: Consent | null
}

/** A child a guardian row names, to be matched to a pupil by names and class. */
export interface ChildReference {
  lastName: string
  usageName: string | null
  firstName: string
  className: string | null
}

/** One row of an ONDE « responsables » export or of a hand-made parents file. */
export interface GuardianRecord extends FromLine, PostalAddress {
  type: 'guardian'
  civility: Civility | null
  lastName: string
  usageName: string | null
  firstName: string
  email: string | null
  /** Valid numbers as ten digits (`0612345678`), or `+` and digits abroad; duplicates removed. */
  phones: string[]
  /** At least one. */
  children: ChildReference[]
}

/** A teacher (or other staff) of a hand-made file. */
export interface TeacherRecord extends FromLine {
  type: 'teacher'
  civility: Civility | null
  lastName: string
  usageName: string | null
  firstName: string
  birthDate: string | null
  email: string | null
  phones: string[]
  /** « Directeur » said yes, or the function names the direction. */
  isDirector: boolean
  /** The « Fonction » column as written (staff files). */
  function: string | null
  /** Class names as written, each once. */
  classNames: string[]
}

/** A school of the national directory (`fr-en-annuaire-education`). */
export interface DirectorySchoolRecord extends FromLine {
  type: 'school'
  /** Valid (check letter verified), in capitals. */
  uai: string
  name: string
  /** From the two flags: both → primaire; null when neither (not a primary school: collège, lycée…). */
  kind: SchoolKind | null
  inseeCode: string
  communeName: string | null
  postcode: string | null
  circonscription: string | null
  /** From `etat`: OUVERT or A FERMER → true, FERME or A OUVRIR → false, null when absent. */
  open: boolean | null
  /** `type_etablissement` as written (« Ecole », « Collège »…). */
  establishmentType: string | null
  sector: 'public' | 'private' | null
}

/** The record type each kind of file yields. */
export interface RecordByKind {
  pupils: PupilRecord
  guardians: GuardianRecord
  teachers: TeacherRecord
  schools: DirectorySchoolRecord
}

/** What reading yields, in file order: a record, or an anomaly of the file. */
export type ParsedItem<K extends FileKind = FileKind> =
  | { type: 'record'; record: RecordByKind[K] }
  | { type: 'anomaly'; anomaly: ImportAnomaly }
