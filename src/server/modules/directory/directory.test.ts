import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClassFamilies, DirectoryPage } from '../../../contract/directory.ts'
import { addMember, buildUser, linkFamily } from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'

describe('directory (annuaire)', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    test = await createTestApp(database)
    // Named people in school A, to search by name.
    for (const [firstName, lastName] of [
      ['Élodie', 'Lefèvre'],
      ['Éric', 'Leclercq'],
      ['Zoé', 'Lefebvre'],
      ['Hugo', 'Dubois'],
    ] as const) {
      const user = await buildUser(database.db, { firstName, lastName })
      await addMember(database.db, { schoolId: world.own.id, userId: user.id, profile: 'staff' })
    }
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  const search = async (persona: keyof World['users'], query = '') => {
    const client = await TestClient.signedInAs(test.app, world.users[persona])
    const response = await client.get(`/api/schools/${world.own.id}/directory${query}`)
    expect(response.statusCode).toBe(200)
    return response.json() as DirectoryPage
  }

  it('finds people by the start of their last or first name, accents and case aside', async () => {
    const byLast = await search('teacher', '?q=lef')
    expect(byLast.people.map((p) => p.displayName)).toEqual(['Zoé LEFEBVRE', 'Élodie LEFÈVRE'])
    const byFirst = await search('teacher', '?q=ELO')
    expect(byFirst.people.map((p) => p.displayName)).toEqual(['Élodie LEFÈVRE'])
  })

  it('searches a % or a _ as the character it is, not as a wildcard', async () => {
    const people = []
    for (const lastName of ['Ab_c', 'Abxc', 'Cent%', 'Centre']) {
      const user = await buildUser(database.db, { firstName: 'Jo', lastName })
      await addMember(database.db, { schoolId: world.own.id, userId: user.id, profile: 'staff' })
      people.push(user.id)
    }
    const [underscore, , percent] = people
    const ids = async (q: string) =>
      (await search('teacher', `?q=${encodeURIComponent(q)}`)).people.map((p) => p.id)
    expect(await ids('ab_')).toEqual([underscore])
    expect(await ids('cent%')).toEqual([percent])
    expect(await ids('%')).toEqual([])
    expect(await ids('_')).toEqual([])
  })

  it('finds a renamed person under their new name at once', async () => {
    const person = await buildUser(database.db, { firstName: 'Inès', lastName: 'Avant' })
    await addMember(database.db, { schoolId: world.own.id, userId: person.id, profile: 'staff' })
    await database.db
      .updateTable('users')
      .set({ lastName: 'Ghesquière' })
      .where('id', '=', person.id)
      .execute()
    expect((await search('teacher', '?q=avant')).people.map((p) => p.id)).not.toContain(person.id)
    expect((await search('teacher', '?q=ghesq')).people.map((p) => p.id)).toEqual([person.id])
  })

  it('finds a word inside a compound name, an apostrophe typed either way, a ligature spelt out', async () => {
    const people: Record<string, string> = {}
    for (const [firstName, lastName] of [
      ['Jean-Pierre', 'Vasseur'],
      ['Aminata', 'N’Diaye'],
      ['Lætitia', 'Œuvray'],
    ] as const) {
      const user = await buildUser(database.db, { firstName, lastName })
      await addMember(database.db, { schoolId: world.own.id, userId: user.id, profile: 'staff' })
      people[firstName] = user.id
    }
    const ids = async (q: string) =>
      (await search('teacher', `?q=${encodeURIComponent(q)}`)).people.map((p) => p.id)
    expect(await ids('pierre')).toEqual([people['Jean-Pierre']])
    expect(await ids("n'diaye")).toEqual([people.Aminata])
    expect(await ids('diaye')).toEqual([people.Aminata])
    expect(await ids('OEUVR')).toEqual([people.Lætitia])
    expect(await ids('laeti')).toEqual([people.Lætitia])
    expect(await ids('ierre')).toEqual([])
  })

  it('shows in the next search what any process changed: a member added, a class renamed, an account disabled', async () => {
    // Changed straight in the database, as an import or another server instance would.
    const found = async () => (await search('teacher', '?q=nouveau')).people
    expect(await found()).toEqual([])
    const user = await buildUser(database.db, { firstName: 'Noé', lastName: 'Nouveau' })
    await addMember(database.db, {
      schoolId: world.own.id,
      userId: user.id,
      profile: 'staff',
      classId: world.own.classId,
    })
    const klass = await database.db
      .selectFrom('classes')
      .select('name')
      .where('id', '=', world.own.classId)
      .executeTakeFirstOrThrow()
    expect(await found()).toEqual([
      {
        id: user.id,
        displayName: 'Noé NOUVEAU',
        profiles: ['staff'],
        isDirector: false,
        classes: [klass.name],
      },
    ])
    const rename = (name: string) =>
      database.db.updateTable('classes').set({ name }).where('id', '=', world.own.classId).execute()
    await rename('Les Lutins')
    try {
      expect((await found())[0]?.classes).toEqual(['Les Lutins'])
    } finally {
      await rename(klass.name)
    }
    await database.db.updateTable('users').set({ disabledAt: new Date() }).where('id', '=', user.id).execute()
    expect(await found()).toEqual([])
  })

  it('gives with the first page how many people the search finds in all, counted the same way as the pages', async () => {
    const first = await search('teacher', '?q=le&limit=1')
    const names = [...first.people]
    let after = first.nextAfter
    while (after) {
      const next = await search('teacher', `?q=le&limit=1&after=${after}`)
      expect(next.total).toBeNull()
      names.push(...next.people)
      after = next.nextAfter
    }
    expect(names.length).toBeGreaterThanOrEqual(3) // Lefèvre, Leclercq, Lefebvre at least
    expect(first.total).toEqual({ count: names.length, atLeast: false })

    const parentView = await search('parent', '?limit=1')
    const all = await search('parent', '?limit=100')
    expect(parentView.total).toEqual({ count: all.people.length, atLeast: false })
  })

  it('shows a parent only whom they may reach', async () => {
    const page = await search('parent', '?limit=100')
    const ids = page.people.map((p) => p.id)
    expect(ids).toContain(world.own.pupilId) // their child
    expect(ids).toContain(world.own.teacherId) // the child's teacher
    expect(ids).toContain(world.own.directorId)
    expect(ids).not.toContain(world.own.otherClassPupilId)
    expect(ids).not.toContain(world.users.parent)
    for (const person of page.people) expect(person.profiles).not.toContain('parent')
  })

  it('pages by keyset without repeating or skipping anyone', async () => {
    const all = await search('teacher', '?limit=100')
    const seen: string[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const page: DirectoryPage = await search('teacher', `?limit=3${cursor ? `&after=${cursor}` : ''}`)
      seen.push(...page.people.map((p) => p.id))
      cursor = page.nextAfter
    }
    expect(seen).toEqual(all.people.map((p) => p.id))
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('filters by profile and says who directs the school', async () => {
    const teachers = await search('parent', '?profile=teacher')
    expect(teachers.people.every((p) => p.profiles.includes('teacher'))).toBe(true)
    expect(teachers.people.find((p) => p.id === world.own.directorId)?.isDirector).toBe(true)
  })

  it('lists a teacher’s class groups, and whole-school groups only to the direction', async () => {
    const asTeacher = await (await TestClient.signedInAs(test.app, world.users.teacher)).get(
      `/api/schools/${world.own.id}/directory/groups`,
    )
    const teacherGroups = asTeacher.json().groups.map((g: { id: string }) => g.id)
    expect(teacherGroups).toContain(`class:${world.own.classId}:parent`)
    expect(teacherGroups).not.toContain(`class:${world.own.otherClassId}:parent`)
    expect(teacherGroups).not.toContain('school:parent')
    const asDirector = await (await TestClient.signedInAs(test.app, world.users.director)).get(
      `/api/schools/${world.own.id}/directory/groups`,
    )
    const directorGroups = asDirector.json().groups as { id: string; size: number }[]
    expect(directorGroups.find((g) => g.id === 'school:parent')?.size).toBe(1)
    expect(directorGroups.find((g) => g.id === `class:${world.own.classId}:pupil`)?.size).toBe(1)
  })

  it('gives the class teacher each pupil with their parents, and audits the director’s reading', async () => {
    const second = await buildUser(database.db, { firstName: 'Second', lastName: 'Parent' })
    await addMember(database.db, { schoolId: world.own.id, userId: second.id, profile: 'parent' })
    await linkFamily(database.db, { schoolId: world.own.id, pupilId: world.own.pupilId, parentId: second.id })
    const url = `/api/schools/${world.own.id}/classes/${world.own.classId}/families`
    const teacher = await TestClient.signedInAs(test.app, world.users.teacher)
    const families = (await teacher.get(url)).json() as ClassFamilies
    expect(families.pupils).toHaveLength(1)
    expect(families.pupils[0]!.parents.map((p) => p.id).sort()).toEqual(
      [world.own.parentId, second.id].sort(),
    )

    const otherClass = await teacher.get(
      `/api/schools/${world.own.id}/classes/${world.own.otherClassId}/families`,
    )
    expect(otherClass.statusCode).toBe(404)

    const director = await TestClient.signedInAs(test.app, world.users.director)
    expect((await director.get(url)).statusCode).toBe(200)
    const trail = (await director.get(`/api/schools/${world.own.id}/audit`)).json()
    expect(trail.entries[0]).toMatchObject({
      action: 'read:class-families',
      actor: { id: world.users.director },
      target: { type: 'class', id: world.own.classId, name: 'CE1 A' },
    })
  })
})

describe('communication rules API', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    test = await createTestApp(database)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  it('lets the director open two classes to each other, which the directory then reflects', async () => {
    const director = await TestClient.signedInAs(test.app, world.users.director)
    const pupil = await TestClient.signedInAs(test.app, world.users.pupil)
    const directory = `/api/schools/${world.own.id}/directory?limit=100`
    const before = (await pupil.get(directory)).json() as DirectoryPage
    expect(before.people.map((p) => p.id)).not.toContain(world.own.otherClassPupilId)
    const created = await director.post(`/api/schools/${world.own.id}/communication-rules`, {
      source: { kind: 'class', classId: world.own.classId, profile: 'pupil' },
      target: { kind: 'class', classId: world.own.otherClassId, profile: 'pupil' },
      effect: 'allow',
      bothWays: true,
      note: 'Projet jardin CE1-CM2',
    })
    expect(created.statusCode).toBe(201)
    const after = (await pupil.get(directory)).json() as DirectoryPage
    expect(after.people.map((p) => p.id)).toContain(world.own.otherClassPupilId)
    const listed = (await director.get(`/api/schools/${world.own.id}/communication-rules`)).json()
    expect(listed.rules).toHaveLength(1)
    expect(listed.allowedActions).toEqual(['communication.manageRules'])
    const removed = await director.delete(
      `/api/schools/${world.own.id}/communication-rules/${created.json().id}`,
    )
    expect(removed.statusCode).toBe(204)
  })

  it('warns when a rule lets parents reach children of other families, and not otherwise', async () => {
    const director = await TestClient.signedInAs(test.app, world.users.director)
    const rules = `/api/schools/${world.own.id}/communication-rules`
    const risky = await director.post(rules, {
      source: { kind: 'class', classId: world.own.classId, profile: 'parent' },
      target: { kind: 'class', classId: world.own.otherClassId, profile: 'pupil' },
      effect: 'allow',
    })
    expect(risky.statusCode).toBe(201)
    expect(risky.json().warnings).toEqual([
      {
        code: 'parents-reach-other-children',
        detail:
          'Avec cette règle, des parents pourront voir dans l’annuaire et écrire à des élèves qui ne sont ' +
          'pas leurs enfants.',
      },
    ])
    // A whole class on the source side is its members, not its pupils' parents: no warning.
    const plain = await director.post(rules, {
      source: { kind: 'class', classId: world.own.classId },
      target: { kind: 'class', classId: world.own.otherClassId, profile: 'pupil' },
      effect: 'allow',
    })
    expect(plain.json().warnings).toEqual([])
    for (const created of [risky, plain]) await director.delete(`${rules}/${created.json().id}`)
  })

  it('refuses an audience naming another school’s class, and saves nothing', async () => {
    const director = await TestClient.signedInAs(test.app, world.users.director)
    const response = await director.post(`/api/schools/${world.own.id}/communication-rules`, {
      source: { kind: 'class', classId: world.other.classId },
      target: { kind: 'profile', profile: 'parent' },
      effect: 'allow',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().detail).toBe('Cette classe n’existe pas dans l’école.')
    const listed = (await director.get(`/api/schools/${world.own.id}/communication-rules`)).json()
    expect(listed.rules).toEqual([])
  })

  it('refuses a malformed audience with a French message', async () => {
    const director = await TestClient.signedInAs(test.app, world.users.director)
    const response = await director.post(`/api/schools/${world.own.id}/communication-rules`, {
      source: { kind: 'everyone' },
      target: { kind: 'profile', profile: 'parent' },
      effect: 'maybe',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.source.kind',
      'body.effect',
    ])
  })

  it('applies a director’s new rule and a removed family link to the next search of a session already open', async () => {
    const parent = await TestClient.signedInAs(test.app, world.users.parent)
    const director = await TestClient.signedInAs(test.app, world.users.director)
    const found = async () =>
      (
        (await parent.get(`/api/schools/${world.own.id}/directory?limit=100`)).json() as DirectoryPage
      ).people.map((p) => p.id)
    // The first search computes the parent's reach and keeps it for the session.
    expect(await found()).toEqual(expect.arrayContaining([world.users.staff, world.users.pupil]))
    const rule = await director.post(`/api/schools/${world.own.id}/communication-rules`, {
      source: { kind: 'profile', profile: 'parent' },
      target: { kind: 'profile', profile: 'staff' },
      effect: 'deny',
      bothWays: false,
    })
    expect(rule.statusCode).toBe(201)
    expect(await found()).not.toContain(world.users.staff)
    const ruleId = (rule.json() as { id: string }).id
    expect(
      (await director.delete(`/api/schools/${world.own.id}/communication-rules/${ruleId}`)).statusCode,
    ).toBe(204)
    expect(await found()).toContain(world.users.staff)

    const link = `/api/schools/${world.own.id}/users/${world.users.pupil}/parents/${world.users.parent}`
    expect((await director.delete(link)).statusCode).toBe(204)
    expect(await found()).not.toContain(world.users.pupil)
    expect((await director.put(link)).statusCode).toBe(204)
    expect(await found()).toContain(world.users.pupil)
  })
})
