import { describe, expect, it, vi } from 'vitest'
import { CLASS_LEVELS } from '../../../../contract/structures.ts'
import { openImportFile } from './read-file.ts'
import type { GuardianRecord, PupilRecord } from './records.ts'
import {
  chunked,
  expectFileErrorMessage,
  fileError,
  readBytes,
  readSample,
  sampleBytes,
} from './test-support.ts'

/** The real files of the field, read whole: counts and a few exact records. */

describe('the ONDE pupils export', () => {
  it('reads its 247 pupils from ISO-8859-1, without a single anomaly', async () => {
    const result = await readSample('pupils')
    expect(result.kind).toBe('pupils')
    expect(result.encoding).toBe('windows-1252')
    expect(result.anomalies).toEqual([])
    expect(result.records).toHaveLength(247)
    // One pupil per physical line after the header, in file order.
    expect(result.records.map((record) => record.line)).toEqual(Array.from({ length: 247 }, (_, i) => i + 2))
    expect(result.records[0]).toEqual({
      type: 'pupil',
      file: 'CSVExtraction-eleves.csv',
      line: 2,
      lastName: 'BELMAHDI',
      usageName: null,
      firstName: 'Mathilde',
      birthDate: '2006-08-17',
      className: 'CE1',
      level: 'CE1',
      classLevels: ['CE1'],
      cycle: 'CYCLE II',
      addresses: [],
      imageConsent: 'granted',
    } satisfies PupilRecord)
  })

  it('keeps accents and reads the photo consent of every pupil', async () => {
    const { records } = await readSample('pupils')
    const names = records.map((record) => `${record.firstName} ${record.lastName}`)
    expect(names).toContain('Eléa CAILLET')
    expect(names).toContain('Maëlle CHAINTREUIL')
    expect(records.at(-1)).toMatchObject({ line: 248, lastName: 'VALIER-BRASIER', firstName: 'Pauline' })
    const consents = records.map((record) => record.imageConsent)
    expect(consents.filter((consent) => consent === 'granted')).toHaveLength(123)
    expect(consents.filter((consent) => consent === 'refused')).toHaveLength(124)
  })

  it('finds every level from TPS to CM2, and reads the CLIS class as level ULIS', async () => {
    const { records } = await readSample('pupils')
    const perClass = new Map<string, number>()
    for (const record of records) {
      perClass.set(record.className!, (perClass.get(record.className!) ?? 0) + 1)
      if (record.className === 'CLIS') expect(record).toMatchObject({ level: 'ULIS', classLevels: ['ULIS'] })
      else expect(record.level).toBe(record.className)
    }
    expect(Object.fromEntries(perClass)).toEqual({
      TPS: 23,
      PS: 26,
      MS: 22,
      GS: 26,
      CP: 28,
      CE1: 28,
      CE2: 27,
      CM1: 22,
      CM2: 24,
      CLIS: 21,
    })
    expect(new Set(records.map((record) => record.level))).toEqual(new Set(CLASS_LEVELS))
    expect(records.find((record) => record.line === 57)).toMatchObject({
      lastName: 'AVIGNON',
      firstName: 'Julien',
      className: 'CLIS',
      level: 'ULIS',
      cycle: 'CYCLE II',
    })
  })
})

describe('the ONDE guardians export', () => {
  it('reads its 469 guardians (unquoted, LF) and the 491 children they name', async () => {
    const result = await readSample('guardians')
    expect(result.kind).toBe('guardians')
    expect(result.encoding).toBe('windows-1252')
    expect(result.anomalies).toEqual([])
    expect(result.records).toHaveLength(469)
    expect(result.records.reduce((sum, record) => sum + record.children.length, 0)).toBe(491)
    const byCount = new Map<number, number>()
    for (const record of result.records) {
      byCount.set(record.children.length, (byCount.get(record.children.length) ?? 0) + 1)
    }
    expect(Object.fromEntries(byCount)).toEqual({ 1: 450, 2: 16, 3: 3 })
  })

  it('reads line 2, ADJIBEL Corinne, with her three children of three classes', async () => {
    const { records } = await readSample('guardians')
    expect(records[0]).toEqual({
      type: 'guardian',
      file: 'CSVExtraction-responsables.csv',
      line: 2,
      civility: 'Mme',
      lastName: 'ADJIBEL',
      usageName: null,
      firstName: 'Corinne',
      address: '40 Avenue Beaucour',
      postcode: '61000',
      city: 'Alençon',
      country: null,
      email: null,
      phones: [],
      children: [
        { lastName: 'MARTINEZ', usageName: null, firstName: 'Alexandre', className: 'CE2' },
        { lastName: 'MARTINEZ', usageName: null, firstName: 'Marjolaine', className: 'CM1' },
        { lastName: 'DRAHONNET', usageName: null, firstName: 'Cassandra', className: 'CP' },
      ],
    } satisfies GuardianRecord)
    expect(records.at(-1)).toMatchObject({
      line: 470,
      lastName: 'WYN',
      city: 'Condé sur Sarthe',
      children: [{ lastName: 'JAPEL', firstName: 'Julien', className: 'CM1' }],
    })
  })
})

