import fs from 'node:fs/promises'
import path from 'node:path'
import type { ClassLevel } from '../../src/contract/structures.ts'
import { schoolYearOf } from '../../src/server/demo/demo-deployment.ts'
import { ADULT_FIRST_NAMES, CHILD_FIRST_NAMES, pick, SURNAMES } from '../../src/server/demo/names.ts'
import { loginBase } from '../../src/server/modules/identity/logins.ts'
import { EPCI_PATTERNS } from './places.ts'
import { type CollectivityPlan, MAX_PUPILS, PUPILS_PER_SCHOOL, planOf, type SchoolPlan } from './plan.ts'

/**
 * ONDE exports for the schools of a generated deployment: for each school of `preau bench data --pupils
 * <schools × 120> --seed <seed>` (same UAI, same classes, same pupil counts per class), a folder named by
 * its UAI holding the three files a director hands to the import, byte for byte in the format of the real
 * exports: `CSVExtraction-eleves.csv` (ISO-8859-1, CRLF, every non-empty field quoted, no line break after
 * the last line), `CSVExtraction-responsables.csv` (ISO-8859-1, LF, nothing quoted, three blocks of four
 * child columns) and the hand-made `CSVExtraction-enseignants.csv` (as the pupils' file).
 *
 * Written school by school, one school in memory while the previous one is written: memory stays flat
 * whatever the number of schools. Everything depends on the seed only.
 */

export const ONDE_FILE_NAMES = {
  pupils: 'CSVExtraction-eleves.csv',
  guardians: 'CSVExtraction-responsables.csv',
  teachers: 'CSVExtraction-enseignants.csv',
} as const

// The header lines of the real exports, as they are.
const PUPILS_HEADER =
  '"Nom Elève";"Nom d\'usage Elève";"Prénom Elève";"Date naissance";"Sexe";"Adresse1";"Cp1";"Commune1";"Pays1";"Adresse2";"Cp2";"Commune2";"Pays2";" Cycle";"Niveau";"Classe";"Attestation fournie";"Autorisations associations";"Autorisations photos";"Décision de passage"'
const CHILD_BLOCK_HEADER = "Nom d'usage enfant;Nom de famille enfant;Prénom enfant;Classes enfants"
const GUARDIANS_HEADER = `Civilité Responsable;Nom usage responsable;Nom responsable;Prénom responsable;Adresse responsable;CP responsable;Commune responsable;Pays;Courriel;Téléphone domicile;Téléphone travail;Téléphone portable;${CHILD_BLOCK_HEADER};${CHILD_BLOCK_HEADER};${CHILD_BLOCK_HEADER}`
const TEACHERS_HEADER =
  '"Civilité";"Nom usage";"Nom";"Prénom";"Adresse";"CP";"Commune";"Pays";"Courriel";"Téléphone domicile";"Téléphone portable";"Directeur";"Classe"'

/** A pupil is the younger sibling of an earlier pupil of the school this often (as `bench data`). */
const SIBLING_RATE = 1 / 6
/** The export has three child blocks: a family has at most this many children in one school. */
const MAX_CHILDREN = 3
/** Families with a second guardian: (1 + 0.8) × (1 − 1/6) ≈ 1.5 guardian rows per pupil. */
const TWO_GUARDIANS_RATE = 0.8
/** The first guardian bears the children's surname this often, the second one that often. */
const FIRST_SAME_SURNAME_RATE = 0.85
const SECOND_SAME_SURNAME_RATE = 0.6
/** Two guardians at two addresses (the pupil's second address in the pupils' file). */
const SEPARATED_RATE = 0.15
const EMAIL_RATE = 0.6
const MOBILE_RATE = 0.85
const HOME_PHONE_RATE = 0.2
const WORK_PHONE_RATE = 0.1
/** « Autorisations photos »: most families say yes. */
const PHOTO_CONSENT_RATE = 0.8
/** A class shared by two part-time teachers; with the décharge, ~7 teachers per school. */
const CO_TEACHER_RATE = 0.2
/** Schools of this many classes have a teacher completing the director's class (as `bench data`). */
const DISCHARGE_FROM_CLASSES = 6
/** Share of women among teachers of primary schools. */
const WOMEN_TEACHERS_RATE = 0.84

/** Age in September of the school year's start, by level (as `bench data`). */
const AGE: Record<ClassLevel, number> = {
  TPS: 2,
  PS: 3,
  MS: 4,
  GS: 5,
  CP: 6,
  CE1: 7,
  CE2: 8,
  CM1: 9,
  CM2: 10,
  ULIS: 8,
}
const CYCLES: Record<ClassLevel, string> = {
  TPS: 'MATERNELLE',
  PS: 'MATERNELLE',
  MS: 'MATERNELLE',
  GS: 'MATERNELLE',
  CP: 'CYCLE II',
  CE1: 'CYCLE II',
  CE2: 'CYCLE II',
  CM1: 'CYCLE III',
  CM2: 'CYCLE III',
  ULIS: 'CYCLE III',
}

