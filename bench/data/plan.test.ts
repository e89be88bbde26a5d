import { describe, expect, it } from 'vitest'
import { isValidUai } from '../../src/contract/codes.ts'
import { seededRandom } from '../../src/server/demo/names.ts'
import { firstFreeLogin } from '../../src/server/modules/identity/logins.ts'
import { LoginAllocator } from './people.ts'
import { buildPlan } from './plan.ts'

let nextId = 0
const sequentialId = () => `id-${++nextId}`

describe('buildPlan at region scale', () => {
  const plan = buildPlan(600_000, seededRandom(1), sequentialId)
  const schools = plan.collectivities.flatMap((c) => c.schools)
  const classes = schools.flatMap((s) => s.classes)

  it('has 5,000 schools of 1 to 20 classes, most of them 4 to 8, and ~22 pupils per class', () => {
    expect(schools).toHaveLength(5_000)
    expect(classes).toHaveLength(Math.round(600_000 / 22))
    const counts = schools.map((s) => s.classes.length)
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1)
    expect(Math.max(...counts)).toBeLessThanOrEqual(20)
    const sorted = [...counts].sort((a, b) => a - b)
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThanOrEqual(4)
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(8)
    expect(classes.reduce((sum, c) => sum + c.pupils, 0)).toBe(600_000)
    for (const klass of classes) expect(klass.pupils).toBeGreaterThan(0)
  })

  it('has one collectivity per 2 to 3 schools, communes and some EPCI', () => {
    const ratio = schools.length / plan.collectivities.length
    expect(ratio).toBeGreaterThan(2)
    expect(ratio).toBeLessThan(3)
    const epcis = plan.collectivities.filter((c) => c.kind === 'epci')
    expect(epcis.length).toBeGreaterThan(0)
    expect(epcis.length).toBeLessThan(plan.collectivities.length / 5)
  })

  it('gives every school a distinct valid UAI and every kind of school its levels', () => {
    expect(new Set(schools.map((s) => s.uai)).size).toBe(schools.length)
    for (const school of schools) expect(isValidUai(school.uai)).toBe(true)
    const levelsOf = (kind: string) =>
      new Set(schools.filter((s) => s.kind === kind).flatMap((s) => s.classes.flatMap((c) => c.levels)))
    expect([...levelsOf('maternelle')].sort()).toEqual(['GS', 'MS', 'PS', 'TPS'])
    expect(levelsOf('elementaire').has('PS')).toBe(false)
    expect(levelsOf('primaire').has('CM2') && levelsOf('primaire').has('PS')).toBe(true)
    expect(classes.some((c) => c.levels.length > 1)).toBe(true)
    for (const school of schools) {
      expect(new Set(school.classes.map((c) => c.name)).size).toBe(school.classes.length)
    }
  })
})

describe('LoginAllocator', () => {
  it('hands out the logins firstFreeLogin would, one after the other', () => {
    const random = seededRandom(3)
    const bases = Array.from(
      { length: 2_000 },
      () => `${['lea', 'leo', 'jules'][Math.floor(random() * 3)]}.martin`,
    )
    const taken = new Set<string>()
    const allocator = new LoginAllocator()
    for (const base of bases) {
      const expected = firstFreeLogin(base, (login) => taken.has(login))
      taken.add(expected)
      expect(allocator.next(base)).toBe(expected)
    }
  })
})
