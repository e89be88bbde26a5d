import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SchoolDirectoryReport } from '../../contract/school-directory.ts'
import {
  DIRECTORY_SAMPLE,
  SAMPLE_COMMUNES,
  sampleWith,
} from '../../server/modules/imports/school-directory/test-support.ts'
import { buildCollectivity } from '../../server/testing/factories.ts'
import { createTestDatabase, type TestDatabase } from '../../server/testing/test-database.ts'
import { runPreau } from '../testing/run-preau.ts'

/**
 * `preau import annuaire`, run as a new process on a migrated test database: the sample's schools of
 * Denain and Douchy-les-Mines into a collectivity covering those two communes.
 */
describe('preau import annuaire', { timeout: 120_000 }, () => {
  let database: TestDatabase
  let siren: string
  let collectivityId: string
  let folder: string

  beforeAll(async () => {
    database = await createTestDatabase()
    const collectivity = await buildCollectivity(database.db, {
      kind: 'epci',
      name: 'CA de la Porte du Hainaut',
      communeCodes: [SAMPLE_COMMUNES.denain, SAMPLE_COMMUNES.douchy],
    })
    siren = collectivity.siren
    collectivityId = collectivity.id
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-annuaire-'))
  })
  afterAll(async () => {
    await fs.rm(folder, { recursive: true, force: true })
    await database.drop()
  })

  const preau = (args: string[]) => runPreau(args, { DATABASE_URL: database.url })

  const schoolsOf = () =>
    database.db
      .selectFrom('schools')
      .select(['uai', 'name', 'kind'])
      .where('collectivityId', '=', collectivityId)
      .orderBy('uai')
      .execute()

  it('documents itself and its exit codes', async () => {
    const run = await preau(['import', 'annuaire', '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('--collectivity <siren>')
    expect(run.stdout).toContain('5  terminé, mais le rapport signale des anomalies')
  })

  it('simulates by default: a table of counts, the schools it would create, and nothing changes', async () => {
    const run = await preau(['import', 'annuaire', DIRECTORY_SAMPLE, '--collectivity', siren])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toBe(
      `Annuaire « annuaire_education_ecoles_npdc_sample.csv » pour CA de la Porte du Hainaut (SIREN ${siren}) — simulation : rien n’a changé.`,
    )
    expect(lines).toContain('  Écoles à créer                                      2')
    expect(lines).toContain('  Ignorées : autres communes                          8')
    expect(lines).toContain('  ligne 2  0590318A  École primaire Berthelot (primaire, 59172 Denain)')
    expect(lines).toContain('Pour appliquer : relancez avec --apply.')
    expect(await schoolsOf()).toEqual([])
  })

  it('applies with --apply, then finds nothing to do; --json gives the report', async () => {
    const applied = await preau(['import', 'annuaire', DIRECTORY_SAMPLE, '--collectivity', siren, '--apply'])
    expect(applied.code).toBe(0)
    expect(applied.stdout).toContain('— appliqué.')
    expect(await schoolsOf()).toEqual([
      { uai: '0590318A', name: 'École primaire Berthelot', kind: 'primaire' },
      { uai: '0590319B', name: 'École élémentaire du Centre', kind: 'elementaire' },
    ])
    const audit = await database.db
      .selectFrom('auditLog')
      .select(['actorId', 'details'])
      .where('action', '=', 'schoolDirectory.import')
      .execute()
    expect(audit).toEqual([
      {
        actorId: null,
        details: expect.objectContaining({ via: 'cli', created: ['0590318A', '0590319B'] }),
      },
    ])

    const again = await preau(['import', 'annuaire', DIRECTORY_SAMPLE, '--collectivity', siren, '--json'])
    expect(again.code).toBe(0)
    const report = JSON.parse(again.stdout) as SchoolDirectoryReport
    expect(report.counts).toMatchObject({ read: 10, created: 0, updated: 0, unchanged: 2, anomalies: 0 })
  })

  it('lists each anomaly with its file and line, and exits 5', async () => {
    const file = path.join(folder, 'extrait.csv')
    await fs.writeFile(file, sampleWith({ 3: { uai: '0590319C' } }))
    const run = await preau(['import', 'annuaire', file, '--collectivity', siren])
    expect(run.code).toBe(5)
    expect(run.stdout).toContain(
      '  « extrait.csv », ligne 3 : UAI invalide « 0590319C » (la lettre de contrôle serait B)',
    )
    expect(run.stderr.trim()).toBe('1 anomalie(s) : ces lignes n’ont pas été importées (voir le rapport).')
    const json = await preau(['import', 'annuaire', file, '--collectivity', siren, '--json'])
    expect(json.code).toBe(5)
    expect((JSON.parse(json.stdout) as SchoolDirectoryReport).anomalies).toEqual([
      expect.objectContaining({ file: 'extrait.csv', line: 3, code: 'invalid-uai' }),
    ])
  })

  it('exits 4 on a file it cannot read or use, and on an unknown collectivity; 2 on a bad SIREN', async () => {
    const missing = await preau([
      'import',
      'annuaire',
      path.join(folder, 'absent.csv'),
      '--collectivity',
      siren,
    ])
    expect(missing.code).toBe(4)
    expect(missing.stderr).toContain('fichier introuvable')

    const image = path.join(folder, 'photo.csv')
    await fs.writeFile(
      image,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 1, 2]),
    )
    const binary = await preau(['import', 'annuaire', image, '--collectivity', siren, '--apply'])
    expect(binary.code).toBe(4)
    expect(binary.stderr.trim()).toBe(
      '« photo.csv » n’est pas un fichier CSV : c’est une image PNG. Enregistrez les données au format CSV (séparateur point-virgule) et déposez ce fichier-là.',
    )

    const unknown = await preau(['import', 'annuaire', DIRECTORY_SAMPLE, '--collectivity', '215903501'])
    expect(unknown.code).toBe(4)
    expect(unknown.stderr.trim()).toBe('Aucune collectivité membre n’a le SIREN 215903501.')

    const bad = await preau(['import', 'annuaire', DIRECTORY_SAMPLE, '--collectivity', '123'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('SIREN invalide')
    expect(await schoolsOf()).toHaveLength(2)
  })
})