const STREET_KINDS = [
  'Rue',
  'Rue',
  'Rue',
  'Rue',
  'Avenue',
  'Place',
  'Allée',
  'Chemin',
  'Impasse',
  'Boulevard',
]
const STREET_NAMES = [
  'de la Gare',
  'Jean Jaurès',
  'Victor Hugo',
  'du Moulin',
  'des Écoles',
  "de l'Église",
  'Pasteur',
  'du Général de Gaulle',
  'de la République',
  'des Tilleuls',
  'Roger Salengro',
  'Gambetta',
  'de Lille',
  "d'Arras",
  'du Château',
  'des Prés',
  'Carnot',
  'Émile Zola',
  'Jules Guesde',
  'de la Mairie',
  'Voltaire',
  'des Peupliers',
  'du 8 Mai 1945',
  'Léon Blum',
  'Pierre Brossolette',
  'de Verdun',
  'Faidherbe',
  'des Fusillés',
  'du Marais',
  'de la Liberté',
]
/** Reserved domains (RFC 2606): no generated address can reach anyone. */
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org']
/** Primary teachers of the Nord and Pas-de-Calais belong to the académie of Lille, the others to Amiens. */
const LILLE_DEPARTMENTS = new Set(['59', '62'])

/**
 * A name as an ISO-8859-1 file can hold it: a letter outside Latin-1 (« ś ») loses its accent, as the
 * export does; « ? » for anything else.
 */
export function toLatin1(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the whole Latin-1 range, control characters included
  return text.replace(/[^\u0000-\u00ff]/g, (c) => {
    const base = c.normalize('NFD')[0] ?? '?'
    return base.charCodeAt(0) <= 0xff ? base : '?'
  })
}

/** ONDE writes surnames in capitals, accents kept (« ROZÉE »). */
const upperName = (name: string) => toLatin1(name).toLocaleUpperCase('fr')

/** Names by sex: the lists of names.ts give boys (men) first, then girls (women) from the first one here. */
function splitBySex(names: readonly string[], firstFemale: string): { H: string[]; F: string[] } {
  const at = names.indexOf(firstFemale)
  if (at <= 0) throw new Error(`names.ts: « ${firstFemale} » no longer starts the female names`)
  const safe = names.map(toLatin1)
  return { H: safe.slice(0, at), F: safe.slice(at) }
}
const CHILD_NAMES = splitBySex(CHILD_FIRST_NAMES, 'Jade')
const ADULT_NAMES = splitBySex(ADULT_FIRST_NAMES, 'Céline')
const UPPER_SURNAMES = SURNAMES.map(upperName)
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'))

type Sex = 'H' | 'F'
type Address = { street: string; postcode: string; city: string }
type Guardian = {
  civility: 'M.' | 'Mme'
  lastName: string
  firstName: string
  address: Address
  email: string
  home: string
  work: string
  mobile: string
}
type Family = { surname: string; guardians: Guardian[]; children: Pupil[] }
type Pupil = {
  lastName: string
  firstName: string
  sex: Sex
  birthDate: string
  level: ClassLevel
  classIndex: number
  className: string
  family: Family
  consents: string
}

/** The three files of one school, as text (every character in Latin-1), and what they hold. */
type SchoolFiles = {
  uai: string
  pupils: string
  guardians: string
  teachers: string
  counts: { pupils: number; guardians: number; childLinks: number; teachers: number }
}

/**
 * Draws the people of one school after another from one seeded sequence: the same sequence and schools
 * give the same files.
 */
class OndeSchoolGenerator {
  private readonly random: () => number
  private readonly startYear: number
  private readonly emails = new Map<string, string>()

  constructor(random: () => number, startYear: number) {
    this.random = random
    this.startYear = startYear
  }

