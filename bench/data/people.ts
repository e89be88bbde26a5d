import type { ClassLevel } from '../../src/contract/structures.ts'
import { ADULT_FIRST_NAMES, CHILD_FIRST_NAMES, pick, SURNAMES } from '../../src/server/demo/names.ts'
import { displayName, loginBase } from '../../src/server/modules/identity/logins.ts'
import { type CopyTable, copyText, NULL, RowBatch } from './copy-writer.ts'
import type { CirconscriptionPlan, CollectivityPlan, SchoolPlan } from './plan.ts'

/**
 * The people of a generated deployment, written as COPY lines school by school: pupils with their
 * families (siblings share parents, within a collectivity), teachers with one director per school,
 * ATSEM and AESH, collectivity agents, academic staff of each circonscription and a syndicate admin.
 */

/** A pupil is the younger sibling of an earlier pupil of the collectivity this often. */
const SIBLING_RATE = 1 / 6
/** Share of families with two parent accounts: (1 + 0.8) × (1 − 1/6) = 1.5 parents per pupil. */
const TWO_PARENTS_RATE = 0.8
/** A second parent bears the family's surname this often. */
const SAME_SURNAME_RATE = 0.6
/** An ATSEM for this share of classes with maternelle levels only. */
const ATSEM_RATE = 0.3
/** Schools with an AESH (accompanying pupils with disabilities). */
const AESH_RATE = 0.28
/** Schools of this many classes or more have a teacher completing the director's class (décharge). */
const DISCHARGE_FROM_CLASSES = 6
/** Collectivities with an agent in their schools, who also administers the collectivity in Préau. */
const AGENT_RATE = 0.4

const MATERNELLE = new Set<ClassLevel>(['TPS', 'PS', 'MS', 'GS'])
/** Age in September of the school year's start, by level. */
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
const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'))

export type PeopleCounts = { pupils: number; parents: number; staff: number }

type Parent = { id: string; schoolIds: string[] }
type Family = { lastName: string; parents: Parent[] }
type Names = { base: string; first: string; last: string; display: string }

/**
 * Hands out `prenom.nom` logins as `firstFreeLogin` of logins.ts would (base, then base2, base3…) without
 * holding every login: a base ends with a letter, so `base` + a number never collides with another base,
 * and a counter per base (≈ 10,000 of them) is all the memory it needs.
 */
export class LoginAllocator {
  private readonly issued = new Map<string, number>()

  next(base: string): string {
    const n = (this.issued.get(base) ?? 0) + 1
    this.issued.set(base, n)
    return n === 1 ? base : `${base}${n}`
  }
}

export type PeopleOptions = {
  random: () => number
  newId: () => string
  /** First year of the current school year (2025 for 2025-2026): birth dates follow the levels. */
  startYear: number
  passwordHash: string
  /** The activation (and charter acceptance) timestamp written on every account. */
  activatedAt: Date
}

/** Generates people into the batch it is given; one instance per deployment (logins are unique across it). */
export class PeopleGenerator {
  readonly counts: PeopleCounts = { pupils: 0, parents: 0, staff: 0 }
  private readonly options: PeopleOptions
  private readonly logins = new LoginAllocator()
  private readonly names = new Map<string, Names>()
  private families: Family[] = []
  /** The columns after birth_date, the same for every account. */
  private readonly accountTail: string
  batch = new RowBatch()

  constructor(options: PeopleOptions) {
    this.options = options
    const at = options.activatedAt.toISOString()
    this.accountTail = `\t${copyText(options.passwordHash)}\t${at}\t${at}\n`
  }

  /** Families live within a collectivity: siblings go to its schools, not to a town far away. */
  startCollectivity(): void {
    this.families = []
  }

  /** Pupils, families and staff of one school of the current collectivity. */
  addSchool(school: SchoolPlan): void {
    const { random } = this.options
    const families = this.families
    for (const klass of school.classes) {
      for (let i = 0; i < klass.pupils; i++) {
        const family = random() < SIBLING_RATE && families.length > 0 ? pick(random, families) : undefined
        const ofFamily = family ?? this.newFamily()
        const level = pick(random, klass.levels)
        const pupil = this.person(pick(random, CHILD_FIRST_NAMES), ofFamily.lastName, this.birthDate(level))
        this.counts.pupils++
        this.add('memberships', `${school.id}\t${pupil}\tpupil\t{}\n`)
        this.add('classMembers', `${school.id}\t${klass.id}\t${pupil}\tpupil\n`)
        for (const parent of ofFamily.parents) {
          if (!parent.schoolIds.includes(school.id)) {
            parent.schoolIds.push(school.id)
            this.add('memberships', `${school.id}\t${parent.id}\tparent\t{}\n`)
          }
          this.add('familyLinks', `${school.id}\t${pupil}\t${parent.id}\n`)
        }
      }
    }
    this.addSchoolStaff(school)
  }

