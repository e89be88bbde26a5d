import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SchoolUserDetail, UsersPage } from '../../../contract/accounts.ts'
import { addMember, buildUser, grantAdmin } from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'

describe('changes to the accounts of a school', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  let director: TestClient

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    test = await createTestApp(database)
    director = await TestClient.signedInAs(test.app, world.users.director)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  const user = (id: string, rest = '') => `/api/schools/${world.own.id}/users/${id}${rest}`
  const detail = async (id: string) => (await director.get(user(id))).json() as SchoolUserDetail
  const newParent = async () =>
    (
      await director.post(`/api/schools/${world.own.id}/users`, {
        firstName: 'Inès',
        lastName: 'Moreau',
        profile: 'parent',
        email: 'ines.moreau@example.fr',
      })
    ).json().userId as string

  it('renames a person: the display name follows, the login stays; the trail names the fields only', async () => {
    const id = await newParent()
    const before = await detail(id)
    const response = await director.patch(user(id), {
      firstName: 'Inès-Marie',
      lastName: "d'Arcy",
      phone: '06 12 34 56 78',
    })
    expect(response.statusCode).toBe(204)
    const after = await detail(id)
    expect(after).toMatchObject({
      displayName: "Inès-Marie D'ARCY",
      login: before.login,
      phone: '0612345678',
    })
    const entry = (await director.get(`/api/schools/${world.own.id}/audit?action=accounts.editUser`)).json()
      .entries[0]
    expect(entry).toMatchObject({
      target: { type: 'user', id },
      details: { fields: ['firstName', 'lastName', 'phone'] },
    })
  })

  it('gives an alias once in the whole deployment, and never one shaped like a login', async () => {
    const first = await newParent()
    const second = await newParent()
    expect((await director.patch(user(first), { alias: 'Maman-Ines' })).statusCode).toBe(204)
    expect((await detail(first)).alias).toBe('maman-ines')
    const taken = await director.patch(user(second), { alias: 'maman-ines' })
    expect(taken.json()).toMatchObject({
      status: 400,
      detail: 'Cet alias est déjà pris.',
      errors: [{ path: 'body.alias' }],
    })
    const dotted = await director.patch(user(second), { alias: 'ines.moreau' })
    expect(dotted.statusCode).toBe(400)
    expect(dotted.json().errors[0].path).toBe('body.alias')
    expect((await director.patch(user(first), { alias: null })).statusCode).toBe(204)
    expect((await detail(first)).alias).toBeNull()
  })

  it('changes the e-mail of a pending account, not of an activated one, and never gives a pupil one', async () => {
    const pending = await newParent()
    expect((await director.patch(user(pending), { email: 'Autre@Example.fr' })).statusCode).toBe(204)
    expect((await detail(pending)).email).toBe('autre@example.fr')
    const activated = await director.patch(user(world.own.parentId), { email: 'pirate@example.fr' })
    expect(activated.json()).toMatchObject({ status: 400, errors: [{ path: 'body.email' }] })
    expect(activated.json().detail).toMatch(/^Cette personne a activé son compte/)
    const pupil = await director.patch(user(world.own.pupilId), { phone: '0612345678' })
    expect(pupil.json()).toMatchObject({
      status: 400,
      detail: 'Un élève n’a ni adresse e-mail ni téléphone dans Préau.',
    })
    expect((await director.patch(user(pending), {})).statusCode).toBe(400)
  })

  it('links and unlinks a parent and a pupil of the school; the parent then sees the child’s class', async () => {
    const parentId = await newParent()
    const link = user(world.own.otherClassPupilId, `/parents/${parentId}`)
    expect((await director.put(link)).statusCode).toBe(204)
    expect((await director.put(link)).statusCode).toBe(204)
    expect((await detail(world.own.otherClassPupilId)).parents.map((p) => p.id)).toContain(parentId)
    expect((await detail(parentId)).classes.map((c) => c.id)).toEqual([world.own.otherClassId])
    const linked = (
      await director.get(`/api/schools/${world.own.id}/audit?action=accounts.linkFamily`)
    ).json()
    expect(linked.entries).toMatchObject([
      { target: { id: world.own.otherClassPupilId }, details: { parentId } },
    ])
    expect((await director.delete(link)).statusCode).toBe(204)
    expect((await detail(world.own.otherClassPupilId)).parents.map((p) => p.id)).not.toContain(parentId)
    const trail = (
      await director.get(`/api/schools/${world.own.id}/audit?action=accounts.unlinkFamily`)
    ).json()
    expect(trail.entries[0]).toMatchObject({
      target: { id: world.own.otherClassPupilId },
      details: { parentId },
    })
  })

  it('links only a pupil to a parent, both of this school', async () => {
    const asParent = await director.put(user(world.own.pupilId, `/parents/${world.own.teacherId}`))
    expect(asParent.json()).toMatchObject({ status: 404, detail: 'Ce parent n’existe pas dans l’école.' })
    const asPupil = await director.put(user(world.own.parentId, `/parents/${world.own.parentId}`))
    expect(asPupil.json()).toMatchObject({ status: 404, detail: 'Cet élève n’existe pas dans l’école.' })
    const foreign = await director.put(user(world.own.pupilId, `/parents/${world.other.parentId}`))
    expect(foreign.json()).toMatchObject({ status: 404, detail: 'Cette personne n’existe pas dans l’école.' })
    expect((await director.put(user(world.own.pupilId, '/parents/x'))).statusCode).toBe(404)
  })

  it('removes a person from the school, keeping the account, and restores them', async () => {
    const person = await buildUser(database.db, { firstName: 'Léon', lastName: 'Départ' })
    await addMember(database.db, { schoolId: world.own.id, userId: person.id, profile: 'staff' })
    const asPerson = await TestClient.signedInAs(test.app, person.id)
    expect((await asPerson.get(`/api/schools/${world.own.id}`)).statusCode).toBe(200)

    expect((await director.post(user(person.id, '/remove'))).statusCode).toBe(204)
    expect((await director.post(user(person.id, '/remove'))).statusCode).toBe(204)
    const listed = (status: string) =>
      director
        .get(`/api/schools/${world.own.id}/users?status=${status}&q=depart`)
        .then((r) => (r.json() as UsersPage).users)
    expect(await listed('current')).toEqual([])
    const removed = await listed('removed')
    expect(removed).toMatchObject([{ id: person.id, profiles: ['staff'] }])
    expect(removed[0]!.removedAt).not.toBeNull()
    expect((await asPerson.get(`/api/schools/${world.own.id}`)).statusCode).toBe(404)
    const account = await database.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', person.id)
      .executeTakeFirst()
    expect(account).toBeDefined()

    expect((await director.post(user(person.id, '/restore'))).statusCode).toBe(204)
    expect((await listed('current')).map((u) => u.id)).toEqual([person.id])
    expect((await asPerson.get(`/api/schools/${world.own.id}`)).statusCode).toBe(200)
    // Removing twice changed nothing the second time: one entry each.
    for (const action of ['accounts.removeUser', 'accounts.restoreUser']) {
      const entries = (await director.get(`/api/schools/${world.own.id}/audit?action=${action}`)).json()
        .entries
      expect(entries).toMatchObject([{ target: { type: 'user', id: person.id } }])
    }
  })

  it('does not let a director remove themselves', async () => {
    const response = await director.post(user(world.users.director, '/remove'))
    expect(response.json()).toMatchObject({
      status: 409,
      detail: 'Vous ne pouvez pas vous retirer vous-même de l’école.',
    })
  })

  it('leaves an account with an administrator role to the syndicate', async () => {
    const admin = await buildUser(database.db, { firstName: 'Alice', lastName: 'Admin' })
    await addMember(database.db, { schoolId: world.own.id, userId: admin.id, profile: 'parent' })
    await grantAdmin(database.db, {
      userId: admin.id,
      role: 'collectivity_admin',
      collectivityId: world.own.collectivityId,
    })
    const refused = await director.patch(user(admin.id), { lastName: 'Autre' })
    expect(refused.json()).toMatchObject({ status: 403, code: 'administrator-account' })
    expect((await director.post(user(admin.id, '/remove'))).statusCode).toBe(403)
    const syndicate = await TestClient.signedInAs(test.app, world.users.syndicateAdmin)
    expect((await syndicate.patch(user(admin.id), { lastName: 'Autre' })).statusCode).toBe(204)
  })
})
