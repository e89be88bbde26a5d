import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalResponse, SchoolResponse } from '../../../contract/portal.ts'
import { addMember, buildClass, buildUser, linkFamily } from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type Persona, type World } from '../../testing/world.ts'

describe('portal', () => {
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

  const portalOf = async (persona: Persona) =>
    (
      await (await TestClient.signedInAs(test.app, world.users[persona])).get('/api/portal')
    ).json() as PortalResponse
  const appIds = (portal: PortalResponse) => portal.apps.map((app) => app.id)

  it('lists the apps of each profile, and only those', async () => {
    const parent = appIds(await portalOf('parent'))
    expect(parent).toEqual(
      expect.arrayContaining(['schools', 'messaging', 'notebook', 'homework', 'photos', 'my-data']),
    )
    expect(parent).not.toEqual(expect.arrayContaining(['school-admin']))
    expect(parent).not.toContain('governance')
    expect(parent).not.toContain('resources')

    const director = appIds(await portalOf('director'))
    expect(director).toContain('school-admin')
    expect(director).toContain('statistics')

    const pupil = appIds(await portalOf('pupil'))
    expect(pupil).toContain('resources')
    expect(pupil).not.toContain('statistics')
    expect(pupil).not.toContain('contributions')

    const syndicate = appIds(await portalOf('syndicateAdmin'))
    expect(syndicate).toEqual(
      expect.arrayContaining(['governance', 'members', 'contributions', 'statistics']),
    )
    expect(syndicate).not.toContain('notebook')
  })

  it('marks which apps can be opened today', async () => {
    const portal = await portalOf('teacher')
    expect(portal.apps.find((app) => app.id === 'schools')).toEqual({
      id: 'schools',
      path: '/ecoles',
      ready: true,
    })
    expect(portal.apps.find((app) => app.id === 'messaging')?.ready).toBe(true)
    expect(portal.apps.find((app) => app.id === 'notebook')?.ready).toBe(false)
  })

  it("shows a parent their children's school and classes, not the other classes", async () => {
    const portal = await portalOf('parent')
    expect(portal.schools).toHaveLength(1)
    expect(portal.schools[0]).toMatchObject({ id: world.own.id, profiles: ['parent'], functions: [] })
    expect(portal.schools[0]!.classes.map((c) => c.id)).toEqual([world.own.classId])
    expect(portal.schools[0]!.children).toEqual([
      { id: world.own.pupilId, firstName: 'pupil', displayName: 'pupil A', classIds: [world.own.classId] },
    ])
    expect(portal.user.firstName).toBe('parent')
  })

  it('shows a parent with children in two schools both schools', async () => {
    const sibling = await buildClass(database.db, { schoolId: world.other.id, name: 'GS B', levels: ['GS'] })
    const child = await buildUser(database.db, { firstName: 'Petite', lastName: 'Sœur' })
    await addMember(database.db, {
      schoolId: world.other.id,
      userId: child.id,
      profile: 'pupil',
      classId: sibling.id,
    })
    const parent = await buildUser(database.db, { firstName: 'Parent', lastName: 'Deux écoles' })
    await addMember(database.db, { schoolId: world.own.id, userId: parent.id, profile: 'parent' })
    await addMember(database.db, { schoolId: world.other.id, userId: parent.id, profile: 'parent' })
    await linkFamily(database.db, { schoolId: world.own.id, pupilId: world.own.pupilId, parentId: parent.id })
    await linkFamily(database.db, { schoolId: world.other.id, pupilId: child.id, parentId: parent.id })
    const client = await TestClient.signedInAs(test.app, parent.id)
    const portal = (await client.get('/api/portal')).json() as PortalResponse
    expect(portal.schools.map((s) => s.id).sort()).toEqual([world.own.id, world.other.id].sort())
    expect(portal.schools.flatMap((s) => s.classes.map((c) => c.id)).sort()).toEqual(
      [world.own.classId, sibling.id].sort(),
    )
  })

  it('shows a change of classes at once, despite the portal cache', async () => {
    const teacher = await TestClient.signedInAs(test.app, world.users.teacher)
    const before = (await teacher.get('/api/portal')).json() as PortalResponse
    expect(before.schools[0]!.classes.map((c) => c.id)).toEqual([world.own.classId])
    const director = await TestClient.signedInAs(test.app, world.users.director)
    const assigned = await director.post(
      `/api/schools/${world.own.id}/classes/${world.own.otherClassId}/teachers`,
      {
        userId: world.users.teacher,
      },
    )
    expect(assigned.statusCode).toBe(204)
    const after = (await teacher.get('/api/portal')).json() as PortalResponse
    expect(after.schools[0]!.classes.map((c) => c.id).sort()).toEqual(
      [world.own.classId, world.own.otherClassId].sort(),
    )
  })

  it('gives a director the function in their school', async () => {
    const portal = await portalOf('director')
    expect(portal.schools[0]).toMatchObject({ profiles: ['teacher'], functions: ['director'] })
  })

  it('describes a school with its collectivity and current counts', async () => {
    const client = await TestClient.signedInAs(test.app, world.users.director)
    const response = await client.get(`/api/schools/${world.own.id}`)
    expect(response.statusCode).toBe(200)
    const school = response.json() as SchoolResponse
    expect(school.collectivity.id).toBe(world.own.collectivityId)
    expect(school.counts).toEqual({ classes: 2, pupils: 2, teachers: 2 })
    expect(school.classes).toHaveLength(2)
    // What the web app may offer the director there (the server checks each again when used).
    expect(school.allowedActions).toEqual([
      'portal.viewSchool',
      'structures.manageClasses',
      'structures.viewGroups',
      'accounts.listUsers',
      'communication.viewRules',
      'audit.viewSchool',
      'imports.importPeople',
    ])
    const asParent = await TestClient.signedInAs(test.app, world.users.parent)
    expect(
      ((await asParent.get(`/api/schools/${world.own.id}`)).json() as SchoolResponse).allowedActions,
    ).toEqual(['portal.viewSchool'])
  })

  it('shows a pupil only their own class of the school', async () => {
    const client = await TestClient.signedInAs(test.app, world.users.pupil)
    const school = (await client.get(`/api/schools/${world.own.id}`)).json() as SchoolResponse
    expect(school.classes.map((c) => c.id)).toEqual([world.own.classId])
  })

  it('answers 404 for another school, a school that does not exist, and a malformed id', async () => {
    const client = await TestClient.signedInAs(test.app, world.users.teacher)
    for (const id of [world.other.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', "1' or '1'='1"]) {
      const response = await client.get(`/api/schools/${encodeURIComponent(id)}`)
      expect(response.statusCode).toBe(404)
      expect(response.json().detail).toBe('École introuvable.')
    }
  })
})
