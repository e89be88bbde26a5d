import { createReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isValidUai } from '../../src/contract/codes.ts'
import type { FileKind } from '../../src/server/modules/imports/parsing/file-kinds.ts'
import { readImportFile } from '../../src/server/modules/imports/parsing/read-file.ts'
import type {
  GuardianRecord,
  PupilRecord,
  RecordByKind,
  TeacherRecord,
} from '../../src/server/modules/imports/parsing/records.ts'
import { createTestDatabase } from '../../src/server/testing/test-database.ts'
import { generateDeployment } from './generate.ts'
import {
  ONDE_FILE_NAMES,
  OndeFilesError,
  type OndeFilesSummary,
  toLatin1,
  writeOndeFiles,
} from './onde-files.ts'
import { planOf } from './plan.ts'

const SCHOOLS = 4
const SEED = 7
const TODAY = new Date('2025-10-06T08:00:00Z')
/** Real ONDE exports (the import parsing's reference files). */
const REAL_EXPORTS = path.resolve(import.meta.dirname, '../../src/server/modules/imports/parsing/fixtures')

type School = {
  uai: string
  pupils: PupilRecord[]
  guardians: GuardianRecord[]
  teachers: TeacherRecord[]
  bytes: Record<FileKind, Buffer>
}

let root: string
let summary: OndeFilesSummary
let schools: School[]

async function read<K extends FileKind>(file: string, kind: K): Promise<RecordByKind[K][]> {
  const result = await readImportFile(createReadStream(file), {
    file: path.basename(file),
    maxBytes: 10_000_000,
    expectedKind: kind,
  })
  // Every file reads in Windows-1252 (the superset of ISO-8859-1 the import decodes it with), cleanly.
  expect(result.kind).toBe(kind)
  expect(result.encoding).toBe('windows-1252')
  expect(result.anomalies).toEqual([])
  return result.records
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-onde-files-'))
  summary = await writeOndeFiles({ schools: SCHOOLS, seed: SEED, out: path.join(root, 'a'), today: TODAY })
  const uais = (await fs.readdir(path.join(root, 'a'))).sort()
  schools = []
  for (const uai of uais) {
    const dir = path.join(root, 'a', uai)
    const file = (kind: keyof typeof ONDE_FILE_NAMES) => path.join(dir, ONDE_FILE_NAMES[kind])
    schools.push({
      uai,
      pupils: await read(file('pupils'), 'pupils'),
      guardians: await read(file('guardians'), 'guardians'),
      teachers: await read(file('teachers'), 'teachers'),
      bytes: {
        pupils: await fs.readFile(file('pupils')),
        guardians: await fs.readFile(file('guardians')),
        teachers: await fs.readFile(file('teachers')),
        schools: Buffer.alloc(0),
      },
    })
  }
})

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true })
})

