import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, buildCollectivity, buildUser, grantAdmin } from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'

describe('administration of structures', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  let syndicate: TestClient
  let collectivityAdmin: TestClient
  let director: TestClient

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    test = await createTestApp(database)
    syndicate = await TestClient.signedInAs(test.app, world.users.syndicateAdmin)
    collectivityAdmin = await TestClient.signedInAs(test.app, world.users.collectivityAdmin)
    director = await TestClient.signedInAs(test.app, world.users.director)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  const countRows = async (table: 'collectivities' | 'schools' | 'classes' | 'groups') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  describe('collectivities', () => {
    it('adds a commune and an EPCI with the communes it covers', async () => {
      const commune = await syndicate.post('/api/admin/collectivities', {
        kind: 'commune',
        name: 'Commune de Denain',
        siren: '215901729',
        inseeCode: '59172',
        population: 19_000,
      })
      expect(commune.statusCode).toBe(201)
      const epci = await syndicate.post('/api/admin/collectivities', {
        kind: 'epci',
        name: 'CA de la Porte du Hainaut',
        siren: '200041960',
        communeCodes: ['59172', '59179'],
      })
      expect(epci.statusCode).toBe(201)
      const list = (await syndicate.get('/api/admin/collectivities')).json().collectivities as {
        id: string
        communeCodes: string[]
        inseeCode: string | null
      }[]
      expect(list.find((c) => c.id === commune.json().id)?.communeCodes).toEqual(['59172'])
      expect(list.find((c) => c.id === epci.json().id)).toMatchObject({
        inseeCode: null,
        communeCodes: ['59172', '59179'],
      })
    })

    it.each([
      [
        { siren: '215901722' },
        'body.siren',
        'SIREN invalide : 9 chiffres dont le dernier est une clé de contrôle.',
      ],
      [{ inseeCode: '5917' }, 'body.inseeCode', 'Code INSEE invalide : 5 caractères (ex. 59350, 2A004).'],
      [{ inseeCode: undefined }, 'body.inseeCode', 'Une commune a un code INSEE.'],
      [{ name: '' }, 'body.name', 'Saisissez le nom de la collectivité.'],
    ])('refuses %o and creates nothing', async (overrides, path, message) => {
      const before = await countRows('collectivities')
      const response = await syndicate.post('/api/admin/collectivities', {
        kind: 'commune',
        name: 'Commune',
        siren: '215903501',
        inseeCode: '59350',
        ...overrides,
      })
      expect(response.statusCode).toBe(400)
      expect(response.json().errors).toContainEqual({ path, message })
      expect(await countRows('collectivities')).toBe(before)
    })

    it('refuses a SIREN already registered', async () => {
      const body = { kind: 'commune', name: 'Lille', siren: '215903501', inseeCode: '59350' }
      expect((await syndicate.post('/api/admin/collectivities', body)).statusCode).toBe(201)
      const again = await syndicate.post('/api/admin/collectivities', body)
      expect(again.json()).toMatchObject({
        status: 400,
        detail: 'Une collectivité avec ce SIREN existe déjà.',
      })
    })
  })

  describe('schools', () => {
    const school = (overrides: Record<string, unknown> = {}) => ({
      collectivityId: world.own.collectivityId,
      uai: '0590318A',
      name: 'École primaire Berthelot',
      kind: 'primaire',
      inseeCode: world.own.inseeCode,
      ...overrides,
    })

    it('lets a collectivity administrator add a school of their collectivity, with a valid UAI', async () => {
      const created = await collectivityAdmin.post('/api/admin/schools', school({ uai: '0590319b' }))
      expect(created.statusCode).toBe(201)
      const listed = (await collectivityAdmin.get('/api/admin/schools')).json().schools as {
        id: string
        uai: string
      }[]
      expect(listed.map((s) => s.uai)).toContain('0590319B')
      expect(listed.every((s) => s.id !== world.other.id)).toBe(true)
    })

    it.each([
      [{ uai: '0590318B' }, 'UAI invalide : 7 chiffres et une lettre de contrôle (ex. 0590318A).'],
      [{ uai: '059031A' }, 'UAI invalide : 7 chiffres et une lettre de contrôle (ex. 0590318A).'],
      [{ inseeCode: '2C004' }, 'Code INSEE invalide : 5 caractères (ex. 59350, 2A004).'],
      [{ kind: 'college' }, undefined],
    ])('refuses %o with a French message and adds nothing', async (overrides, message) => {
      const before = await countRows('schools')
      const response = await syndicate.post('/api/admin/schools', school(overrides))
      expect(response.statusCode).toBe(400)
      if (message) expect(response.json().detail).toContain(message)
      expect(await countRows('schools')).toBe(before)
    })

    it('refuses a commune the collectivity does not cover, and a collectivity the administrator does not hold', async () => {
      const uncovered = await syndicate.post(
        '/api/admin/schools',
        school({ uai: '0590329M', inseeCode: '62001' }),
      )
      expect(uncovered.json().detail).toMatch(/^Cette commune \(62001\) n’est pas couverte par /)
      const foreign = await collectivityAdmin.post(
        '/api/admin/schools',
        school({ uai: '0590329M', collectivityId: world.other.collectivityId }),
      )
      expect(foreign.json().detail).toBe('Collectivité introuvable.')
    })

    it('refuses a UAI already used', async () => {
      expect((await syndicate.post('/api/admin/schools', school({ uai: '0590362Y' }))).statusCode).toBe(201)
      expect(
        (await syndicate.post('/api/admin/schools', school({ uai: '0590362Y', name: 'Autre' }))).json()
          .detail,
      ).toBe('Une école avec cet UAI existe déjà.')
    })

    it('appoints a teacher as director, who then administers the classes; refuses a parent', async () => {
      const teacher = await buildUser(database.db, { firstName: 'Paul', lastName: 'Vasseur' })
      await addMember(database.db, { schoolId: world.own.id, userId: teacher.id, profile: 'teacher' })
      const asTeacher = await TestClient.signedInAs(test.app, teacher.id)
      expect(
        (await asTeacher.post(`/api/schools/${world.own.id}/classes`, { name: 'CM1 B', levels: ['CM1'] }))
          .statusCode,
      ).toBe(403)
      expect(
        (await collectivityAdmin.post(`/api/schools/${world.own.id}/directors`, { userId: teacher.id }))
          .statusCode,
      ).toBe(204)
      // Her session ends (the direction needs the second factor); her next one, with it, administers.
      expect((await asTeacher.get('/api/me')).statusCode).toBe(401)
      const asDirector = await TestClient.signedInAs(test.app, teacher.id)
      expect(
        (await asDirector.post(`/api/schools/${world.own.id}/classes`, { name: 'CM1 B', levels: ['CM1'] }))
          .statusCode,
      ).toBe(201)
      const parent = await collectivityAdmin.post(`/api/schools/${world.own.id}/directors`, {
        userId: world.own.parentId,
      })
      expect(parent.json().detail).toBe('Cette personne n’est pas enseignante dans l’école.')
    })
  })

  describe('administrators and school years', () => {
    it('names a collectivity administrator by login, and never removes the last syndicate administrator', async () => {
      const agent = await buildUser(database.db)
      const collectivity = await buildCollectivity(database.db)
      const granted = await syndicate.post('/api/admin/administrators', {
        login: agent.login,
        role: 'collectivity_admin',
        collectivityId: collectivity.id,
      })
      expect(granted.statusCode).toBe(204)
      const admins = (await syndicate.get('/api/admin/administrators')).json().administrators
      expect(admins).toContainEqual(
        expect.objectContaining({
          userId: agent.id,
          role: 'collectivity_admin',
          collectivityId: collectivity.id,
        }),
      )
      const last = await syndicate.delete(
        `/api/admin/administrators/${world.users.syndicateAdmin}?role=syndicate_admin`,
      )
      expect(last.json()).toMatchObject({
        status: 409,
        detail: 'Le syndicat doit garder au moins un administrateur.',
      })
      const other = await buildUser(database.db)
      await grantAdmin(database.db, { userId: other.id, role: 'syndicate_admin' })
      expect(
        (await syndicate.delete(`/api/admin/administrators/${other.id}?role=syndicate_admin`)).statusCode,
      ).toBe(204)
    })

    it('prepares a school year only once, written 2027-2028', async () => {
      expect((await syndicate.post('/api/admin/school-years', { label: '2027-2028' })).statusCode).toBe(201)
      expect((await syndicate.post('/api/admin/school-years', { label: '2027-2028' })).json().detail).toBe(
        'Cette année scolaire existe déjà.',
      )
      expect(
        (await syndicate.post('/api/admin/school-years', { label: '2027-2029' })).json().detail,
      ).toContain('Les deux années doivent se suivre')
    })
  })

  describe('classes and groups of a school', () => {
    it('creates a multi-level class, refuses a duplicate name, assigns a teacher of the school only', async () => {
      const created = await director.post(`/api/schools/${world.own.id}/classes`, {
        name: 'CE2-CM1',
        levels: ['CE2', 'CM1'],
      })
      expect(created.statusCode).toBe(201)
      const classId = created.json().id
      expect(
        (
          await director.post(`/api/schools/${world.own.id}/classes`, { name: 'CE2-CM1', levels: ['CE2'] })
        ).json().detail,
      ).toBe('Une classe porte déjà ce nom cette année.')
      expect(
        (
          await director.post(`/api/schools/${world.own.id}/classes/${classId}/teachers`, {
            userId: world.own.teacherId,
          })
        ).statusCode,
      ).toBe(204)
      const foreignTeacher = await director.post(`/api/schools/${world.own.id}/classes/${classId}/teachers`, {
        userId: world.other.teacherId,
      })
      expect(foreignTeacher.json().detail).toBe('Cette personne n’est pas enseignante dans l’école.')
      const list = (await director.get(`/api/schools/${world.own.id}/classes`)).json()
      expect(list.allowedActions).toEqual(['structures.manageClasses'])
      expect(list.classes.find((c: { id: string }) => c.id === classId)).toMatchObject({
        levels: ['CE2', 'CM1'],
        teachers: [{ id: world.own.teacherId }],
      })
      expect((await director.delete(`/api/schools/${world.own.id}/classes/${classId}`)).statusCode).toBe(204)
      const after = (await director.get(`/api/schools/${world.own.id}/classes`)).json().classes
      expect(after.map((c: { id: string }) => c.id)).not.toContain(classId)
    })

    it('refuses a class with an unknown level or none', async () => {
      const response = await director.post(`/api/schools/${world.own.id}/classes`, {
        name: 'X',
        levels: ['6e'],
      })
      expect(response.statusCode).toBe(400)
      const empty = await director.post(`/api/schools/${world.own.id}/classes`, { name: 'Y', levels: [] })
      expect(empty.json().detail).toContain('Choisissez au moins un niveau.')
    })

    it('keeps a group to members of the school', async () => {
      const created = await director.post(`/api/schools/${world.own.id}/groups`, {
        name: 'Représentants des parents',
      })
      const groupId = created.json().id
      expect(
        (
          await director.post(`/api/schools/${world.own.id}/groups/${groupId}/members`, {
            userIds: [world.own.parentId],
          })
        ).statusCode,
      ).toBe(204)
      const outsider = await director.post(`/api/schools/${world.own.id}/groups/${groupId}/members`, {
        userIds: [world.other.parentId],
      })
      expect(outsider.json().detail).toBe('Certaines personnes ne font pas partie de l’école.')
      const groups = (await director.get(`/api/schools/${world.own.id}/groups`)).json().groups
      expect(
        groups.find((g: { id: string }) => g.id === groupId).members.map((m: { id: string }) => m.id),
      ).toEqual([world.own.parentId])
      // Another school's director sees no such group.
      const otherDirector = await TestClient.signedInAs(test.app, world.other.directorId)
      expect(
        (
          await otherDirector.post(`/api/schools/${world.other.id}/groups/${groupId}/members`, {
            userIds: [world.other.parentId],
          })
        ).statusCode,
      ).toBe(404)
    })

    it('records every administrative action in the audit trail', async () => {
      const trail = (await director.get(`/api/schools/${world.own.id}/audit?limit=200`)).json().entries as {
        action: string
      }[]
      const actions = new Set(trail.map((entry) => entry.action))
      for (const action of [
        'structures.addClass',
        'structures.assignTeacher',
        'structures.archiveClass',
        'structures.addGroup',
        'structures.addGroupMembers',
      ]) {
        expect(actions).toContain(action)
      }
    })
  })

  describe('ids in the path and the audit of every change', () => {
    it('answers a malformed id 404 with the sentence of what it names', async () => {
      const cases = [
        [
          director.patch(`/api/schools/${world.own.id}/classes/pas-un-id`, { name: 'X' }),
          'Classe introuvable.',
        ],
        [director.delete(`/api/schools/${world.own.id}/groups/42`), 'Groupe introuvable.'],
        [syndicate.delete(`/api/schools/${world.own.id}/directors/nobody`), 'Direction introuvable.'],
        [syndicate.patch('/api/admin/collectivities/nope', { population: 1 }), 'Collectivité introuvable.'],
      ] as const
      for (const [pending, detail] of cases) {
        const response = await pending
        expect(response.statusCode).toBe(404)
        expect(response.json()).toMatchObject({ code: 'not-found', detail })
      }
    })

    it('rolls the change back and answers an error when its audit entry cannot be written', async () => {
      await sql`create function refuse_audit() returns trigger language plpgsql as $$
        begin raise exception 'the trail refuses this entry'; end $$`.execute(database.db)
      await sql`create trigger refuse_audit before insert on audit_log
        for each row execute function refuse_audit()`.execute(database.db)
      try {
        const classes = await countRows('classes')
        const created = await director.post(`/api/schools/${world.own.id}/classes`, {
          name: 'Jamais créée',
          levels: ['CP'],
        })
        expect(created.statusCode).toBe(500)
        expect(await countRows('classes')).toBe(classes)

        const groups = await countRows('groups')
        expect(
          (await director.post(`/api/schools/${world.own.id}/groups`, { name: 'Jamais' })).statusCode,
        ).toBe(500)
        expect(await countRows('groups')).toBe(groups)

        const before = await database.db
          .selectFrom('schools')
          .select('name')
          .where('id', '=', world.own.id)
          .executeTakeFirstOrThrow()
        const renamed = await syndicate.patch(`/api/schools/${world.own.id}`, { name: 'Jamais renommée' })
        expect(renamed.statusCode).toBe(500)
        const after = await database.db
          .selectFrom('schools')
          .select('name')
          .where('id', '=', world.own.id)
          .executeTakeFirstOrThrow()
        expect(after.name).toBe(before.name)

        const collectivities = await countRows('collectivities')
        const added = await syndicate.post('/api/admin/collectivities', {
          kind: 'commune',
          name: 'Commune jamais ajoutée',
          siren: '213100548',
          inseeCode: '31055',
        })
        expect(added.statusCode).toBe(500)
        expect(await countRows('collectivities')).toBe(collectivities)
      } finally {
        await sql`drop trigger refuse_audit on audit_log`.execute(database.db)
        await sql`drop function refuse_audit()`.execute(database.db)
      }
      // The trail writes again: the same change now goes through, with its entry.
      const created = await director.post(`/api/schools/${world.own.id}/classes`, {
        name: 'Enfin créée',
        levels: ['CP'],
      })
      expect(created.statusCode).toBe(201)
    })
  })
})
