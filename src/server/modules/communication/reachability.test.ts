import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Audience, CommunicationRuleBody } from '../../../contract/communication.ts'
import type { Db } from '../../db/connection.ts'
import { loadActor } from '../../plugins/auth/session-store.ts'
import {
  addMember,
  buildClass,
  buildCollectivity,
  buildSchool,
  buildUser,
  linkFamily,
} from '../../testing/factories.ts'
import { openSchoolScopeForTest } from '../../testing/school-scope.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { insertRule } from './queries.ts'
import { canCommunicate, listReachableIds } from './service.ts'

/**
 * The communication rules, checked as properties over randomly shaped schools written to PostgreSQL:
 * whatever the classes, families and staff, the defaults hold and the director's rules do what they say.
 */
type SchoolShape = {
  classes: { pupils: number; teachers: number }[]
  /** For each family: the pupils (class index, pupil index) and the number of parents. */
  families: { children: [number, number][]; parents: number }[]
  staff: number
  agents: number
}

const shapes: fc.Arbitrary<SchoolShape> = fc
  .array(fc.record({ pupils: fc.integer({ min: 1, max: 4 }), teachers: fc.integer({ min: 1, max: 2 }) }), {
    minLength: 1,
    maxLength: 3,
  })
  .chain((classes) => {
    const pupilRefs = classes.flatMap((c, ci) =>
      Array.from({ length: c.pupils }, (_, pi) => [ci, pi] as [number, number]),
    )
    return fc.record({
      classes: fc.constant(classes),
      // Families split the pupils: siblings share their parents, possibly across classes.
      families: fc
        .shuffledSubarray(pupilRefs, { minLength: pupilRefs.length, maxLength: pupilRefs.length })
        .chain((order) =>
          fc
            .array(fc.integer({ min: 1, max: 2 }), { minLength: order.length, maxLength: order.length })
            .map((sizes) => {
              const families: SchoolShape['families'] = []
              let i = 0
              while (i < order.length) {
                const take = Math.min(sizes[i] ?? 1, order.length - i)
                families.push({ children: order.slice(i, i + take), parents: ((sizes[i] ?? 1) % 2) + 1 })
                i += take
              }
              return families
            }),
        ),
      staff: fc.integer({ min: 0, max: 2 }),
      agents: fc.integer({ min: 0, max: 1 }),
    })
  })

type BuiltSchool = {
  schoolId: string
  classIds: string[]
  pupils: string[][]
  teachers: string[][]
  director: string
  staff: string[]
  agents: string[]
  parents: { id: string; children: string[] }[]
}

async function buildShapedSchool(db: Db, shape: SchoolShape): Promise<BuiltSchool> {
  const collectivity = await buildCollectivity(db)
  const schoolId = (await buildSchool(db, { collectivityId: collectivity.id })).id
  const member = async (
    profile: 'pupil' | 'parent' | 'teacher' | 'staff' | 'collectivity_agent',
    classId?: string,
    director = false,
  ) => {
    const user = await buildUser(db)
    await addMember(db, { schoolId, userId: user.id, profile, classId, director })
    return user.id
  }
  const classIds: string[] = []
  const pupils: string[][] = []
  const teachers: string[][] = []
  for (const klass of shape.classes) {
    const classId = (await buildClass(db, { schoolId })).id
    classIds.push(classId)
    pupils.push(await Promise.all(Array.from({ length: klass.pupils }, () => member('pupil', classId))))
    teachers.push(await Promise.all(Array.from({ length: klass.teachers }, () => member('teacher', classId))))
  }
  const director = await member('teacher', undefined, true)
  const staff = await Promise.all(Array.from({ length: shape.staff }, () => member('staff')))
  const agents = await Promise.all(Array.from({ length: shape.agents }, () => member('collectivity_agent')))
  const parents: BuiltSchool['parents'] = []
  for (const family of shape.families) {
    const children = family.children.map(([ci, pi]) => pupils[ci]![pi]!)
    for (let p = 0; p < family.parents; p++) {
      const id = await member('parent')
      for (const pupilId of children) await linkFamily(db, { schoolId, pupilId, parentId: id })
      parents.push({ id, children })
    }
  }
  return { schoolId, classIds, pupils, teachers, director, staff, agents, parents }
}

