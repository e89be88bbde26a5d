import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCollectivity, buildSchool, currentSchoolYear } from '../../../testing/factories.ts'
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts'
import { isImportFileError } from '../parsing/errors.ts'
import { expireMissingMemberships } from './grace-period.ts'
import { applyImportRun, createImportRun, type ImportSettings } from './service.ts'

const settings: ImportSettings = { graceDays: 30, codeDays: 60, maxBytes: 1024 * 1024 }

const PUPILS_HEADER = 'Nom Elève;Prénom Elève;Date naissance;Niveau;Classe;Autorisations photos'
const GUARDIANS_HEADER =
  'Nom responsable;Prénom responsable;Adresse responsable;CP responsable;Courriel;Nom de famille enfant;Prénom enfant;Classes enfants;Nom de famille enfant;Prénom enfant;Classes enfants'

const file = (
  name: string,
  schoolId: string,
  lines: string[],
  kind?: 'pupils' | 'guardians' | 'teachers',
) => ({
  name,
  schoolId,
  uai: null,
  ...(kind ? { kind } : {}),
  source: [Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')],
})

describe('the ONDE import service', () => {
  let database: TestDatabase
  let schoolId: string
  const db = () => database.db

  const count = async (table: 'users' | 'memberships' | 'familyLinks' | 'classMembers' | 'classes') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const snapshot = async () => ({
    users: await count('users'),
    memberships: await count('memberships'),
    links: await count('familyLinks'),
    classMembers: await count('classMembers'),
    classes: await count('classes'),
  })

  beforeAll(async () => {
    database = await createTestDatabase()
    const collectivity = await buildCollectivity(db())
    schoolId = (await buildSchool(db(), { collectivityId: collectivity.id })).id
    await currentSchoolYear(db())
  })
  afterAll(() => database.drop())

  it('moves a pupil to the class of the new file, adds a guardian’s second child, and changes nothing else', async () => {
    const pupils = [PUPILS_HEADER, 'MARTIN;Léa;12/03/2019;CP;CP;Oui', 'MARTIN;Hugo;2017-05-01;CE2;CE2;Non']
    const guardians = [GUARDIANS_HEADER, 'MARTIN;Claire;3 rue des Lilas;59000;;MARTIN;Léa;CP;;;']
    const first = await createImportRun(db(), settings, {
      schoolId,
      actorId: null,
      files: [file('eleves.csv', schoolId, pupils), file('parents.csv', schoolId, guardians)],
    })
    await applyImportRun(db(), settings, first.id, schoolId, null)

    const next = await createImportRun(db(), settings, {
      schoolId,
      actorId: null,
      files: [
        file('eleves.csv', schoolId, [
          PUPILS_HEADER,
          'MARTIN;Léa;12/03/2019;CE1;CE1;Oui',
          'MARTIN;Hugo;2017-05-01;CE2;CE2;Non',
        ]),
        file('parents.csv', schoolId, [
          GUARDIANS_HEADER,
          'MARTIN;Claire;3 rue des Lilas;59000;;MARTIN;Léa;CE1;MARTIN;Hugo;CE2',
        ]),
      ],
    })
    const school = next.schools[0]!
    expect(school.pupils).toEqual({ created: 0, updated: 1, unchanged: 1, missing: 0 })
    expect(school.guardians).toEqual({ created: 0, updated: 1, unchanged: 0, missing: 0 })
    expect(school.familyLinks).toEqual({ created: 1, existing: 1 })
    await applyImportRun(db(), settings, next.id, schoolId, null)
    const { rows } = await sql<{ name: string; class: string }>`
      select u.first_name as name, c.name as class from users u
      join class_members cm on cm.user_id = u.id and cm.role = 'pupil'
      join classes c on c.school_id = cm.school_id and c.id = cm.class_id
      where cm.school_id = ${schoolId} order by u.first_name
    `.execute(db())
    expect(rows).toEqual([
      { name: 'Hugo', class: 'CE2' },
      { name: 'Léa', class: 'CE1' },
    ])
    // The consent seed of the first import stays (an import never overwrites a consent record).
    const consents = await db()
      .selectFrom('imageConsents')
      .select(['status'])
      .where('schoolId', '=', schoolId)
      .execute()
    expect(consents.map((c) => c.status).sort()).toEqual(['granted', 'refused'])
  })

  it('serialises two imports of the same school: the second, planned before the first applied, creates nobody twice', async () => {
    const lines = [PUPILS_HEADER, 'DURAND;Inès;01/09/2018;CP;CP;', 'DURAND;Noé;01/09/2018;CP;CP;']
    const a = await createImportRun(db(), settings, {
      schoolId,
      actorId: null,
      files: [file('a.csv', schoolId, lines)],
    })
    const b = await createImportRun(db(), settings, {
      schoolId,
      actorId: null,
      files: [file('b.csv', schoolId, lines)],
    })
    expect(a.schools[0]!.pupils.created).toBe(2)
    expect(b.schools[0]!.pupils.created).toBe(2)
    const before = await count('users')
    await Promise.all([
      applyImportRun(db(), settings, a.id, schoolId, null, {
        confirmMissing: a.missingToConfirm ?? undefined,
      }),
      applyImportRun(db(), settings, b.id, schoolId, null, {
        confirmMissing: b.missingToConfirm ?? undefined,
      }),
    ])
    expect(await count('users')).toBe(before + 2)
  })

  it('lets people missing from an import keep access for the grace period, then they leave', async () => {
    const lines = [PUPILS_HEADER, 'DURAND;Inès;01/09/2018;CP;CP;']
    const run = await createImportRun(db(), settings, {
      schoolId,
      actorId: null,
      files: [file('c.csv', schoolId, lines)],
    })
    expect(run.schools[0]!.pupils.missing).toBe(3)
    // Three of four pupils is more than 20 % of the school: applying asks for that number first.
    expect(run.missingToConfirm).toBe(3)
    await expect(applyImportRun(db(), settings, run.id, schoolId, null)).rejects.toMatchObject({
      code: 'confirm-missing',
      message: expect.stringContaining('Cet import marquerait 3 personne(s) absente(s)'),
    })
    await expect(
      applyImportRun(db(), settings, run.id, schoolId, null, { confirmMissing: 2 }),
    ).rejects.toMatchObject({ code: 'confirm-missing' })
    await applyImportRun(db(), settings, run.id, schoolId, null, { confirmMissing: 3 })
    const active = async () =>
      Number(
        (
          await db()
            .selectFrom('memberships')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('schoolId', '=', schoolId)
            .where('profile', '=', 'pupil')
            .where('leftAt', 'is', null)
            .executeTakeFirstOrThrow()
        ).n,
      )
    expect(await active()).toBe(4)
    const day = 86_400_000
    await expireMissingMemberships(db(), new Date(Date.now() + 29 * day), 30)
    expect(await active()).toBe(4)
    const result = await expireMissingMemberships(db(), new Date(Date.now() + 31 * day), 30)
    expect(result.left).toBe(3)
    expect(await active()).toBe(1)
  })

  it('never writes half an import and names the line of what it refuses, whatever the file (property)', async () => {
    const valid = [
      PUPILS_HEADER,
      'LEROY;Jules;04/02/2016;CM1;CM1;Oui',
      'PETIT;Zoé;2015-11-30;CM2;CM2;Non',
      '"FAURE";"Anaïs";"31/12/2016";"CM1";"CM1";""',
    ].join('\r\n')
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 8 }) }),
      fc.record({
        kind: fc.constant('delete' as const),
        at: fc.nat(),
        length: fc.integer({ min: 1, max: 12 }),
      }),
      fc.record({
        kind: fc.constant('bytes' as const),
        at: fc.nat(),
        bytes: fc.uint8Array({ maxLength: 6 }),
      }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 5 }), async (mutations) => {
        let bytes = Buffer.from(valid, 'utf8')
        for (const m of mutations) {
          const at = m.at % (bytes.length + 1)
          if (m.kind === 'insert')
            bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text), bytes.subarray(at)])
          else if (m.kind === 'delete')
            bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)])
          else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)])
        }
        const before = await snapshot()
        const lineCount = bytes.toString('latin1').split(/\r\n|\r|\n/).length
        try {
          const report = await createImportRun(db(), settings, {
            schoolId,
            actorId: null,
            files: [{ name: 'fuzz.csv', schoolId, uai: null, kind: 'pupils', source: [bytes] }],
          })
          expect(await snapshot()).toEqual(before)
          const anomalies = await db()
            .selectFrom('importAnomalies')
            .select(['line', 'message'])
            .where('runId', '=', report.id)
            .execute()
          for (const anomaly of anomalies) {
            expect(anomaly.line).toBeGreaterThanOrEqual(1)
            expect(anomaly.line).toBeLessThanOrEqual(lineCount)
            expect(anomaly.message.length).toBeGreaterThan(10)
          }
          if (report.canApply)
            await applyImportRun(db(), settings, report.id, schoolId, null, {
              confirmMissing: report.missingToConfirm ?? undefined,
            })
        } catch (error) {
          // What cannot be read is refused as a whole, in French, and nothing changed.
          if (!isImportFileError(error)) throw error
          expect(error.message).toContain('« fuzz.csv »')
          expect(await snapshot()).toEqual(before)
        }
      }),
      { numRuns: 25 },
    )
  })
})
