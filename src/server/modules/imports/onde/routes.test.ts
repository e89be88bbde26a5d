import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportReport } from '../../../../contract/imports.ts'
import { createTestApp, type TestApp } from '../../../testing/test-app.ts'
import { TestClient } from '../../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts'
import { buildWorld, type World } from '../../../testing/world.ts'

// Byte-exact copies of the real ONDE exports (see parsing/fixtures/README.md).
const SAMPLE = new URL('../parsing/fixtures/', import.meta.url)
const sample = (name: string) => readFileSync(new URL(name, SAMPLE))

/** A multipart/form-data body as a browser would send it. */
async function multipart(files: Record<string, { name: string; bytes: Uint8Array }>) {
  const form = new FormData()
  for (const [field, file] of Object.entries(files))
    form.append(field, new Blob([Buffer.from(file.bytes)]), file.name)
  const response = new Response(form)
  return {
    payload: Buffer.from(await response.arrayBuffer()),
    headers: { 'content-type': response.headers.get('content-type')! },
  }
}

describe('the ONDE import API', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  let director: TestClient
  const base = () => `/api/schools/${world.own.id}/imports`

  const upload = async (
    client: TestClient,
    files: Record<string, { name: string; bytes: Uint8Array }>,
    url = base(),
  ) => {
    const { payload, headers } = await multipart(files)
    return client.request({ method: 'POST', url, payload, headers })
  }
  const countUsers = async () =>
    Number(
      (
        await database.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

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

  it('uploads the three files as a dry run, then applies them; the run is then closed', async () => {
    const before = await countUsers()
    const response = await upload(director, {
      pupils: { name: 'CSVExtraction-eleves.csv', bytes: sample('CSVExtraction-eleves.csv') },
      guardians: { name: 'CSVExtraction-responsables.csv', bytes: sample('CSVExtraction-responsables.csv') },
      teachers: { name: 'CSVExtraction-enseignants.csv', bytes: sample('CSVExtraction-enseignants.csv') },
    })
    expect(response.statusCode).toBe(201)
    const report = response.json() as ImportReport
    expect(report.files.map((f) => [f.kind, f.records, f.encoding])).toEqual([
      ['pupils', 247, 'windows-1252'],
      ['guardians', 469, 'windows-1252'],
      ['teachers', 14, 'windows-1252'],
    ])
    // The world's two pupils, parent and teacher are not in the files: they would be missing, not deleted.
    expect(report.schools[0]!.pupils).toEqual({ created: 247, updated: 0, unchanged: 0, missing: 2 })
    expect(await countUsers()).toBe(before)

    const anomalies = await director.get(`${base()}/${report.id}/anomalies?code=possible-duplicate`)
    expect(anomalies.statusCode).toBe(200)
    const lines = (anomalies.json().items as { file: string; line: number }[]).map((a) => a.line)
    expect(lines).toContain(20)
    // PICOT Thierry, rows 368–369: the same address makes them one person, not a question.
    expect(lines).not.toContain(368)

    const applied = await director.post(`${base()}/${report.id}/apply`)
    expect(applied.statusCode).toBe(200)
    expect(applied.json()).toMatchObject({ status: 'applied', canApply: false })
    expect(await countUsers()).toBeGreaterThan(before + 247 + 14)
    const missing = await database.db
      .selectFrom('memberships')
      .select('userId')
      .where('schoolId', '=', world.own.id)
      .where('missingSince', 'is not', null)
      .execute()
    // The director is not in the teachers file, yet stays: an import never takes a school's direction away.
    expect(missing.map((m) => m.userId).sort()).toEqual(
      [world.own.pupilId, world.own.otherClassPupilId, world.own.parentId, world.own.teacherId].sort(),
    )

    const again = await director.post(`${base()}/${report.id}/apply`)
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toBe('Cet import a déjà été appliqué.')
  })

  it('refuses a binary file renamed .csv in French, naming it, and keeps no run', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
    const runs = (await director.get(base())).json().items.length
    const response = await upload(director, { pupils: { name: 'eleves.csv', bytes: png } })
    expect(response.statusCode).toBe(400)
    expect(response.json().detail).toBe(
      '« eleves.csv » n’est pas un fichier CSV : c’est une image PNG. Enregistrez les données au format CSV (séparateur point-virgule) et déposez ce fichier-là.',
    )
    expect((await director.get(base())).json().items.length).toBe(runs)
  })

  it('reports a missing mandatory column and refuses to apply such a run', async () => {
    const text = 'Nom Elève;Prénom Elève;Classe\r\nMARTIN;Léa;CP\r\n'
    const response = await upload(director, { pupils: { name: 'sans-dates.csv', bytes: Buffer.from(text) } })
    expect(response.statusCode).toBe(201)
    const report = response.json() as ImportReport
    expect(report.canApply).toBe(false)
    expect(report.blocking[0]).toContain('colonne obligatoire « Date de naissance » absente')
    const applied = await director.post(`${base()}/${report.id}/apply`)
    expect(applied.statusCode).toBe(409)
    expect(applied.json().detail).toContain('Date de naissance')
  })

  it('refuses a file in the wrong slot and an upload without file', async () => {
    const wrong = await upload(director, {
      teachers: { name: 'eleves.csv', bytes: sample('CSVExtraction-eleves.csv') },
    })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().detail).toContain('élèves')
    const none = await director.post(base(), {})
    expect(none.statusCode).toBe(400)
  })

  it('answers 404 for another school’s runs and imports', async () => {
    const other = await TestClient.signedInAs(test.app, world.users.director)
    const mine = await upload(director, {
      pupils: { name: 'e.csv', bytes: sample('CSVExtraction-eleves.csv') },
    })
    const runId = (mine.json() as ImportReport).id
    const response = await other.get(`/api/schools/${world.other.id}/imports/${runId}`)
    expect(response.statusCode).toBe(404)
    const discard = await director.delete(`${base()}/${runId}`)
    expect(discard.statusCode).toBe(204)
    expect((await director.post(`${base()}/${runId}/apply`)).json().detail).toContain('abandonné')
  })
})

describe('the ONDE import API with a size limit', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    test = await createTestApp(database, { IMPORT_MAX_MB: '1' })
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  it('refuses a file over the limit in French, naming it, and keeps no run', async () => {
    const director = await TestClient.signedInAs(test.app, world.users.director)
    const header = 'Nom Elève;Prénom Elève;Date naissance;Classe\r\n'
    const big = Buffer.from(header + 'MARTIN;Léa;12/03/2019;CP\r\n'.repeat(60_000))
    const { payload, headers } = await multipart({ pupils: { name: 'eleves-enorme.csv', bytes: big } })
    const url = `/api/schools/${world.own.id}/imports`
    const response = await director.request({ method: 'POST', url, payload, headers })
    // Read as it arrives, the file is refused at the limit, before its end.
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      code: 'file-too-large',
      detail:
        '« eleves-enorme.csv » est trop volumineux : il dépasse la limite de 1 Mo. Vérifiez qu’il s’agit bien du fichier attendu.',
    })
    expect((await director.get(url)).json().items).toEqual([])
  })
})
