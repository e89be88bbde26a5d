import { describe, expect, it } from 'vitest'
import { useSchoolDirectoryApi } from './test-api.ts'
import { SAMPLE_COMMUNES, sampleText, sampleWith } from './test-support.ts'

/**
 * The import of the national directory through the API: what it plans, applies and reports for the
 * sample's 10 schools against an intercommunality that covers 4 of their communes.
 */
describe('school directory import', () => {
  const api = useSchoolDirectoryApi()

  it('plans the sample for a collectivity covering 4 of its communes, and changes nothing', async () => {
    const before = await api.allSchools()
    const dryRun = await api.report(sampleText(), { file: 'annuaire.csv' })
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
    expect(await api.allSchools()).toEqual(before)
    expect(await api.auditEntries()).toEqual([])
  })

  it('applies the plan in one go, with one audit entry; applying the same file again changes nothing', async () => {
    const applied = await api.report(sampleText(), { apply: true })
    expect(applied.applied).toBe(true)
    expect(applied.counts).toMatchObject({ created: 4, updated: 0, unchanged: 0 })
    const schools = await api.database.db
      .selectFrom('schools')
      .select(['id', 'uai', 'name', 'kind', 'inseeCode', 'circonscription'])
      .where('collectivityId', '=', api.epciId)
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
    const [audit, ...more] = await api.auditEntries()
    expect(more).toEqual([])
    expect(audit).toMatchObject({
      actorId: api.world.users.syndicateAdmin,
      targetType: 'collectivity',
      details: {
        file: 'annuaire.csv',
        created: ['0590318A', '0590319B', '0590362Y', '0590405V'],
        updated: [],
        unchanged: 0,
        anomalies: 0,
      },
    })

    const before = await api.allSchools()
    const again = await api.report(sampleText(), { apply: true })
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 4, anomalies: 0 })
    expect(again.unchanged.map((entry) => entry.schoolId)).toEqual(schools.map((s) => s.id))
    expect(await api.allSchools()).toEqual(before)
  })

  it('updates what the directory changed, keeping a name typed with its accents and a circonscription it lacks', async () => {
    await api.report(sampleText(), { apply: true })
    await api.database.db
      .updateTable('schools')
      .set({ name: 'École élémentaire du Centre', kind: 'primaire', circonscription: 'Ancienne' })
      .where('uai', '=', '0590319B')
      .execute()
    await api.database.db
      .updateTable('schools')
      .set({ name: 'Maternelle Gérard Philipe', circonscription: 'Douai-Cuincy (saisie à la main)' })
      .where('uai', '=', '0590405V')
      .execute()
    const changed = sampleWith({ 6: { circonscription: '' } })

    const dryRun = await api.report(changed)
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

    await api.report(changed, { apply: true })
    const rows = await api.database.db
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
    expect((await api.report(changed)).counts).toMatchObject({ updated: 0, unchanged: 4 })
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
    const dryRun = await api.report(file, { file: 'extrait.csv' })
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
    const applied = await api.report(file, { apply: true, file: 'extrait.csv' })
    expect(applied.created.map((entry) => entry.uai)).toEqual(['0590318A', '0590319B', '0590362Y'])
    expect(applied.created[0]?.name).toBe('École primaire Berthelot')
  })

  it('never moves a school of another collectivity, and says so at its line', async () => {
    const taken = await api.database.db
      .insertInto('schools')
      .values({
        collectivityId: api.world.other.collectivityId,
        uai: '0590362Y',
        name: 'École Joliot-Curie',
        kind: 'elementaire',
        inseeCode: '59165',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    try {
      const applied = await api.report(sampleText(), { apply: true })
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
      const school = await api.database.db
        .selectFrom('schools')
        .select(['collectivityId', 'name'])
        .where('id', '=', taken.id)
        .executeTakeFirstOrThrow()
      expect(school).toEqual({ collectivityId: api.world.other.collectivityId, name: 'École Joliot-Curie' })
    } finally {
      await api.database.db.deleteFrom('schools').where('id', '=', taken.id).execute()
    }
  })

  it('reports a closed school it has, and one the directory places outside the collectivity', async () => {
    await api.report(sampleText(), { apply: true })
    const dryRun = await api.report(
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
})