describe('communication rules', () => {
  let database: TestDatabase
  let db: Db
  beforeAll(async () => {
    database = await createTestDatabase()
    db = database.db
  })
  afterAll(async () => {
    await database.drop()
  })

  const reach = async (school: BuiltSchool, userId: string) => {
    const actor = (await loadActor(db, userId))!
    return new Set(await listReachableIds(openSchoolScopeForTest(db, school.schoolId), actor))
  }
  const runs = { numRuns: 12 }

  it('without a rule, a parent reaches their children, their teachers, staff and direction — never another family', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const school = await buildShapedSchool(db, shape)
        for (const parent of school.parents) {
          const reached = await reach(school, parent.id)
          // Not even the other parent of their own child: "never other parents".
          for (const other of school.parents)
            if (other.id !== parent.id) expect(reached.has(other.id)).toBe(false)
          for (const pupil of school.pupils.flat())
            expect(reached.has(pupil)).toBe(parent.children.includes(pupil))
          const childClasses = school.classIds
            .map((_, ci) => ci)
            .filter((ci) => school.pupils[ci]!.some((p) => parent.children.includes(p)))
          for (const ci of childClasses)
            for (const teacher of school.teachers[ci]!) expect(reached.has(teacher)).toBe(true)
          for (const person of [school.director, ...school.staff]) expect(reached.has(person)).toBe(true)
          for (const agent of school.agents) expect(reached.has(agent)).toBe(false)
        }
      }),
      runs,
    )
  })

  it('without a rule, a pupil reaches their class (pupils and teachers), staff and direction — no parent, no other class', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const school = await buildShapedSchool(db, shape)
        for (const [ci, classPupils] of school.pupils.entries()) {
          for (const pupil of classPupils) {
            const reached = await reach(school, pupil)
            for (const [cj, others] of school.pupils.entries()) {
              for (const other of others) if (other !== pupil) expect(reached.has(other)).toBe(ci === cj)
              for (const teacher of school.teachers[cj]!) expect(reached.has(teacher)).toBe(ci === cj)
            }
            for (const parent of school.parents) expect(reached.has(parent.id)).toBe(false)
            for (const person of [school.director, ...school.staff]) expect(reached.has(person)).toBe(true)
          }
        }
      }),
      runs,
    )
  })

  it('a teacher reaches everyone in the school but themself, and no one of another school', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, shapes, async (shapeA, shapeB) => {
        const school = await buildShapedSchool(db, shapeA)
        const other = await buildShapedSchool(db, shapeB)
        const everyone = (s: BuiltSchool) => [
          ...s.pupils.flat(),
          ...s.teachers.flat(),
          s.director,
          ...s.staff,
          ...s.agents,
          ...s.parents.map((p) => p.id),
        ]
        const teacher = school.teachers[0]![0]!
        const reached = await reach(school, teacher)
        expect([...reached].sort()).toEqual(
          everyone(school)
            .filter((id) => id !== teacher)
            .sort(),
        )
        for (const stranger of everyone(other)) expect(reached.has(stranger)).toBe(false)
      }),
      runs,
    )
  })

  it('a collectivity agent reaches the staff and direction only', async () => {
    const school = await buildShapedSchool(db, {
      classes: [{ pupils: 2, teachers: 1 }],
      families: [{ children: [[0, 0]], parents: 1 }],
      staff: 1,
      agents: 1,
    })
    const reached = await reach(school, school.agents[0]!)
    expect([...reached].sort()).toEqual([school.director, ...school.staff].sort())
  })

  /**
   * The audiences of the rules form when parents are not chosen: a profile of the school other than
   * parents, or a class — all of it, or its pupils, teachers or staff. Classes are taken by index.
   */
  const audienceWithoutParents: fc.Arbitrary<(classIds: string[]) => Audience> = fc.oneof(
    fc
      .constantFrom('pupil', 'teacher', 'staff', 'collectivity_agent', 'academic', 'guest' as const)
      .map((profile) => () => ({ kind: 'profile', profile }) as Audience),
    fc
      .record({
        index: fc.nat(),
        profile: fc.constantFrom(undefined, 'pupil', 'teacher', 'staff' as const),
      })
      .map(
        ({ index, profile }) =>
          (classIds: string[]) =>
            ({
              kind: 'class',
              classId: classIds[index % classIds.length]!,
              ...(profile ? { profile } : {}),
            }) as Audience,
      ),
  )
  const rulesWithoutParents = fc.array(
    fc.record({
      source: audienceWithoutParents,
      target: audienceWithoutParents,
      effect: fc.constantFrom('allow', 'deny' as const),
      bothWays: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  )

  it('whatever rules the form builds without choosing parents, a parent never reaches another family’s child', async () => {
    // The case that opened the question: "everyone in class 1 may write to the pupils of class 2".
    const classToPupils = [
      {
        source: (classIds: string[]) => ({ kind: 'class', classId: classIds[0]! }) as Audience,
        target: (classIds: string[]) =>
          ({ kind: 'class', classId: classIds[1 % classIds.length]!, profile: 'pupil' }) as Audience,
        effect: 'allow' as const,
        bothWays: false,
      },
    ]
    await fc.assert(
      fc.asyncProperty(shapes, rulesWithoutParents, async (shape, drafts) => {
        const school = await buildShapedSchool(db, shape)
        const scope = openSchoolScopeForTest(db, school.schoolId)
        for (const draft of drafts) {
          const rule: CommunicationRuleBody = {
            source: draft.source(school.classIds),
            target: draft.target(school.classIds),
            effect: draft.effect,
            bothWays: draft.bothWays,
          }
          await insertRule(scope, rule, school.director)
        }
        for (const parent of school.parents) {
          const reached = await reach(school, parent.id)
          for (const pupil of school.pupils.flat())
            if (!parent.children.includes(pupil)) expect(reached.has(pupil)).toBe(false)
        }
      }),
      {
        ...runs,
        examples: [
          [
            {
              classes: [
                { pupils: 2, teachers: 1 },
                { pupils: 2, teachers: 1 },
              ],
              families: [
                { children: [[0, 0]], parents: 1 },
                { children: [[1, 0]], parents: 1 },
                {
                  children: [
                    [0, 1],
                    [1, 1],
                  ],
                  parents: 2,
                },
              ],
              staff: 0,
              agents: 0,
            },
            classToPupils,
          ],
        ],
      },
    )
  })

  it('a director’s allow rule opens an inter-class project both ways, and a deny rule wins over the defaults', async () => {
    await fc.assert(
      fc.asyncProperty(
        shapes.filter((s) => s.classes.length >= 2 && s.staff >= 1),
        async (shape) => {
          const school = await buildShapedSchool(db, shape)
          const scope = openSchoolScopeForTest(db, school.schoolId)
          const classAudience = (ci: number): Audience => ({
            kind: 'class',
            classId: school.classIds[ci]!,
            profile: 'pupil',
          })
          await insertRule(
            scope,
            { source: classAudience(0), target: classAudience(1), effect: 'allow', bothWays: true },
            school.director,
          )
          await insertRule(
            scope,
            {
              source: { kind: 'profile', profile: 'parent' },
              target: { kind: 'profile', profile: 'staff' },
              effect: 'deny',
              bothWays: false,
            },
            school.director,
          )
          const pupilA = school.pupils[0]![0]!
          const pupilB = school.pupils[1]![0]!
          expect((await reach(school, pupilA)).has(pupilB)).toBe(true)
          expect((await reach(school, pupilB)).has(pupilA)).toBe(true)
          for (const parent of school.parents) {
            const reached = await reach(school, parent.id)
            for (const staff of school.staff) expect(reached.has(staff)).toBe(false)
            expect(reached.has(school.director)).toBe(true)
          }
          const actor = (await loadActor(db, school.parents[0]!.id))!
          expect(await canCommunicate(scope, actor, school.staff[0]!)).toBe(false)
          expect(await canCommunicate(scope, actor, school.director)).toBe(true)
        },
      ),
      { numRuns: 6 },
    )
  })
})