describe('the hand-made teachers file', () => {
  it('reads its 14 teachers, the director and the classes they hold', async () => {
    const result = await readSample('teachers')
    expect(result.kind).toBe('teachers')
    expect(result.anomalies).toEqual([])
    expect(result.records).toHaveLength(14)
    expect(result.records.filter((teacher) => teacher.isDirector)).toEqual([
      expect.objectContaining({ line: 11, civility: 'Mme', lastName: 'PALLISE', classNames: ['CM2'] }),
    ])
    expect(result.records.find((teacher) => teacher.lastName === 'O BRIEN')).toEqual({
      type: 'teacher',
      file: 'CSVExtraction-enseignants.csv',
      line: 9,
      civility: 'M.',
      lastName: 'O BRIEN',
      usageName: null,
      firstName: 'Brian',
      birthDate: null,
      email: null,
      phones: [],
      isDirector: false,
      function: null,
      classNames: ['CLIS'],
    })
  })
})

describe('the templates of another ENT', () => {
  it('reads the pupils template: dd/mm/yyyy dates, levels from class names', async () => {
    const result = await readSample('templatePupils')
    expect(result.kind).toBe('pupils')
    expect(result.anomalies).toEqual([])
    expect(result.records).toHaveLength(7)
    expect(result.records[0]).toMatchObject({
      line: 2,
      firstName: 'Léa',
      lastName: 'COLIN',
      birthDate: '2014-08-13',
      className: 'CP de Mme BROSSARD',
      level: 'CP',
      classLevels: ['CP'],
    })
    expect(result.records.map((pupil) => pupil.level)).toEqual(['CP', 'CM2', 'PS', 'CE2', 'CE2', 'CP', 'CM2'])
  })

  it('reads the parents template with up to three children per parent', async () => {
    const result = await readSample('templateParents')
    expect(result.kind).toBe('guardians')
    expect(result.anomalies).toEqual([])
    expect(result.records).toHaveLength(8)
    expect(result.records.find((parent) => parent.firstName === 'Julie')).toMatchObject({
      line: 5,
      lastName: 'COLIN',
      children: [
        { lastName: 'COLIN', firstName: 'Léa', className: 'CP de Mme BROSSARD' },
        { lastName: 'COLIN', firstName: 'Zoé', className: 'PS de Carole' },
        { lastName: 'COLIN', firstName: 'Théo', className: 'CM2 de M. ARNOULD' },
      ],
    })
  })

  it('reads the teachers and staff templates as teachers, phones normalised', async () => {
    const teachers = await readSample('templateTeachers')
    expect(teachers.kind).toBe('teachers')
    expect(teachers.anomalies).toEqual([])
    expect(teachers.records[0]).toMatchObject({
      lastName: 'SIMANI',
      firstName: 'Félicité',
      birthDate: '1980-08-13',
      function: 'Mathématiques',
      email: 'no-reply@entcore.org',
      phones: ['0102030405', '0605040302'],
      classNames: ['CSV1', 'CSV2'],
      isDirector: false,
    })
    const staff = await readSample('templateStaff')
    expect(staff.kind).toBe('teachers')
    expect(staff.records.map((person) => [person.lastName, person.function, person.isDirector])).toEqual([
      ['BARBOZA', 'CPE', false],
      ['PERCEVAULT', 'Direction', true],
      ['CALAMARO', 'AED', false],
    ])
  })

  it('refuses the guests template, whose headers would pass for teachers', async () => {
    for (const expectedKind of [undefined, 'teachers', 'pupils'] as const) {
      const error = await fileError(readSample('templateGuests', expectedKind))
      expect(error.code).toBe('unrecognised-file')
      expectFileErrorMessage(error, 'fr_CSV_Invites.csv')
      expect(error.message).toContain('invités')
    }
  })
})