  school(school: SchoolPlan, collectivity: CollectivityPlan): SchoolFiles {
    const city = communeName(collectivity)
    const postcode = postcodeOf(school.inseeCode)
    const families: Family[] = []
    const pupils: Pupil[] = []
    const pupilKeys = new Set<string>()
    const guardianKeys = new Set<string>()

    school.classes.forEach((klass, classIndex) => {
      for (let i = 0; i < klass.pupils; i++) {
        const candidate =
          this.random() < SIBLING_RATE && families.length > 0 ? pick(this.random, families) : null
        let family = candidate && candidate.children.length < MAX_CHILDREN ? candidate : null
        let surname = family ? family.surname : pick(this.random, UPPER_SURNAMES)
        let sex: Sex
        let firstName: string
        // Names are unique within a school: children are matched to guardians by names and class.
        for (let attempt = 0; ; attempt++) {
          sex = this.random() < 0.5 ? 'F' : 'H'
          firstName = pick(this.random, CHILD_NAMES[sex])
          if (!pupilKeys.has(`${surname}|${firstName}`)) break
          if (attempt >= 8) {
            family = null
            surname = pick(this.random, UPPER_SURNAMES)
          }
        }
        pupilKeys.add(`${surname}|${firstName}`)
        if (!family) {
          family = this.family(surname, { street: '', postcode, city }, guardianKeys)
          families.push(family)
        }
        const level = pick(this.random, klass.levels)
        const pupil: Pupil = {
          lastName: surname,
          firstName,
          sex,
          birthDate: this.birthDate(level),
          level,
          classIndex,
          className: klass.name,
          family,
          consents: [
            this.random() < 0.5 ? 'Oui' : 'Non',
            this.random() < 0.5 ? 'Oui' : 'Non',
            this.random() < PHOTO_CONSENT_RATE ? 'Oui' : 'Non',
          ]
            .map(quoted)
            .join(';'),
        }
        family.children.push(pupil)
        pupils.push(pupil)
      }
    })

    const guardians = families.flatMap((family) => family.guardians.map((guardian) => ({ guardian, family })))
    guardians.sort((a, b) => compareNames(a.guardian, b.guardian))
    pupils.sort((a, b) => a.classIndex - b.classIndex || compareNames(a, b))
    const teachers = this.teachers(school)
    const childLinks = guardians.reduce((sum, { family }) => sum + family.children.length, 0)
    return {
      uai: school.uai,
      pupils: pupilsFile(pupils),
      guardians: guardiansFile(guardians),
      teachers: teachersFile(teachers),
      counts: { pupils: pupils.length, guardians: guardians.length, childLinks, teachers: teachers.length },
    }
  }

  /** A new family: one or two guardians, at one address or two. */
  private family(surname: string, place: Address, taken: Set<string>): Family {
    const random = this.random
    const address = { ...place, street: this.street() }
    const firstSex: Sex = random() < 0.55 ? 'F' : 'H'
    const guardians = [
      this.guardian(firstSex, random() < FIRST_SAME_SURNAME_RATE ? surname : null, address, taken),
    ]
    if (random() < TWO_GUARDIANS_RATE) {
      const sex: Sex = random() < 0.95 ? (firstSex === 'F' ? 'H' : 'F') : firstSex
      const second = random() < SEPARATED_RATE ? { ...place, street: this.street() } : address
      guardians.push(this.guardian(sex, random() < SECOND_SAME_SURNAME_RATE ? surname : null, second, taken))
    }
    return { surname, guardians, children: [] }
  }

  private guardian(sex: Sex, surname: string | null, address: Address, taken: Set<string>): Guardian {
    const random = this.random
    let lastName = surname ?? pick(random, UPPER_SURNAMES)
    let firstName: string
    // Two guardians of one school with the same names would be one person for the import.
    for (let attempt = 0; ; attempt++) {
      firstName = pick(random, ADULT_NAMES[sex])
      if (!taken.has(`${lastName}|${firstName}`)) break
      if (attempt >= 8) lastName = pick(random, UPPER_SURNAMES)
    }
    taken.add(`${lastName}|${firstName}`)
    return {
      civility: sex === 'F' ? 'Mme' : 'M.',
      lastName,
      firstName,
      address,
      email: random() < EMAIL_RATE ? this.email(firstName, lastName) : '',
      home: random() < HOME_PHONE_RATE ? this.phone('03') : '',
      work: random() < WORK_PHONE_RATE ? this.phone('03') : '',
      mobile: random() < MOBILE_RATE ? this.phone(random() < 0.7 ? '06' : '07') : '',
    }
  }