describe('writeOndeFiles', () => {
  it('writes a folder per school, named by the UAI of the school `bench data` plans at that scale', () => {
    const { plan } = planOf(SCHOOLS * 120, SEED)
    const planned = plan.collectivities.flatMap((c) => c.schools)
    expect(schools.map((s) => s.uai)).toEqual(planned.map((s) => s.uai).sort())
    for (const school of schools) expect(isValidUai(school.uai)).toBe(true)
    expect(summary.schools).toBe(SCHOOLS)
    expect(summary.files).toBe(3 * SCHOOLS)
  })

  it('gives each class of the plan its pupils, ~1.5 guardian rows per pupil and ~7 teachers per school', () => {
    const { plan } = planOf(SCHOOLS * 120, SEED)
    for (const planned of plan.collectivities.flatMap((c) => c.schools)) {
      const school = schools.find((s) => s.uai === planned.uai)!
      for (const klass of planned.classes) {
        const inClass = school.pupils.filter((p) => p.className === klass.name)
        expect(inClass, klass.name).toHaveLength(klass.pupils)
        for (const pupil of inClass) expect(klass.levels).toContain(pupil.level)
      }
    }
    const count = (pick: (s: School) => unknown[]) => schools.reduce((n, s) => n + pick(s).length, 0)
    expect(count((s) => s.pupils)).toBe(SCHOOLS * 120)
    expect(summary.pupils).toBe(SCHOOLS * 120)
    expect(count((s) => s.guardians)).toBe(summary.guardians)
    expect(count((s) => s.teachers)).toBe(summary.teachers)
    expect(summary.guardians / summary.pupils).toBeGreaterThan(1.3)
    expect(summary.guardians / summary.pupils).toBeLessThan(1.7)
    expect(summary.teachers / SCHOOLS).toBeGreaterThan(4)
    expect(summary.teachers / SCHOOLS).toBeLessThan(10)
  })

  it('names in every guardian row 1 to 3 children, each a pupil of the school found by names and class', () => {
    let links = 0
    let siblings = 0
    for (const school of schools) {
      const pupils = new Set(school.pupils.map((p) => `${p.lastName}|${p.firstName}|${p.className}`))
      // Names are unique within a school, so a child reference finds exactly one pupil.
      expect(pupils.size).toBe(school.pupils.length)
      const guardians = new Set(school.guardians.map((g) => `${g.lastName}|${g.firstName}`))
      expect(guardians.size).toBe(school.guardians.length)
      const guarded = new Set<string>()
      for (const guardian of school.guardians) {
        expect(guardian.children.length).toBeGreaterThanOrEqual(1)
        expect(guardian.children.length).toBeLessThanOrEqual(3)
        if (guardian.children.length > 1) siblings++
        for (const child of guardian.children) {
          const key = `${child.lastName}|${child.firstName}|${child.className}`
          expect(pupils.has(key), key).toBe(true)
          guarded.add(key)
          links++
        }
      }
      expect(guarded.size).toBe(pupils.size)
    }
    expect(links).toBe(summary.childLinks)
    expect(siblings).toBeGreaterThan(0)
  })

  it('gives each school one director and each class a teacher', () => {
    for (const school of schools) {
      expect(school.teachers.filter((t) => t.isDirector)).toHaveLength(1)
      const taught = new Set(school.teachers.flatMap((t) => t.classNames))
      expect(taught).toEqual(new Set(school.pupils.map((p) => p.className)))
    }
  })

  it('writes plausible pupils: birth dates of their level, consents, accents kept in ISO-8859-1', () => {
    const pupils = schools.flatMap((s) => s.pupils)
    const cp = pupils.filter((p) => p.level === 'CP')
    expect(cp.length).toBeGreaterThan(0)
    // 2025-2026: CP pupils turn 6 in 2025.
    for (const pupil of cp) expect(pupil.birthDate?.slice(0, 4)).toBe('2019')
    expect(new Set(pupils.map((p) => p.imageConsent))).toEqual(new Set(['granted', 'refused']))
    expect(pupils.some((p) => /[éèëïç]/.test(p.firstName))).toBe(true)
    expect(pupils.every((p) => p.lastName === p.lastName.toLocaleUpperCase('fr'))).toBe(true)
  })

  it('starts each file with the header line of the real export, byte for byte', async () => {
    const firstLine = (data: Buffer) => data.subarray(0, data.indexOf(0x0a) + 1)
    for (const kind of ['pupils', 'guardians', 'teachers'] as const) {
      const real = await fs.readFile(path.join(REAL_EXPORTS, ONDE_FILE_NAMES[kind]))
      for (const school of schools) {
        expect(firstLine(school.bytes[kind]).equals(firstLine(real)), `${school.uai} ${kind}`).toBe(true)
      }
    }
  })

  it('keeps the byte format of each real export: quoting, line ends, the last line', () => {
    for (const { bytes } of schools) {
      const pupils = bytes.pupils.toString('latin1')
      expect(pupils.startsWith('"Nom Elève";"Nom d\'usage Elève";"Prénom Elève";"Date naissance";')).toBe(
        true,
      )
      expect(pupils.split('\r\n').length).toBe(pupils.split('\n').length)
      expect(pupils.endsWith('\r\n')).toBe(false)
      expect(pupils.split('\r\n')[1]).toMatch(/^"[^"]+";;"[^"]+";"\d{4}-\d\d-\d\d";"[FH]";/)
      const guardians = bytes.guardians.toString('latin1')
      expect(guardians.startsWith('Civilité Responsable;Nom usage responsable;')).toBe(true)
      expect(guardians).not.toContain('\r')
      expect(guardians).not.toContain('"')
      expect(guardians.endsWith('\n')).toBe(true)
      for (const line of guardians.trimEnd().split('\n')) expect(line.split(';')).toHaveLength(24)
      const teachers = bytes.teachers.toString('latin1')
      expect(teachers.startsWith('"Civilité";"Nom usage";"Nom";"Prénom";')).toBe(true)
      expect(teachers.endsWith('\r\n')).toBe(false)
    }
  })

  it('gives the same bytes for the same seed, and refuses a folder that is not empty', async () => {
    const again = path.join(root, 'b')
    await writeOndeFiles({ schools: SCHOOLS, seed: SEED, out: again, today: TODAY })
    for (const school of schools) {
      for (const kind of ['pupils', 'guardians', 'teachers'] as const) {
        const copy = await fs.readFile(path.join(again, school.uai, ONDE_FILE_NAMES[kind]))
        expect(copy.equals(school.bytes[kind]), `${school.uai} ${kind}`).toBe(true)
      }
    }
    const other = path.join(root, 'c')
    await writeOndeFiles({ schools: SCHOOLS, seed: SEED + 1, out: other, today: TODAY })
    const first = schools[0]!
    const otherFile = path.join(other, (await fs.readdir(other)).sort()[0]!, ONDE_FILE_NAMES.pupils)
    expect((await fs.readFile(otherFile)).equals(first.bytes.pupils)).toBe(false)

    await expect(writeOndeFiles({ schools: 1, seed: SEED, out: again })).rejects.toBeInstanceOf(
      OndeFilesError,
    )
  })

  it('writes letters outside ISO-8859-1 without their accent', () => {
    expect(toLatin1('Wiśniewski')).toBe('Wisniewski')
    expect(toLatin1('Maëlys Lefèvre')).toBe('Maëlys Lefèvre')
  })
})

