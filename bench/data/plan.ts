import { luhnCheckDigit, uaiCheckLetter } from '../../src/contract/codes.ts'
import type { ClassLevel, SchoolKind } from '../../src/contract/structures.ts'
import { pick, seededRandom } from '../../src/server/demo/names.ts'
import {
  COMMUNE_ROOTS,
  COMMUNE_SUFFIXES,
  DEPARTMENTS,
  type Department,
  EPCI_PATTERNS,
  SCHOOL_PATRONS,
} from './places.ts'
import { createUuidV7Generator } from './uuid.ts'

/**
 * The structures of a generated deployment — collectivities, schools, classes with their pupil counts —
 * decided before any person is generated. At region scale that is ~2,000 collectivities, 5,000 schools and
 * 27,000 classes: small enough to hold in memory, unlike the 1.5 million accounts streamed later.
 */
export const PUPILS_PER_SCHOOL = 120
const PUPILS_PER_CLASS = 22
/** A school has 1 to this many classes. */
const MAX_CLASSES_PER_SCHOOL = 20
/** Schools per circonscription (an IEN and a CPC each). */
const SCHOOLS_PER_CIRCONSCRIPTION = 40
/** Beyond this, a department would run out of 4-digit UAI numbers (10,000 schools at 43 % of the total). */
export const MAX_PUPILS = 2_000_000

export type ClassPlan = { id: string; name: string; levels: ClassLevel[]; pupils: number }

export type SchoolPlan = {
  id: string
  uai: string
  name: string
  kind: SchoolKind
  inseeCode: string
  circonscription: string
  rpi: string | null
  classes: ClassPlan[]
}

export type CollectivityPlan = {
  id: string
  kind: 'commune' | 'epci'
  name: string
  siren: string
  inseeCode: string | null
  communeCodes: string[]
  population: number
  schools: SchoolPlan[]
}

export type CirconscriptionPlan = { name: string; schoolIds: string[] }

export type DeploymentPlan = {
  pupils: number
  collectivities: CollectivityPlan[]
  circonscriptions: CirconscriptionPlan[]
  schoolCount: number
  classCount: number
}

// Relative frequency of 1, 2 … 20 classes in a school: typically 4 to 8, a long tail of small rural schools
// and a few big urban ones; the mean (≈ 5.5) gives ~22 pupils per class at 120 pupils per school.
const CLASS_COUNT_WEIGHTS = [
  10, 12, 12, 12, 11, 10, 8, 6, 4, 3, 2.4, 1.8, 1.3, 1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2,
]
const MATERNELLE_LEVELS: ClassLevel[] = ['PS', 'MS', 'GS']
const ELEMENTAIRE_LEVELS: ClassLevel[] = ['CP', 'CE1', 'CE2', 'CM1', 'CM2']
const KIND_LABELS: Record<SchoolKind, string> = {
  maternelle: 'maternelle',
  elementaire: 'élémentaire',
  primaire: 'primaire',
}
/** An ULIS class (pupils with disabilities, part-time in other classes) counts about half a class. */
const ULIS_WEIGHT = 0.55

