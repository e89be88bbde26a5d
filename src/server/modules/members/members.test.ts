import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, buildUser } from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'

const deliberation = { reference: '2019-12', date: '2019-06-26' }

describe('the syndicate’s members and their schools’ deployment', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  let admin: TestClient

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    test = await createTestApp(database)
    admin = await TestClient.signedInAs(test.app, world.users.syndicateAdmin)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  const member = (id: string, client = admin) => client.get(`/api/members/${id}`)

  it('records a member’s adhesion with its deliberation and legal population, audited', async () => {
    const recorded = await admin.put(`/api/members/${world.own.collectivityId}/adhesion`, {
      adheredOn: '2019-09-01',
      deliberation,
      population: 4_200,
      populationYear: 2023,
    })
    expect(recorded.statusCode).toBe(204)
    const shown = (await member(world.own.collectivityId)).json()
    expect(shown.adhesion).toEqual({
      adheredOn: '2019-09-01',
      deliberation,
      withdrawnOn: null,
      withdrawalDeliberation: null,
      population: 4_200,
      populationYear: 2023,
    })
    expect(shown.siren).toMatch(/^\d{9}$/)
    expect(shown.inseeCodes).toEqual([world.own.inseeCode])
    const audit = (await admin.get('/api/admin/audit?action=members.recordAdhesion')).json()
    expect(audit.entries[0]).toMatchObject({ details: { deliberation: '2019-12' } })
  })

  it('refuses a withdrawal before the adhesion, or of a collectivity that never adhered, in French', async () => {
    const early = await admin.put(`/api/members/${world.own.collectivityId}/withdrawal`, {
      withdrawnOn: '2019-01-01',
      deliberation,
    })
    expect(early.statusCode).toBe(400)
    expect(early.json().detail).toBe('Le retrait doit suivre l’adhésion.')
    const never = await admin.put(`/api/members/${world.other.collectivityId}/withdrawal`, {
      withdrawnOn: '2030-01-01',
      deliberation,
    })
    expect(never.statusCode).toBe(409)
    expect((await member(world.own.collectivityId)).json().adhesion.withdrawnOn).toBeNull()
  })

  it('keeps contacts', async () => {
    const added = await admin.post(`/api/members/${world.own.collectivityId}/contacts`, {
      name: 'Mme Lefebvre',
      role: 'Directrice générale des services',
      email: 'dgs@commune-a.example.fr',
    })
    expect(added.statusCode).toBe(201)
    expect((await member(world.own.collectivityId)).json().contacts).toEqual([
      {
        id: added.json().id,
        name: 'Mme Lefebvre',
        role: 'Directrice générale des services',
        email: 'dgs@commune-a.example.fr',
        phone: null,
      },
    ])
    const reads = (await admin.get('/api/admin/audit?action=read:member-contacts')).json()
    expect(reads.entries[0]).toMatchObject({ target: { id: world.own.collectivityId } })
    const removed = await admin.delete(`/api/members/${world.own.collectivityId}/contacts/${added.json().id}`)
    expect(removed.statusCode).toBe(204)
    expect((await member(world.own.collectivityId)).json().contacts).toEqual([])
  })

  it('moves a school’s deployment forward with dates and keeps its history', async () => {
    const step = (status: string, effectiveOn: string, note: string | null = null) =>
      admin.post(`/api/schools/${world.own.id}/deployment-status`, { status, effectiveOn, note })
    expect((await step('requested', '2026-01-10')).statusCode).toBe(204)
    expect((await step('preparing', '2026-03-02', 'Formation des enseignants')).statusCode).toBe(204)
    expect((await step('open', '2026-09-01')).statusCode).toBe(204)
    const back = await step('preparing', '2026-10-01')
    expect(back.statusCode).toBe(400)
    expect(back.json().detail).toBe('Le déploiement ne revient pas en arrière : l’école est « ouverte ».')
    const before = await step('closed', '2026-08-01')
    expect(before.json().detail).toBe('La date ne peut précéder l’étape précédente (2026-09-01).')

    const shown = (await member(world.own.collectivityId)).json()
    expect(shown.openSchools).toBe(1)
    const [school] = shown.schoolList
    expect(school).toMatchObject({
      status: 'open',
      requestedOn: '2026-01-10',
      preparingOn: '2026-03-02',
      openedOn: '2026-09-01',
      closedOn: null,
    })
    expect(
      school.history.map((event: { status: string; note: string | null }) => [event.status, event.note]),
    ).toEqual([
      ['requested', null],
      ['preparing', 'Formation des enseignants'],
      ['open', null],
    ])
  })

  it('lets a collectivity’s agents and administrators read their own member only (404 for the others)', async () => {
    for (const persona of ['collectivityAgent', 'collectivityAdmin'] as const) {
      const client = await TestClient.signedInAs(test.app, world.users[persona])
      expect((await member(world.own.collectivityId, client)).statusCode).toBe(200)
      const other = await member(world.other.collectivityId, client)
      expect(other.statusCode).toBe(404)
      expect(other.json().detail).toBe('Membre introuvable.')
      const list = (await client.get('/api/members')).json()
      expect(list.members.map((m: { id: string }) => m.id)).toEqual([world.own.collectivityId])
      expect(list.allowedActions).toEqual([])
      const write = await client.put(`/api/members/${world.own.collectivityId}/adhesion`, {
        adheredOn: '2020-01-01',
        deliberation,
        population: 1,
        populationYear: 2020,
      })
      expect(write.statusCode).toBe(403)
    }
    expect((await admin.get('/api/members')).json().members).toHaveLength(2)
  })

  it('attaches academic staff to a circonscription; they see its schools’ deployment and nothing personal', async () => {
    await database.db
      .updateTable('schools')
      .set({ circonscription: 'Lille 3 – Roubaix' })
      .where('id', '=', world.own.id)
      .execute()
    const notAcademic = await admin.post('/api/academic-assignments', {
      userId: world.users.teacher,
      circonscription: 'Lille 3 – Roubaix',
      role: 'ien',
    })
    expect(notAcademic.statusCode).toBe(400)
    expect(notAcademic.json().detail).toBe('Cette personne n’a pas le profil « personnel académique ».')

    const assigned = await admin.post('/api/academic-assignments', {
      userId: world.users.academic,
      circonscription: 'Lille 3 – Roubaix',
      role: 'ien',
    })
    expect(assigned.statusCode).toBe(204)
    const listed = (await admin.get('/api/academic-assignments')).json()
    expect(listed.assignments).toHaveLength(1)
    expect(listed.circonscriptions).toEqual(['Lille 3 – Roubaix'])

    const ien = await TestClient.signedInAs(test.app, world.users.academic)
    const seen = (await ien.get('/api/academie/circonscriptions')).json()
    expect(seen.circonscriptions).toHaveLength(1)
    expect(seen.circonscriptions[0].name).toBe('Lille 3 – Roubaix')
    expect(seen.circonscriptions[0].schools.map((s: { id: string }) => s.id)).toEqual([world.own.id])
    expect(Object.keys(seen.circonscriptions[0].schools[0]).sort()).toEqual(
      [
        'circonscription',
        'closedOn',
        'commune',
        'id',
        'kind',
        'name',
        'openedOn',
        'preparingOn',
        'requestedOn',
        'status',
        'uai',
      ].sort(),
    )

    // Another academic, attached nowhere, sees nothing.
    const adviser = await buildUser(database.db, { firstName: 'Conseillère', lastName: 'Numérique' })
    await addMember(database.db, { schoolId: world.other.id, userId: adviser.id, profile: 'academic' })
    const elsewhere = await TestClient.signedInAs(test.app, adviser.id)
    expect((await elsewhere.get('/api/academie/circonscriptions')).json().circonscriptions).toEqual([])

    const removed = await admin.delete(`/api/academic-assignments/${listed.assignments[0].id}`)
    expect(removed.statusCode).toBe(204)
    expect((await ien.get('/api/academie/circonscriptions')).json().circonscriptions).toEqual([])
  })
})