  /** An agent of the collectivity in all its schools (and its administrator in Préau), sometimes. */
  addCollectivityAgent(collectivity: CollectivityPlan): void {
    if (this.options.random() >= AGENT_RATE) return
    const agent = this.staff()
    for (const school of collectivity.schools)
      this.add('memberships', `${school.id}\t${agent}\tcollectivity_agent\t{}\n`)
    this.add('adminRoles', `${agent}\tcollectivity_admin\t${collectivity.id}\n`)
  }

  /** The IEN and the CPC of a circonscription, members of each of its schools. */
  addCirconscriptionStaff(circonscription: CirconscriptionPlan): void {
    for (let i = 0; i < 2; i++) {
      const academic = this.staff()
      for (const schoolId of circonscription.schoolIds)
        this.add('memberships', `${schoolId}\t${academic}\tacademic\t{}\n`)
    }
  }

  addSyndicateAdmin(): void {
    this.add('adminRoles', `${this.staff()}\tsyndicate_admin\t${NULL}\n`)
  }

  /** Hands over the rows generated so far and starts a new batch. */
  takeBatch(): RowBatch {
    const batch = this.batch
    this.batch = new RowBatch()
    return batch
  }

  private addSchoolStaff(school: SchoolPlan): void {
    const { random } = this.options
    school.classes.forEach((klass, i) => {
      const isDirector = i === 0
      const teacher = this.staff()
      this.add('memberships', `${school.id}\t${teacher}\tteacher\t${isDirector ? '{director}' : '{}'}\n`)
      this.add('classMembers', `${school.id}\t${klass.id}\t${teacher}\tteacher\n`)
      if (klass.levels.every((level) => MATERNELLE.has(level)) && random() < ATSEM_RATE) {
        const atsem = this.staff()
        this.add('memberships', `${school.id}\t${atsem}\tstaff\t{}\n`)
        this.add('classMembers', `${school.id}\t${klass.id}\t${atsem}\tstaff\n`)
      }
    })
    const directorClass = school.classes[0]
    if (directorClass && school.classes.length >= DISCHARGE_FROM_CLASSES) {
      const complement = this.staff()
      this.add('memberships', `${school.id}\t${complement}\tteacher\t{}\n`)
      this.add('classMembers', `${school.id}\t${directorClass.id}\t${complement}\tteacher\n`)
    }
    if (random() < AESH_RATE) {
      const aesh = this.staff()
      this.add('memberships', `${school.id}\t${aesh}\tstaff\t{}\n`)
      const followed = new Set([pick(random, school.classes), pick(random, school.classes)])
      for (const klass of followed) this.add('classMembers', `${school.id}\t${klass.id}\t${aesh}\tstaff\n`)
    }
  }

  private newFamily(): Family {
    const { random } = this.options
    const lastName = pick(random, SURNAMES)
    const parents: Parent[] = [{ id: this.adult(lastName), schoolIds: [] }]
    if (random() < TWO_PARENTS_RATE) {
      const secondName = random() < SAME_SURNAME_RATE ? lastName : pick(random, SURNAMES)
      parents.push({ id: this.adult(secondName), schoolIds: [] })
    }
    this.counts.parents += parents.length
    const family = { lastName, parents }
    this.families.push(family)
    return family
  }

  private staff(): string {
    this.counts.staff++
    return this.adult(pick(this.options.random, SURNAMES))
  }

  private adult(lastName: string): string {
    return this.person(pick(this.options.random, ADULT_FIRST_NAMES), lastName, null)
  }

  /** Writes one account and returns its id. Adults get an e-mail address, children a birth date. */
  private person(firstName: string, lastName: string, birthDate: string | null): string {
    const id = this.options.newId()
    const names = this.namesOf(firstName, lastName)
    const login = this.logins.next(names.base)
    const email = birthDate === null ? `${login}@example.fr` : NULL
    this.add(
      'users',
      `${id}\t${login}\t${names.first}\t${names.last}\t${names.display}\t${email}\t${birthDate ?? NULL}${this.accountTail}`,
    )
    return id
  }

  /** Login bases and display names are computed once per (first name, surname) pair: ~10,000 of them. */
  private namesOf(firstName: string, lastName: string): Names {
    const key = `${firstName}\u0000${lastName}`
    let names = this.names.get(key)
    if (!names) {
      names = {
        base: loginBase(firstName, lastName),
        first: copyText(firstName),
        last: copyText(lastName),
        display: copyText(displayName(firstName, lastName)),
      }
      this.names.set(key, names)
    }
    return names
  }

  private birthDate(level: ClassLevel): string {
    const { random, startYear } = this.options
    const age = level === 'ULIS' ? 7 + Math.floor(random() * 4) : AGE[level]
    const month = 1 + Math.floor(random() * 12)
    const day = 1 + Math.floor(random() * 28)
    // Born in the calendar year that makes them `age` on 31 December of the year the school year starts.
    return `${startYear - age}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`
  }

  private add(table: CopyTable, line: string): void {
    this.batch.add(table, line)
  }
}