/** Plans the structures of a deployment of `pupils` pupils; the same `random` sequence gives the same plan. */
export function buildPlan(pupils: number, random: () => number, newId: () => string): DeploymentPlan {
  const schoolCount = Math.max(1, Math.round(pupils / PUPILS_PER_SCHOOL))
  const classCount = clamp(
    Math.round(pupils / PUPILS_PER_CLASS),
    schoolCount,
    Math.min(MAX_CLASSES_PER_SCHOOL * schoolCount, pupils),
  )
  const classCounts = drawClassCounts(schoolCount, classCount, random)
  const collectivities: CollectivityPlan[] = []
  const circonscriptions = new Map<string, CirconscriptionPlan[]>()
  const numbering = { communes: new Map<string, number>(), epcis: 0, schools: new Map<string, number>() }
  const countersOf = (map: Map<string, number>, key: string) => {
    const next = (map.get(key) ?? 0) + 1
    map.set(key, next)
    return next
  }

  let schoolIndex = 0
  while (schoolIndex < schoolCount) {
    const department = pickDepartment(random)
    const isEpci = random() < 0.08
    const size = Math.min(
      isEpci ? 2 + Math.floor(random() * 7) : drawCommuneSize(random),
      schoolCount - schoolIndex,
    )
    const root = pick(random, COMMUNE_ROOTS)
    const communeCount = isEpci ? Math.min(Math.max(size, 2), 2 + Math.floor(random() * 4)) : 1
    const communeCodes = Array.from({ length: communeCount }, () => {
      const n = countersOf(numbering.communes, department.code)
      return `${department.code}${String(((n - 1) % 999) + 1).padStart(3, '0')}`
    })
    const collectivity: CollectivityPlan = {
      id: newId(),
      kind: isEpci ? 'epci' : 'commune',
      name: isEpci
        ? `${pick(random, EPCI_PATTERNS)} ${root}`
        : `Commune de ${root}${pick(random, COMMUNE_SUFFIXES)}`,
      siren: isEpci
        ? withLuhn(`24${String(++numbering.epcis).padStart(6, '0')}`)
        : withLuhn(`21${department.code}${String(numbering.communes.get(department.code)).padStart(4, '0')}`),
      inseeCode: isEpci ? null : (communeCodes[0] ?? null),
      communeCodes,
      population: 0,
      schools: [],
    }
    for (let i = 0; i < size; i++, schoolIndex++) {
      const classes = classCounts[schoolIndex] ?? 1
      const kind = drawSchoolKind(classes, random)
      const seven = `0${department.code}${String(countersOf(numbering.schools, department.code)).padStart(4, '0')}`
      const school: SchoolPlan = {
        id: newId(),
        uai: seven + uaiCheckLetter(seven),
        name: `École ${KIND_LABELS[kind]} ${pick(random, SCHOOL_PATRONS)}`,
        kind,
        inseeCode: communeCodes[i % communeCodes.length] ?? department.code.padEnd(5, '0'),
        circonscription: '',
        rpi: isEpci && classes <= 2 ? `RPI ${root}` : null,
        classes: planClasses(kind, classes, random).map((levels) => ({
          id: '',
          name: '',
          levels,
          pupils: 0,
        })),
      }
      nameClasses(school.classes)
      for (const klass of school.classes) klass.id = newId()
      school.circonscription = joinCirconscription(circonscriptions, department, school.id)
      collectivity.schools.push(school)
    }
    collectivities.push(collectivity)
  }

  sizeClasses(collectivities, pupils, random)
  for (const collectivity of collectivities) {
    const pupilsThere = collectivity.schools.reduce(
      (sum, school) => sum + school.classes.reduce((n, klass) => n + klass.pupils, 0),
      0,
    )
    // Primary pupils are roughly 8 % of a French commune's inhabitants.
    collectivity.population = Math.round(pupilsThere * (11 + random() * 3))
  }
  return {
    pupils,
    collectivities,
    circonscriptions: [...circonscriptions.values()].flat(),
    schoolCount,
    classCount,
  }
}

/**
 * The plan `preau bench data --pupils <pupils> --seed <seed>` loads, built alone: the generator draws it
 * first from its seeded sequence, so the schools (UAI, name, kind, classes and their pupil counts) come out
 * the same without generating anyone. Also returns the sequence, to keep drawing from it deterministically.
 * Ids are fresh: they never were part of the determinism promise.
 */
export function planOf(pupils: number, seed: number): { plan: DeploymentPlan; random: () => number } {
  const random = seededRandom(seed)
  return { plan: buildPlan(pupils, random, createUuidV7Generator()), random }
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max)
const withLuhn = (eight: string) => eight + luhnCheckDigit(eight)

/** Draws a class count per school, then nudges random schools until the counts add up to `total`. */
function drawClassCounts(schools: number, total: number, random: () => number): number[] {
  const weightSum = CLASS_COUNT_WEIGHTS.reduce((a, b) => a + b, 0)
  const counts = Array.from({ length: schools }, () => {
    let r = random() * weightSum
    for (let k = 0; k < CLASS_COUNT_WEIGHTS.length; k++) {
      r -= CLASS_COUNT_WEIGHTS[k] ?? 0
      if (r < 0) return k + 1
    }
    return MAX_CLASSES_PER_SCHOOL
  })
  let missing = total - counts.reduce((a, b) => a + b, 0)
  while (missing !== 0) {
    const i = Math.floor(random() * schools)
    const count = counts[i] ?? 1
    if (missing > 0 && count < MAX_CLASSES_PER_SCHOOL) {
      counts[i] = count + 1
      missing--
    } else if (missing < 0 && count > 1) {
      counts[i] = count - 1
      missing++
    }
  }
  return counts
}

function pickDepartment(random: () => number): Department {
  let r = random()
  for (const department of DEPARTMENTS) {
    r -= department.share
    if (r < 0) return department
  }
  return DEPARTMENTS[0]
}

/** Schools of one commune: most have one, towns a few, cities dozens (≈ 2.5 on average). */
function drawCommuneSize(random: () => number): number {
  const r = random()
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  if (r < 0.6) return 1
  if (r < 0.8) return 2
  if (r < 0.91) return between(3, 4)
  if (r < 0.975) return between(5, 9)
  if (r < 0.997) return between(10, 30)
  return between(31, 110)
}