describe('the national school directory', () => {
  it('reads its 10 schools from UTF-8, kinds from the two flags', async () => {
    const result = await readSample('schools')
    expect(result.kind).toBe('schools')
    expect(result.encoding).toBe('utf-8')
    expect(result.anomalies).toEqual([])
    expect(result.records.map((school) => [school.uai, school.kind])).toEqual([
      ['0590318A', 'primaire'],
      ['0590319B', 'elementaire'],
      ['0590329M', 'primaire'],
      ['0590362Y', 'elementaire'],
      ['0590405V', 'maternelle'],
      ['0590440H', 'primaire'],
      ['0590458C', 'maternelle'],
      ['0590522X', 'primaire'],
      ['0590602J', 'elementaire'],
      ['0590609S', 'maternelle'],
    ])
    expect(result.records[1]).toEqual({
      type: 'school',
      file: 'annuaire_education_ecoles_npdc_sample.csv',
      line: 3,
      uai: '0590319B',
      name: 'Ecole élémentaire du Centre',
      kind: 'elementaire',
      inseeCode: '59179',
      communeName: 'Douchy-les-Mines',
      postcode: '59282',
      circonscription: "Circonscription d'inspection du 1er degré de Valenciennes-Escaudain",
      open: true,
      establishmentType: 'Ecole',
      sector: 'public',
    })
  })

  it('refuses another open data set of schools, naming its headers', async () => {
    const error = await fileError(readSample('ips'))
    expect(error.code).toBe('unrecognised-file')
    expectFileErrorMessage(error, 'ips_ecoles_academie_lille_2021-2022_sample.csv')
    expect(error.message).toContain('« Rentrée scolaire »')
  })
})

describe('the upload slot', () => {
  it('reads a file in the slot of its kind exactly as without one', async () => {
    expect(await readSample('pupils', 'pupils')).toEqual(await readSample('pupils'))
    expect(await readSample('guardians', 'guardians')).toEqual(await readSample('guardians'))
  })

  it('refuses a file dropped in the slot of another kind, saying what it looks like', async () => {
    const error = await fileError(readSample('guardians', 'pupils'))
    expect(error.code).toBe('wrong-file-kind')
    expectFileErrorMessage(error, 'CSVExtraction-responsables.csv')
    expect(error.message).toContain('responsables')
    expect(error.message).toContain('élèves')
  })

  it('lets the slot decide when the headers fit two kinds equally', async () => {
    // « Prénom;Nom;Date de naissance;Classes » is a complete pupils file and a complete teachers file.
    const asTeachers = await readSample('templatePupils', 'teachers')
    expect(asTeachers.kind).toBe('teachers')
    expect(asTeachers.records[0]).toMatchObject({ lastName: 'COLIN', classNames: ['CP de Mme BROSSARD'] })
  })
})

describe('streaming', () => {
  it('gives kind, encoding and columns on opening, then the same records whatever the chunk size', async () => {
    const bytes = sampleBytes('guardians')
    const opened = await openImportFile(chunked(bytes, 1000), { file: 'r.csv', maxBytes: 1_000_000 })
    expect(opened.kind).toBe('guardians')
    expect(opened.rejected).toBe(false)
    expect(opened.match.childBlocks).toHaveLength(3)
    const whole = await readBytes(bytes, 'r.csv', { chunkSize: bytes.length })
    for (const chunkSize of [1, 3, 7, 4096]) {
      expect(await readBytes(bytes, 'r.csv', { chunkSize })).toEqual(whole)
    }
  })

  it('reads text chunks as well as bytes', async () => {
    async function* text() {
      yield 'Nom élève;Prénom élève;Date naissance;Classe\n'
      yield 'DUPONT;Léa;01/09/2016;CP\n'
    }
    const result = await openImportFile(text(), { file: 'texte.csv', maxBytes: 1000 })
    const items = []
    for await (const item of result.items) items.push(item)
    expect(items).toEqual([
      {
        type: 'record',
        record: expect.objectContaining({ line: 2, firstName: 'Léa', birthDate: '2016-09-01' }),
      },
    ])
  })

  it('releases the source when the caller stops reading, or never starts', async () => {
    const file = sampleBytes('guardians')
    const rows = file.subarray(file.indexOf(10) + 1)
    for (const stopAfter of [0, 5]) {
      let released = false
      async function* source() {
        try {
          yield file
          for (let i = 0; i < 100; i++) yield rows
        } finally {
          released = true
        }
      }
      const opened = await openImportFile(source(), { file: 'r.csv', maxBytes: 100_000_000 })
      let read = 0
      if (stopAfter === 0) await opened.items.return(undefined)
      else for await (const _ of opened.items) if (++read === stopAfter) break
      // The stream under the parser is torn down asynchronously: the source is released just after.
      await vi.waitFor(() => expect(released).toBe(true), { timeout: 1000 })
    }
  })

  it('releases the source of a refused file', async () => {
    let released = false
    async function* source() {
      try {
        yield Buffer.from('Jour;Entrée;Plat;Dessert\n')
        for (let i = 0; i < 100; i++) yield Buffer.from('lundi;carottes râpées;hachis;pomme\n'.repeat(10_000))
      } finally {
        released = true
      }
    }
    const error = await fileError(openImportFile(source(), { file: 'menus.csv', maxBytes: 100_000_000 }))
    expect(error.code).toBe('unrecognised-file')
    await vi.waitFor(() => expect(released).toBe(true), { timeout: 1000 })
  })
})