  private teachers(school: SchoolPlan): string[][] {
    const random = this.random
    const taken = new Set<string>()
    const academy = LILLE_DEPARTMENTS.has(school.uai.slice(1, 3)) ? 'ac-lille' : 'ac-amiens'
    const rows: string[][] = []
    const add = (className: string, isDirector: boolean) => {
      const sex: Sex = random() < WOMEN_TEACHERS_RATE ? 'F' : 'H'
      let lastName: string
      let firstName: string
      do {
        lastName = pick(random, UPPER_SURNAMES)
        firstName = pick(random, ADULT_NAMES[sex])
      } while (taken.has(`${lastName}|${firstName}`))
      taken.add(`${lastName}|${firstName}`)
      const email = `${loginBase(firstName, lastName)}@${academy}.example.org`
      const mobile = random() < 0.3 ? this.phone('06') : ''
      rows.push([
        sex === 'F' ? 'MME' : 'M.',
        '',
        lastName,
        firstName,
        '',
        '',
        '',
        '',
        email,
        '',
        mobile,
        isDirector ? 'oui' : 'non',
        className,
      ])
    }
    school.classes.forEach((klass, i) => {
      add(klass.name, i === 0)
      if (random() < CO_TEACHER_RATE) add(klass.name, false)
    })
    const directorClass = school.classes[0]
    if (directorClass && school.classes.length >= DISCHARGE_FROM_CLASSES) add(directorClass.name, false)
    return rows
  }

  private street(): string {
    const number = 1 + Math.floor(this.random() * 120)
    return `${number} ${pick(this.random, STREET_KINDS)} ${pick(this.random, STREET_NAMES)}`
  }

  /** `prenom.nom` (sometimes with two digits) at a reserved domain. */
  private email(firstName: string, lastName: string): string {
    const key = `${firstName}|${lastName}`
    let base = this.emails.get(key)
    if (base === undefined) {
      base = loginBase(firstName, lastName)
      this.emails.set(key, base)
    }
    const suffix = this.random() < 0.5 ? TWO_DIGITS[Math.floor(this.random() * 100)] : ''
    return `${base}${suffix}@${pick(this.random, EMAIL_DOMAINS)}`
  }

  /** « 06 12 34 56 78 », as people type them. */
  private phone(prefix: string): string {
    const pairs = [prefix]
    for (let i = 0; i < 4; i++) pairs.push(TWO_DIGITS[Math.floor(this.random() * 100)]!)
    return pairs.join(' ')
  }

  private birthDate(level: ClassLevel): string {
    const random = this.random
    const age = level === 'ULIS' ? 7 + Math.floor(random() * 4) : AGE[level]
    const month = 1 + Math.floor(random() * 12)
    const day = 1 + Math.floor(random() * 28)
    return `${this.startYear - age}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`
  }
}

const quoted = (value: string) => (value === '' ? '' : `"${value}"`)
const compareNames = (
  a: { lastName: string; firstName: string },
  b: { lastName: string; firstName: string },
) =>
  a.lastName < b.lastName
    ? -1
    : a.lastName > b.lastName
      ? 1
      : a.firstName < b.firstName
        ? -1
        : a.firstName > b.firstName
          ? 1
          : 0

function pupilsFile(pupils: Pupil[]): string {
  const lines = [PUPILS_HEADER]
  for (const p of pupils) {
    const [first, second] = addressesOf(p.family)
    lines.push(
      [
        quoted(p.lastName),
        '',
        quoted(p.firstName),
        quoted(p.birthDate),
        quoted(p.sex),
        quoted(first.street),
        quoted(first.postcode),
        quoted(first.city),
        '',
        quoted(second?.street ?? ''),
        quoted(second?.postcode ?? ''),
        quoted(second?.city ?? ''),
        '',
        quoted(CYCLES[p.level]),
        quoted(p.level),
        quoted(p.className),
        p.consents,
        '',
      ].join(';'),
    )
  }
  // As the real export: CRLF between lines, none after the last one.
  return lines.join('\r\n')
}

/** The pupil's addresses: the first guardian's, and the second one's when they live apart. */
function addressesOf(family: Family): [Address, Address | undefined] {
  const first = family.guardians[0]!.address
  const other = family.guardians[1]?.address
  return [first, other && other !== first ? other : undefined]
}

function guardiansFile(rows: { guardian: Guardian; family: Family }[]): string {
  let text = `${GUARDIANS_HEADER}\n`
  for (const { guardian: g, family } of rows) {
    const blocks: string[] = []
    for (let n = 0; n < MAX_CHILDREN; n++) {
      const child = family.children[n]
      blocks.push(child ? `;${child.lastName};${child.firstName};${child.className}` : ';;;')
    }
    text += `${g.civility};;${g.lastName};${g.firstName};${g.address.street};${g.address.postcode};${g.address.city};;${g.email};${g.home};${g.work};${g.mobile};${blocks.join(';')}\n`
  }
  return text
}

function teachersFile(rows: string[][]): string {
  return [TEACHERS_HEADER, ...rows.map((row) => row.map(quoted).join(';'))].join('\r\n')
}

