import { Readable } from 'node:stream'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'

const activity = {
  name: 'Carnet de liaison',
  purposes: 'Transmettre les mots de l’école aux familles',
  legalBasis: 'Mission d’intérêt public (art. 6.1.e RGPD)',
  dataSubjects: 'Élèves, responsables légaux, enseignants',
  dataCategories: 'Identité, mots, accusés de lecture',
  recipients: 'Enseignants et direction de l’école, familles de l’élève',
  retention: 'L’année scolaire, puis 3 mois après le départ',
  securityMeasures: 'Accès authentifié, journal d’audit, chiffrement TLS',
}

describe('data protection', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  const as = (persona: keyof World['users']) => TestClient.signedInAs(test.app, world.users[persona])

  beforeAll(async () => {
    database = await createTestDatabase()
    test = await createTestApp(database)
    world = await buildWorld(database.db)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  describe('the register of processing activities', () => {
    it('is kept by the syndicate’s administrators, each change audited, and read by anyone', async () => {
      const admin = await as('syndicateAdmin')
      const created = await admin.post('/api/data-protection/register', activity)
      expect(created.statusCode).toBe(201)
      const id = created.json().id
      const edited = await admin.put(`/api/data-protection/register/${id}`, {
        ...activity,
        retention: 'Un an',
      })
      expect(edited.json().retention).toBe('Un an')

      const read = await new TestClient(test.app).get('/api/data-protection/register')
      expect(read.statusCode).toBe(200)
      expect(read.json().activities).toContainEqual(expect.objectContaining({ id, retention: 'Un an' }))
      expect(read.json().allowedActions).toEqual([])
      expect((await admin.get('/api/data-protection/register')).json().allowedActions).toEqual([
        'dataProtection.editRegister',
      ])

      const trail = await database.db
        .selectFrom('auditLog')
        .select(['action', 'actorId'])
        .where('targetId', '=', id)
        .orderBy('id')
        .execute()
      expect(trail).toEqual([
        { action: 'dataProtection.addActivity', actorId: world.users.syndicateAdmin },
        { action: 'dataProtection.editActivity', actorId: world.users.syndicateAdmin },
      ])
      expect((await admin.delete(`/api/data-protection/register/${id}`)).statusCode).toBe(204)
      expect((await admin.delete(`/api/data-protection/register/${id}`)).statusCode).toBe(404)
    })

    it('refuses an empty field with a French message, and a director’s change, changing nothing', async () => {
      const before = await database.db.selectFrom('processingActivities').selectAll().execute()
      const admin = await as('syndicateAdmin')
      const empty = await admin.post('/api/data-protection/register', { ...activity, legalBasis: '   ' })
      expect(empty.statusCode).toBe(400)
      expect(empty.json().detail).toContain('Base légale : ce champ est obligatoire.')
      const director = await as('director')
      expect((await director.post('/api/data-protection/register', activity)).statusCode).toBe(403)
      expect(await database.db.selectFrom('processingActivities').selectAll().execute()).toEqual(before)
    })
  })

  describe('« Mes données »', () => {
    const waitForReady = async (client: TestClient) => {
      for (let i = 0; i < 100; i++) {
        const current = (await client.get('/api/me/data-export')).json().export
        if (current.status === 'ready' || current.status === 'failed') return current
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      throw new Error('the archive was never prepared')
    }

    it('prepares a zip of the person’s data and files, downloadable by them alone', async () => {
      const parent = await as('parent')
      await test.app.blobs.put(Readable.from([Buffer.from('Autorisation de sortie signée\n')]), {
        fileName: 'autorisation.txt',
        createdBy: world.users.parent,
      })
      const asked = await parent.post('/api/me/data-export')
      expect(asked.statusCode).toBe(202)
      expect(asked.json().export.status).toBe('queued')
      // Asking again while it is prepared shows the same archive, and starts no second job.
      expect((await parent.post('/api/me/data-export')).json().export.id).toBe(asked.json().export.id)

      const ready = await waitForReady(parent)
      expect(ready).toMatchObject({ status: 'ready', progress: 100 })
      expect(Date.parse(ready.expiresAt) - Date.now()).toBeGreaterThan(6 * 86_400_000)

      const download = await parent.get(`/api/me/data-export/${ready.id}/download`)
      expect(download.statusCode).toBe(200)
      expect(download.headers['content-type']).toBe('application/zip')
      const files = unzipSync(new Uint8Array(download.rawPayload))
      const json = (name: string) => JSON.parse(strFromU8(files[name]!))
      const account = json('compte.json')
      expect(account.id).toBe(world.users.parent)
      expect(account).not.toHaveProperty('passwordHash')
      expect(account.login).toBeTruthy()
      expect(json('donnees/memberships.json')).toEqual([
        expect.objectContaining({ schoolId: world.own.id, profile: 'parent' }),
      ])
      expect(json('donnees/family_links.parent_id.json')).toEqual([
        expect.objectContaining({ pupilId: world.own.pupilId }),
      ])
      expect(Object.keys(files).some((name) => name.includes('sessions'))).toBe(true)
      const stored = Object.keys(files).find((name) => name.endsWith('-autorisation.txt'))!
      expect(strFromU8(files[stored]!)).toBe('Autorisation de sortie signée\n')
      // Nothing secret: no hash of any kind anywhere in the archive.
      for (const [name, bytes] of Object.entries(files)) {
        if (name.endsWith('.json')) expect(strFromU8(bytes)).not.toMatch(/"\w*(hash|secret|token)\w*":/i)
      }

      const teacher = await as('teacher')
      expect((await teacher.get(`/api/me/data-export/${ready.id}/download`)).statusCode).toBe(404)
    })

    it('refuses an archive past its time', async () => {
      const pupil = await as('pupil')
      await pupil.post('/api/me/data-export')
      const ready = await waitForReady(pupil)
      await database.db
        .updateTable('dataExports')
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where('id', '=', ready.id)
        .execute()
      const response = await pupil.get(`/api/me/data-export/${ready.id}/download`)
      expect(response.statusCode).toBe(404)
      expect(response.json().detail).toContain('expiré')
    })
  })

  it('shows the data-protection officer what tonight’s purges would delete, changing nothing', async () => {
    test.app.usage.signedIn(world.users.teacher, new Date(Date.now() - 400 * 86_400_000))
    await test.app.usage.flush()
    const preview = await (await as('syndicateAdmin')).get('/api/admin/data-protection/retention')
    expect(preview.statusCode).toBe(200)
    expect(preview.json()).toMatchObject({
      usageEvents: { toDelete: 1 },
      departedPeople: { anonymised: 0, deleted: 0 },
    })
    expect(await database.db.selectFrom('usageEvents').selectAll().execute()).toHaveLength(1)
  })

  it('shows the officer the administrators’ reads of personal data only, from the trail itself', async () => {
    await database.db
      .insertInto('auditLog')
      .values([
        {
          actorId: world.users.director,
          action: 'read:user',
          schoolId: world.own.id,
          targetType: 'user',
          targetId: world.own.pupilId,
          details: '{}',
        },
        {
          actorId: world.users.director,
          action: 'structures.addClass',
          schoolId: world.own.id,
          details: '{"name":"CP B"}',
        },
      ])
      .execute()
    const page = (await (await as('syndicateAdmin')).get('/api/admin/audit?reads=personal-data')).json()
    expect(page.entries.length).toBeGreaterThan(0)
    expect(page.entries.every((e: { action: string }) => e.action.startsWith('read:'))).toBe(true)
    expect(page.entries[0]).toMatchObject({ action: 'read:user', target: { id: world.own.pupilId } })
  })
})