describe('preau bench data --structures-only', () => {
  it('creates the schools the files are for (the UAI and names of the plan a full generation loads), and nobody', async () => {
    const database = await createTestDatabase()
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      const generated = await generateDeployment(client, {
        pupils: SCHOOLS * 120,
        seed: SEED,
        passwordHash: 'unused',
        today: TODAY,
        structuresOnly: true,
      })
      expect(generated.schools).toBe(SCHOOLS)
      expect(generated.accounts.total).toBe(0)
      const { rows } = await client.query<{ uai: string; name: string }>(
        'select uai, name from schools order by uai',
      )
      expect(rows.map((row) => row.uai)).toEqual(schools.map((s) => s.uai))
      const { plan } = planOf(SCHOOLS * 120, SEED)
      const planned = plan.collectivities.flatMap((c) => c.schools).sort((a, b) => (a.uai < b.uai ? -1 : 1))
      expect(rows.map((row) => row.name)).toEqual(planned.map((s) => s.name))
      const count = async (table: string) =>
        Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n)
      expect(await count('users')).toBe(0)
      expect(await count('classes')).toBe(0)
      expect(await count('collectivities')).toBe(plan.collectivities.length)
      expect(await count('school_years where is_current')).toBe(1)
      expect(await count('syndicate')).toBe(1)
    } finally {
      await client.end()
      await database.drop()
    }
  })
})
