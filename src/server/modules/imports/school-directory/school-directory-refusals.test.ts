import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { SCHOOL_DIRECTORY_MAX_BYTES } from '../../../../contract/school-directory.ts'
import { buildCollectivity, buildUser, grantAdmin } from '../../../testing/factories.ts'
import { TestClient } from '../../../testing/test-client.ts'
import { findImportCollectivity } from './queries.ts'
import { importSchoolDirectory } from './service.ts'
import { useSchoolDirectoryApi } from './test-api.ts'
import { sampleText } from './test-support.ts'

/** The import of the national directory: the files and requests it refuses, and who may import. */
describe('school directory import refusals', () => {
  const api = useSchoolDirectoryApi()

  describe('refuses a file it cannot use, with a French message, and changes nothing', () => {
    const header = sampleText().split('\n')[0]!
    it.each([
      [
        'a binary file',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0, 1, 2, 3]),
        'not-a-text-file',
      ],
      ['an empty file', '', 'empty-file'],
      ['headers without lines', `${header}\n`, 'no-rows'],
      [
        'a file without the nursery column',
        sampleText().replace('ecole_maternelle', 'maternelle_ou_pas'),
        'missing-column',
      ],
      ['a file of another kind', 'Nom;Prénom;Date de naissance;Classe\nMARTIN;Léa;01/02/2018;CP\n', null],
    ])('%s', async (_label, body, code) => {
      const before = await api.allSchools()
      const response = await api.send(api.syndicate, body, { apply: true, file: 'annuaire.csv' })
      expect(response.statusCode, response.body).toBe(400)
      expect(response.headers['content-type']).toContain('application/problem+json')
      const problem = response.json()
      if (code) expect(problem.code).toBe(code)
      expect(problem.detail).toMatch(/annuaire\.csv|fichier/)
      expect(await api.allSchools()).toEqual(before)
      expect(await api.auditEntries()).toEqual([])
    })

    it('a file over the limit, from its announced size', async () => {
      const response = await api.syndicate.request({
        method: 'POST',
        url: api.url(api.epciId),
        payload: sampleText(),
        headers: { 'content-type': 'text/csv', 'content-length': String(SCHOOL_DIRECTORY_MAX_BYTES + 1) },
      })
      expect(response.json()).toMatchObject({ status: 400, code: 'file-too-large' })
      expect(response.json().detail).toBe(
        '« annuaire.csv » est trop volumineux (200 Mo) : la limite est de 200 Mo.',
      )
    })

    it('a file over the limit, as it is read', async () => {
      const collectivity = await findImportCollectivity(api.database.db, api.epciId)
      const reading = importSchoolDirectory(api.database.db, {
        collectivity: collectivity!,
        source: Readable.from([Buffer.from(sampleText())]),
        file: 'annuaire.csv',
        apply: true,
        audit: async () => {},
        maxBytes: 2048,
      })
      await expect(reading).rejects.toMatchObject({ code: 'file-too-large', status: 400 })
      expect(await api.allSchools()).not.toContainEqual(
        expect.objectContaining({ collectivityId: api.epciId }),
      )
    })

    it('names the missing column', async () => {
      const response = await api.send(
        api.syndicate,
        sampleText().replace('ecole_maternelle', 'maternelle_ou_pas'),
      )
      expect(response.json().detail).toContain('« ecole_maternelle » absente')
    })

    it('refuses a request without a file', async () => {
      const response = await api.send(api.syndicate, undefined)
      expect(response.json()).toMatchObject({
        status: 400,
        code: 'empty-file',
        detail: 'Aucun fichier reçu : choisissez le fichier de l’annuaire.',
      })
    })

    it('refuses JSON: the file is sent as it is', async () => {
      const response = await api.syndicate.post(api.url(api.epciId), { file: 'annuaire.csv' })
      expect(response.statusCode).toBe(415)
      expect(response.json().detail).toContain('text/csv')
    })

    it('accepts application/octet-stream too', async () => {
      const response = await api.send(api.syndicate, Buffer.from(sampleText()), {
        type: 'application/octet-stream',
      })
      expect(response.statusCode).toBe(200)
    })

    it('asks for the communes of a collectivity that has none', async () => {
      const bare = await buildCollectivity(api.database.db, { kind: 'epci', communeCodes: [] })
      const response = await api.send(api.syndicate, sampleText(), { collectivityId: bare.id })
      expect(response.json()).toMatchObject({ status: 409, code: 'no-communes' })
      expect(response.json().detail).toContain('n’a aucune commune renseignée')
    })
  })

  describe('who may import', () => {
    it('lets a collectivity’s administrator import into theirs, and not into another (404)', async () => {
      const admin = await buildUser(api.database.db, { firstName: 'Admin', lastName: 'EPCI' })
      await grantAdmin(api.database.db, {
        userId: admin.id,
        role: 'collectivity_admin',
        collectivityId: api.epciId,
      })
      const client = await TestClient.signedInAs(api.test.app, admin.id)
      expect((await api.send(client, sampleText())).statusCode).toBe(200)
      const elsewhere = await api.send(client, sampleText(), { collectivityId: api.world.own.collectivityId })
      expect(elsewhere.statusCode).toBe(404)
      expect(elsewhere.json().detail).toBe('Collectivité introuvable.')
    })

    it('answers 404 for a collectivity that does not exist, or that the actor does not administer', async () => {
      expect((await api.send(api.syndicate, sampleText(), { collectivityId: 'nope' })).statusCode).toBe(404)
      const nobody = '00000000-0000-4000-8000-000000000000'
      expect((await api.send(api.syndicate, sampleText(), { collectivityId: nobody })).statusCode).toBe(404)
      const director = await TestClient.signedInAs(api.test.app, api.world.users.director)
      expect((await api.send(director, sampleText())).statusCode).toBe(404)
    })
  })
})
