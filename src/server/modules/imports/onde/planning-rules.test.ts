import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCollectivity, buildSchool, currentSchoolYear } from '../../../testing/factories.ts'
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts'
import { applyImportRun, createImportRun, type ImportSettings } from './service.ts'

const settings: ImportSettings = { graceDays: 30, codeDays: 60, maxBytes: 1024 * 1024 }
const PUPILS_HEADER = 'Nom Elève;Prénom Elève;Date naissance;Niveau;Classe;Autorisations photos'
const GUARDIANS_HEADER =
  'Nom responsable;Prénom responsable;Adresse responsable;CP responsable;Courriel;Nom de famille enfant;Prénom enfant;Classes enfants'

const file = (name: string, schoolId: string, lines: string[]) => ({
  name,
  schoolId,
  uai: null,
  source: [Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')],
})

describe('what the ONDE import keeps out, and says so', () => {
  let database: TestDatabase
  let collectivityId: string
  const db = () => database.db
  const anomaliesOf = (runId: string, code: string) =>
    db()
      .selectFrom('importAnomalies')
      .select(['line', 'message', 'outcome'])
      .where('runId', '=', runId)
      .where('code', '=', code)
      .orderBy('line')
      .execute()
  const parentsOf = (schoolId: string) =>
    db()
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.userId')
      .select('users.displayName')
      .where('memberships.schoolId', '=', schoolId)
      .where('memberships.profile', '=', 'parent')
      .orderBy('users.displayName')
      .execute()

  beforeAll(async () => {
    database = await createTestDatabase()
    collectivityId = (await buildCollectivity(db())).id
    await currentSchoolYear(db())
  })
  afterAll(() => database.drop())

  it('creates no account for a guardian none of whose children is a pupil of the school, then creates it when the child comes', async () => {
    const schoolId = (await buildSchool(db(), { collectivityId, kind: 'elementaire' })).id
    const pupils = [PUPILS_HEADER, 'ROUX;Jade;12/03/2019;CP;CP;Oui']
    const guardians = [
      GUARDIANS_HEADER,
      'ROUX;Inès;1 rue Haute;59000;;ROUX;Jade;CP',
      'BLANC;Marc;2 rue Basse;59000;;BLANC;Tom;CE1',
    ]
    const report = await createImportRun(db(), settings, {
      schoolId,
      actorId: null,
      files: [file('eleves.csv', schoolId, pupils), file('parents.csv', schoolId, guardians)],
    })
    expect(report.schools[0]!.guardians.created).toBe(1)
    expect(await anomaliesOf(report.id, 'guardian-without-child')).toEqual([
      {
        line: 3,
        outcome: 'row-dropped',
        message:
          'Marc BLANC : aucun de ses enfants ne figure parmi les élèves de l’école, ce compte n’est pas créé. Il le sera au prochain import où son enfant figure.',
      },
    ])
    await applyImportRun(db(), settings, report.id, schoolId, null)
    expect(await parentsOf(schoolId)).toEqual([{ displayName: 'Inès ROUX' }])

    const later = await createImportRun(db(), settings, {
      schoolId,
      actorId: null,
      files: [
        file('eleves.csv', schoolId, [...pupils, 'BLANC;Tom;2018-01-04;CE1;CE1;Non']),
        file('parents.csv', schoolId, guardians),
      ],
    })
    expect(await anomaliesOf(later.id, 'guardian-without-child')).toEqual([])
    expect(later.schools[0]!.guardians).toMatchObject({ created: 1, unchanged: 1 })
    await applyImportRun(db(), settings, later.id, schoolId, null)
    expect(await parentsOf(schoolId)).toEqual([{ displayName: 'Inès ROUX' }, { displayName: 'Marc BLANC' }])
  })

  it('reports CE1 pupils in an école maternelle (and PS in an élémentaire) before anything is written', async () => {
    const maternelle = (await buildSchool(db(), { collectivityId, kind: 'maternelle' })).id
    const report = await createImportRun(db(), settings, {
      schoolId: maternelle,
      actorId: null,
      files: [
        file('eleves.csv', maternelle, [
          PUPILS_HEADER,
          'PETIT;Lou;12/03/2022;MS;MS;Oui',
          'GRAND;Noé;12/03/2018;CE1;CE1;Oui',
        ]),
      ],
    })
    expect(await anomaliesOf(report.id, 'level-not-in-school')).toEqual([
      {
        line: 3,
        outcome: 'row-kept',
        message:
          'Noé GRAND : le niveau CE1 n’existe pas dans une école maternelle. Ce fichier est-il bien celui de cette école ?',
      },
    ])
    expect(report.anomalyCodes['level-not-in-school']).toBe(1)

    const elementaire = (await buildSchool(db(), { collectivityId, kind: 'elementaire' })).id
    const wrong = await createImportRun(db(), settings, {
      schoolId: elementaire,
      actorId: null,
      files: [file('eleves.csv', elementaire, [PUPILS_HEADER, 'PETIT;Lou;12/03/2022;PS;PS;Oui'])],
    })
    expect((await anomaliesOf(wrong.id, 'level-not-in-school')).map((a) => a.line)).toEqual([2])
    const primaire = (await buildSchool(db(), { collectivityId, kind: 'primaire' })).id
    const any = await createImportRun(db(), settings, {
      schoolId: primaire,
      actorId: null,
      files: [
        file('eleves.csv', primaire, [
          PUPILS_HEADER,
          'PETIT;Lou;12/03/2022;PS;PS;Oui',
          'GRAND;Noé;12/03/2018;CE1;CE1;Oui',
        ]),
      ],
    })
    expect(await anomaliesOf(any.id, 'level-not-in-school')).toEqual([])
  })
})