/** Small schools are mostly rural primaires; bigger ones split into maternelle and élémentaire. */
function drawSchoolKind(classes: number, random: () => number): SchoolKind {
  const r = random()
  if (classes <= 2) return r < 0.7 ? 'primaire' : r < 0.85 ? 'maternelle' : 'elementaire'
  if (classes <= 4) return r < 0.45 ? 'primaire' : r < 0.7 ? 'maternelle' : 'elementaire'
  return r < 0.3 ? 'maternelle' : r < 0.75 ? 'elementaire' : 'primaire'
}

/**
 * The levels of each class of a school: with fewer classes than levels, contiguous multi-level classes
 * (a one-class primaire is a "classe unique" from PS to CM2); with more, several classes per level.
 * Some maternelles take TPS pupils; some bigger élémentaires and primaires have an ULIS class.
 */
function planClasses(kind: SchoolKind, count: number, random: () => number): ClassLevel[][] {
  const levels =
    kind === 'maternelle'
      ? MATERNELLE_LEVELS
      : kind === 'elementaire'
        ? ELEMENTAIRE_LEVELS
        : [...MATERNELLE_LEVELS, ...ELEMENTAIRE_LEVELS]
  const hasUlis = kind !== 'maternelle' && count >= 6 && random() < 0.25
  const regular = hasUlis ? count - 1 : count
  const groups: ClassLevel[][] = []
  if (regular <= levels.length) {
    let start = 0
    for (let i = 0; i < regular; i++) {
      const end = Math.round(((i + 1) * levels.length) / regular)
      groups.push(levels.slice(start, end))
      start = end
    }
  } else {
    const perLevel = Math.floor(regular / levels.length)
    const shuffled = [...levels]
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
    }
    const withExtra = new Set(shuffled.slice(0, regular % levels.length))
    for (const level of levels) {
      for (let i = 0; i < perLevel + (withExtra.has(level) ? 1 : 0); i++) groups.push([level])
    }
  }
  if (kind !== 'elementaire' && random() < 0.15) groups[0] = ['TPS', ...(groups[0] ?? [])]
  if (hasUlis) groups.push(['ULIS'])
  return groups
}

/** "CE2-CM1" for a multi-level class, "CP A", "CP B" when a level has several: unique within the school. */
function nameClasses(classes: ClassPlan[]): void {
  const labels = classes.map((klass) => klass.levels.join('-'))
  const seen = new Map<string, number>()
  classes.forEach((klass, i) => {
    const label = labels[i] ?? ''
    const total = labels.filter((other) => other === label).length
    const rank = (seen.get(label) ?? 0) + 1
    seen.set(label, rank)
    klass.name = total > 1 ? `${label} ${String.fromCharCode(64 + rank)}` : label
  })
}

/** Schools join the open circonscription of their department until it holds its share, then a new one. */
function joinCirconscription(
  circonscriptions: Map<string, CirconscriptionPlan[]>,
  department: Department,
  schoolId: string,
): string {
  const ofDepartment = circonscriptions.get(department.code) ?? []
  circonscriptions.set(department.code, ofDepartment)
  let open = ofDepartment.at(-1)
  if (!open || open.schoolIds.length >= SCHOOLS_PER_CIRCONSCRIPTION) {
    open = { name: `Circonscription ${department.name} ${ofDepartment.length + 1}`, schoolIds: [] }
    ofDepartment.push(open)
  }
  open.schoolIds.push(schoolId)
  return open.name
}

/**
 * Shares exactly `pupils` among all classes in proportion to their weight (an ULIS class is smaller), with
 * a few pupils more or less here and there: class i ends where the cumulative target plus a jitter ends.
 */
function sizeClasses(collectivities: CollectivityPlan[], pupils: number, random: () => number): void {
  const classes = collectivities.flatMap((c) => c.schools.flatMap((s) => s.classes))
  const weightOf = (klass: ClassPlan) => (klass.levels[0] === 'ULIS' ? ULIS_WEIGHT : 1)
  const totalWeight = classes.reduce((sum, klass) => sum + weightOf(klass), 0)
  const jitter = Math.min(3, Math.floor(pupils / classes.length / 5))
  let cumulativeWeight = 0
  let previousEnd = 0
  classes.forEach((klass, i) => {
    cumulativeWeight += weightOf(klass)
    const isLast = i === classes.length - 1
    const target = Math.round((pupils * cumulativeWeight) / totalWeight)
    const jittered = target + Math.round((random() * 2 - 1) * jitter)
    const end = isLast ? pupils : clamp(jittered, previousEnd, pupils)
    klass.pupils = end - previousEnd
    previousEnd = end
  })
}
