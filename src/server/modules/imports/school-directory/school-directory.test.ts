import { Readable } from 'node:stream'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  SCHOOL_DIRECTORY_MAX_BYTES,
  type SchoolDirectoryReport,
} from '../../../../contract/school-directory.ts'
import { buildCollectivity, buildUser, grantAdmin } from '../../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../../testing/test-app.ts'
import { TestClient } from '../../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts'
import { buildWorld, type World } from '../../../testing/world.ts'
import { findImportCollectivity } from './queries.ts'
import { importSchoolDirectory } from './service.ts'
import { SAMPLE_COMMUNES, sampleText, sampleWith } from './test-support.ts'

/**
 * The import of the national directory through the API: the sample's 10 schools against an
 * intercommunality that covers 4 of their communes (Denain, Douchy-les-Mines, Cuincy, Auby).
 */
describe('school directory import', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  let syndicate: TestClient
  let epciId: string
  const epciCommunes = Object.values(SAMPLE_COMMUNES)

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    test = await createTestApp(database)
    syndicate = await TestClient.signedInAs(test.app, world.users.syndicateAdmin)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  // Each test starts from a new intercommunality without schools, and leaves the sample's UAIs free.
  beforeEach(async () => {
    epciId = (await buildCollectivity(database.db, { kind: 'epci', communeCodes: epciCommunes })).id
  })
  afterEach(async () => {
    await database.db.deleteFrom('schools').where('collectivityId', '=', epciId).execute()
  })

  const url = (collectivityId: string, query = '') =>
    `/api/collectivities/${collectivityId}/school-directory-imports${query}`

  function send(
    client: TestClient,
    body: string | Buffer | undefined,
    options: { apply?: boolean; collectivityId?: string; type?: string; file?: string } = {},
  ) {
    const query = new URLSearchParams({ apply: String(options.apply ?? false) })
    if (options.file) query.set('file', options.file)
    return client.request({
      method: 'POST',
      url: url(options.collectivityId ?? epciId, `?${query}`),
      payload: body,
      headers: body === undefined ? {} : { 'content-type': options.type ?? 'text/csv' },
    })
  }

  async function report(
    body: string,
    options: { apply?: boolean; collectivityId?: string; file?: string } = {},
  ): Promise<SchoolDirectoryReport> {
    const response = await send(syndicate, body, options)
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as SchoolDirectoryReport
  }

  /** Every school row, to show a refused or dry-run import changed nothing. */
  const allSchools = () => database.db.selectFrom('schools').selectAll().orderBy('uai').execute()
  const auditEntries = () =>
    database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'schoolDirectory.import')
      .where('targetId', '=', epciId)
      .execute()

  it('plans the sample for a collectivity covering 4 of its communes, and changes nothing', async () => {
    const before = await allSchools()
    const dryRun = await report(sampleText(), { file: 'annuaire.csv' })
    expect(dryRun.applied).toBe(false)
    expect(dryRun.file).toEqual({ name: 'annuaire.csv', encoding: 'utf-8' })
    expect(dryRun.counts).toEqual({
      read: 10,
      created: 4,
      updated: 0,
      unchanged: 0,
      ignoredOtherCommunes: 6,
      ignoredNotPrimary: 0,
      ignoredClosed: 0,
      ignoredPrivate: 0,
      anomalies: 0,
    })
    expect(dryRun.created).toEqual([
      {
        line: 2,
        uai: '0590318A',
        name: 'École primaire Berthelot',
        kind: 'primaire',
        inseeCode: '59172',
        communeName: 'Denain',
        schoolId: null,
        changes: [],
      },
      expect.objectContaining({ line: 3, uai: '0590319B', kind: 'elementaire', inseeCode: '59179' }),
      expect.objectContaining({ line: 5, uai: '0590362Y', kind: 'elementaire', inseeCode: '59165' }),
      expect.objectContaining({ line: 6, uai: '0590405V', kind: 'maternelle', inseeCode: '59028' }),
    ])
    expect(await allSchools()).toEqual(before)
    expect(await auditEntries()).toEqual([])
  })

  it('applies the plan in one go, with one audit entry; applying the same file again changes nothing', async () => {
    const applied = await report(sampleText(), { apply: true })
    expect(applied.applied).toBe(true)
    expect(applied.counts).toMatchObject({ created: 4, updated: 0, unchanged: 0 })
    const schools = await database.db
      .selectFrom('schools')
      .select(['id', 'uai', 'name', 'kind', 'inseeCode', 'circonscription'])
      .where('collectivityId', '=', epciId)
      .orderBy('uai')
      .execute()
    expect(schools.map((s) => s.uai)).toEqual(['0590318A', '0590319B', '0590362Y', '0590405V'])
    expect(schools[0]).toMatchObject({
      name: 'École primaire Berthelot',
      kind: 'primaire',
      inseeCode: '59172',
      circonscription: "Circonscription d'inspection du 1er degré de Valenciennes Denain",
    })
    expect(applied.created.map((entry) => entry.schoolId)).toEqual(schools.map((s) => s.id))
    const [audit, ...more] = await auditEntries()
    expect(more).toEqual([])
    expect(audit).toMatchObject({
      actorId: world.users.syndicateAdmin,
      targetType: 'collectivity',
      details: {
        file: 'annuaire.csv',
        created: ['0590318A', '0590319B', '0590362Y', '0590405V'],
        updated: [],
        unchanged: 0,
        anomalies: 0,
      },
    })

    const before = await allSchools()
    const again = await report(sampleText(), { apply: true })
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 4, anomalies: 0 })
    expect(again.unchanged.map((entry) => entry.schoolId)).toEqual(schools.map((s) => s.id))
    expect(await allSchools()).toEqual(before)
  })

  it('updates what the directory changed, keeping a name typed with its accents and a circonscription it lacks', async () => {
    await report(sampleText(), { apply: true })
    await database.db
      .updateTable('schools')
      .set({ name: 'École élémentaire du Centre', kind: 'primaire', circonscription: 'Ancienne' })
      .where('uai', '=', '0590319B')
      .execute()
    await database.db
      .updateTable('schools')
      .set({ name: 'Maternelle Gérard Philipe', circonscription: 'Douai-Cuincy (saisie à la main)' })
      .where('uai', '=', '0590405V')
      .execute()
    const changed = sampleWith({ 6: { circonscription: '' } })

    const dryRun = await report(changed)
    expect(dryRun.counts).toMatchObject({ created: 0, updated: 2, unchanged: 2 })
    expect(dryRun.updated.map((entry) => [entry.uai, entry.changes])).toEqual([
      [
        '0590319B',
        [
          { field: 'kind', from: 'primaire', to: 'elementaire' },
          {
            field: 'circonscription',
            from: 'Ancienne',
            to: "Circonscription d'inspection du 1er degré de Valenciennes-Escaudain",
          },
        ],
      ],
      [
        '0590405V',
        [{ field: 'name', from: 'Maternelle Gérard Philipe', to: 'École maternelle Gérard Philipe' }],
      ],
    ])

    await report(changed, { apply: true })
    const rows = await database.db
      .selectFrom('schools')
      .select(['uai', 'name', 'kind', 'circonscription'])
      .where('uai', 'in', ['0590319B', '0590405V'])
      .orderBy('uai')
      .execute()
    expect(rows).toEqual([
      {
        uai: '0590319B',
        name: 'École élémentaire du Centre',
        kind: 'elementaire',
        circonscription: "Circonscription d'inspection du 1er degré de Valenciennes-Escaudain",
      },
      {
        uai: '0590405V',
        name: 'École maternelle Gérard Philipe',
        kind: 'maternelle',
        circonscription: 'Douai-Cuincy (saisie à la main)',
      },
    ])
    expect((await report(changed)).counts).toMatchObject({ updated: 0, unchanged: 4 })
  })

  it('reports an invalid UAI with its line, imports the other lines, and says what it ignored', async () => {
    const file = sampleWith(
      {
        6: { uai: '0590405W' },
        // A collège of Denain, a closed school of Douchy, a private school of Cuincy.
        7: { inseeCode: SAMPLE_COMMUNES.denain, maternelle: '0', elementaire: '0', type: 'Collège' },
        8: { inseeCode: SAMPLE_COMMUNES.douchy, state: 'FERME' },
        9: { inseeCode: SAMPLE_COMMUNES.cuincy, sector: 'Privé' },
      },
      [{ from: 2, cells: { name: 'Ecole primaire Berthelot (doublon)' } }],
    )
    const dryRun = await report(file, { file: 'extrait.csv' })
    expect(dryRun.counts).toEqual({
      read: 10,
      created: 3,
      updated: 0,
      unchanged: 0,
      ignoredOtherCommunes: 3,
      ignoredNotPrimary: 1,
      ignoredClosed: 1,
      ignoredPrivate: 1,
      anomalies: 2,
    })
    expect(dryRun.anomalies).toEqual([
      {
        file: 'extrait.csv',
        line: 6,
        code: 'invalid-uai',
        message: expect.stringContaining('UAI invalide « 0590405W » (la lettre de contrôle serait V)'),
        uai: null,
      },
      {
        file: 'extrait.csv',
        line: 12,
        code: 'duplicate-uai',
        message: 'l’UAI 0590318A figure déjà ligne 2 : cette ligne-ci n’est pas importée.',
        uai: '0590318A',
      },
    ])
    const applied = await report(file, { apply: true, file: 'extrait.csv' })
    expect(applied.created.map((entry) => entry.uai)).toEqual(['0590318A', '0590319B', '0590362Y'])
    expect(applied.created[0]?.name).toBe('École primaire Berthelot')
  })

  it('never moves a school of another collectivity, and says so at its line', async () => {
    const taken = await database.db
      .insertInto('schools')
      .values({
        collectivityId: world.other.collectivityId,
        uai: '0590362Y',
        name: 'École Joliot-Curie',
        kind: 'elementaire',
        inseeCode: '59165',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    try {
      const applied = await report(sampleText(), { apply: true })
      expect(applied.counts).toMatchObject({ created: 3, anomalies: 1 })
      expect(applied.anomalies).toEqual([
        {
          file: 'annuaire.csv',
          line: 5,
          code: 'other-collectivity',
          message:
            'l’école 0590362Y est déjà rattachée à une autre collectivité membre : elle n’est ni déplacée ni modifiée. Le syndicat peut corriger son rattachement.',
          uai: '0590362Y',
        },
      ])
      const school = await database.db
        .selectFrom('schools')
        .select(['collectivityId', 'name'])
        .where('id', '=', taken.id)
        .executeTakeFirstOrThrow()
      expect(school).toEqual({ collectivityId: world.other.collectivityId, name: 'École Joliot-Curie' })
    } finally {
      await database.db.deleteFrom('schools').where('id', '=', taken.id).execute()
    }
  })

  it('reports a closed school it has, and one the directory places outside the collectivity', async () => {
    await report(sampleText(), { apply: true })
    const dryRun = await report(
      sampleWith({
        2: { state: 'FERME' },
        3: { inseeCode: '59350' },
        5: { maternelle: '0', elementaire: '0' },
      }),
    )
    expect(dryRun.counts).toMatchObject({ created: 0, updated: 0, unchanged: 1, anomalies: 3 })
    expect(dryRun.anomalies.map((anomaly) => [anomaly.line, anomaly.code, anomaly.uai])).toEqual([
      [2, 'closed-school', '0590318A'],
      [3, 'commune-not-covered', '0590319B'],
      [5, 'not-a-primary-school', '0590362Y'],
    ])
  })

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
      const before = await allSchools()
      const response = await send(syndicate, body, { apply: true, file: 'annuaire.csv' })
      expect(response.statusCode, response.body).toBe(400)
      expect(response.headers['content-type']).toContain('application/problem+json')
      const problem = response.json()
      if (code) expect(problem.code).toBe(code)
      expect(problem.detail).toMatch(/annuaire\.csv|fichier/)
      expect(await allSchools()).toEqual(before)
      expect(await auditEntries()).toEqual([])
    })

    it('a file over the limit, from its announced size', async () => {
      const response = await syndicate.request({
        method: 'POST',
        url: url(epciId),
        payload: sampleText(),
        headers: { 'content-type': 'text/csv', 'content-length': String(SCHOOL_DIRECTORY_MAX_BYTES + 1) },
      })
      expect(response.json()).toMatchObject({ status: 400, code: 'file-too-large' })
      expect(response.json().detail).toBe(
        '« annuaire.csv » est trop volumineux (200 Mo) : la limite est de 200 Mo.',
      )
    })

    it('a file over the limit, as it is read', async () => {
      const collectivity = await findImportCollectivity(database.db, epciId)
      const reading = importSchoolDirectory(database.db, {
        collectivity: collectivity!,
        source: Readable.from([Buffer.from(sampleText())]),
        file: 'annuaire.csv',
        apply: true,
        audit: async () => {},
        maxBytes: 2048,
      })
      await expect(reading).rejects.toMatchObject({ code: 'file-too-large', status: 400 })
      expect(await allSchools()).not.toContainEqual(expect.objectContaining({ collectivityId: epciId }))
    })

    it('names the missing column', async () => {
      const response = await send(syndicate, sampleText().replace('ecole_maternelle', 'maternelle_ou_pas'))
      expect(response.json().detail).toContain('« ecole_maternelle » absente')
    })

    it('refuses a request without a file', async () => {
      const response = await send(syndicate, undefined)
      expect(response.json()).toMatchObject({
        status: 400,
        code: 'empty-file',
        detail: 'Aucun fichier reçu : choisissez le fichier de l’annuaire.',
      })
    })

    it('refuses JSON: the file is sent as it is', async () => {
      const response = await syndicate.post(url(epciId), { file: 'annuaire.csv' })
      expect(response.statusCode).toBe(415)
      expect(response.json().detail).toContain('text/csv')
    })

    it('accepts application/octet-stream too', async () => {
      const response = await send(syndicate, Buffer.from(sampleText()), { type: 'application/octet-stream' })
      expect(response.statusCode).toBe(200)
    })

    it('asks for the communes of a collectivity that has none', async () => {
      const bare = await buildCollectivity(database.db, { kind: 'epci', communeCodes: [] })
      const response = await send(syndicate, sampleText(), { collectivityId: bare.id })
      expect(response.json()).toMatchObject({ status: 409, code: 'no-communes' })
      expect(response.json().detail).toContain('n’a aucune commune renseignée')
    })
  })

  describe('who may import', () => {
    it('lets a collectivity’s administrator import into theirs, and not into another (404)', async () => {
      const admin = await buildUser(database.db, { firstName: 'Admin', lastName: 'EPCI' })
      await grantAdmin(database.db, { userId: admin.id, role: 'collectivity_admin', collectivityId: epciId })
      const client = await TestClient.signedInAs(test.app, admin.id)
      expect((await send(client, sampleText())).statusCode).toBe(200)
      const elsewhere = await send(client, sampleText(), { collectivityId: world.own.collectivityId })
      expect(elsewhere.statusCode).toBe(404)
      expect(elsewhere.json().detail).toBe('Collectivité introuvable.')
    })

    it('answers 404 for a collectivity that does not exist, or that the actor does not administer', async () => {
      expect((await send(syndicate, sampleText(), { collectivityId: 'nope' })).statusCode).toBe(404)
      const nobody = '00000000-0000-4000-8000-000000000000'
      expect((await send(syndicate, sampleText(), { collectivityId: nobody })).statusCode).toBe(404)
      const director = await TestClient.signedInAs(test.app, world.users.director)
      expect((await send(director, sampleText())).statusCode).toBe(404)
    })
  })
})