/** The commune of a collectivity, as written in addresses. */
function communeName(collectivity: CollectivityPlan): string {
  if (collectivity.kind === 'commune') return toLatin1(collectivity.name.replace(/^Commune de /, ''))
  const pattern = EPCI_PATTERNS.find((prefix) => collectivity.name.startsWith(`${prefix} `))
  return toLatin1(pattern ? collectivity.name.slice(pattern.length + 1) : collectivity.name)
}

/** A plausible postcode of the school's commune: its department, then three digits ending in 0. */
function postcodeOf(inseeCode: string): string {
  const n = Number(inseeCode.slice(2)) || 0
  return `${inseeCode.slice(0, 2)}${TWO_DIGITS[((n * 7) % 90) + 10]}0`
}

export type OndeFilesOptions = {
  schools: number
  seed: number
  /** The folder to write into: created, or empty. */
  out: string
  /** Decides the school year (birth dates follow the levels); defaults to now. */
  today?: Date
  onProgress?: (progress: { schoolsDone: number; schools: number; pupils: number }) => void
}

export type OndeFilesSummary = {
  schools: number
  seed: number
  pupils: number
  /** Rows of the guardians' files (a guardian of children in two schools has a row in each). */
  guardians: number
  /** Child blocks filled in the guardians' files. */
  childLinks: number
  teachers: number
  files: number
  bytes: number
  seconds: number
  /** The peak resident memory of the process, in megabytes. */
  maxRssMb: number
}

/** The folder is not empty, or the scale is beyond what the plan can number. */
export class OndeFilesError extends Error {
  override name = 'OndeFilesError'
}

/** The largest number of schools: the plan's ceiling on pupils. */
const MAX_SCHOOLS = Math.floor(MAX_PUPILS / PUPILS_PER_SCHOOL)

/**
 * Writes the files of the `schools` schools of `preau bench data --pupils <schools × 120> --seed <seed>`
 * into `out/<UAI>/`, one school after the other.
 */
export async function writeOndeFiles(options: OndeFilesOptions): Promise<OndeFilesSummary> {
  const started = performance.now()
  if (options.schools > MAX_SCHOOLS) {
    throw new OndeFilesError(`Au plus ${MAX_SCHOOLS.toLocaleString('fr-FR')} écoles.`)
  }
  await fs.mkdir(options.out, { recursive: true })
  if ((await fs.readdir(options.out)).length > 0) {
    throw new OndeFilesError(
      `Le dossier ${options.out} n’est pas vide : choisissez un dossier vide ou absent.`,
    )
  }
  const { plan, random } = planOf(options.schools * PUPILS_PER_SCHOOL, options.seed)
  const year = schoolYearOf(options.today ?? new Date())
  const generator = new OndeSchoolGenerator(random, Number(year.label.slice(0, 4)))
  const summary: OndeFilesSummary = {
    schools: 0,
    seed: options.seed,
    pupils: 0,
    guardians: 0,
    childLinks: 0,
    teachers: 0,
    files: 0,
    bytes: 0,
    seconds: 0,
    maxRssMb: 0,
  }
  // One school is written while the next one is drawn.
  let writing: Promise<number> = Promise.resolve(0)
  for (const collectivity of plan.collectivities) {
    for (const school of collectivity.schools) {
      const files = generator.school(school, collectivity)
      summary.bytes += await writing
      writing = writeSchool(options.out, files)
      summary.schools++
      summary.files += 3
      summary.pupils += files.counts.pupils
      summary.guardians += files.counts.guardians
      summary.childLinks += files.counts.childLinks
      summary.teachers += files.counts.teachers
      options.onProgress?.({
        schoolsDone: summary.schools,
        schools: plan.schoolCount,
        pupils: summary.pupils,
      })
    }
  }
  summary.bytes += await writing
  summary.seconds = Math.round((performance.now() - started) / 10) / 100
  summary.maxRssMb = Math.round(process.resourceUsage().maxRSS / 102.4) / 10
  return summary
}

/** Writes the three files of a school in ISO-8859-1; resolves to the bytes written. */
async function writeSchool(out: string, files: SchoolFiles): Promise<number> {
  const dir = path.join(out, files.uai)
  await fs.mkdir(dir)
  const contents = [
    [ONDE_FILE_NAMES.pupils, files.pupils],
    [ONDE_FILE_NAMES.guardians, files.guardians],
    [ONDE_FILE_NAMES.teachers, files.teachers],
  ] as const
  let bytes = 0
  await Promise.all(
    contents.map(([name, text]) => {
      const data = Buffer.from(text, 'latin1')
      bytes += data.length
      return fs.writeFile(path.join(dir, name), data)
    }),
  )
  return bytes
}
