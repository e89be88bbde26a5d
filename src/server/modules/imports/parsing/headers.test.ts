import { describe, expect, it } from 'vitest'
import { ImportFileError } from './errors.ts'
import type { FileKind } from './file-kinds.ts'
import { detectFileKind, type HeaderMatch, matchHeaders } from './headers.ts'
import { expectFileErrorMessage, type SampleName, sampleText } from './test-support.ts'

/** The header cells of a sample, as the CSV reader gives them (quotes removed). */
function headersOf(name: SampleName): string[] {
  const first = sampleText(name).split(/\r\n|\n/)[0]!
  return first.split(/[;]/).map((cell) => cell.replace(/^"(.*)"$/, '$1'))
}

function detect(headers: string[], expectedKind?: FileKind, file = 'fichier.csv'): HeaderMatch {
  return detectFileKind(headers, file, 1, expectedKind)
}

function refusal(headers: string[], expectedKind?: FileKind, file = 'fichier.csv'): ImportFileError {
  try {
    detect(headers, expectedKind, file)
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError)
    expectFileErrorMessage(error as ImportFileError, file)
    return error as ImportFileError
  }
  throw new Error('the headers were recognised, a refusal was expected')
}

describe('the kind of a file, from its headers', () => {
  it.each([
    ['pupils', 'pupils'],
    ['guardians', 'guardians'],
    ['teachers', 'teachers'],
    ['templatePupils', 'pupils'],
    ['templateParents', 'guardians'],
    ['templateTeachers', 'teachers'],
    ['templateStaff', 'teachers'],
    ['schools', 'schools'],
  ] as const)('%s is a file of %s, complete', (sample, kind) => {
    const match = detect(headersOf(sample))
    expect(match.kind).toBe(kind)
    expect(match.missing).toEqual([])
  })

  it('maps the ONDE pupils columns, the leading space of « Cycle » and the known unread ones included', () => {
    const match = detect(headersOf('pupils'))
    expect(match.columns).toMatchObject({
      lastName: [0],
      usageName: [1],
      firstName: [2],
      birthDate: [3],
      address1: [5],
      cycle: [13],
      level: [14],
      className: [15],
      imageConsent: [18],
    })
    // « Sexe », « Attestation fournie »… are ONDE's: recognised, deliberately not read.
    expect(match.ignoredColumns).toEqual([])
    expect(match.recognised).toBe(20)
  })

  it('finds the three child blocks of the guardians export, and its three phone columns', () => {
    const match = detect(headersOf('guardians'))
    expect(match.childBlocks).toEqual([
      { usageName: 12, lastName: 13, firstName: 14, className: 15 },
      { usageName: 16, lastName: 17, firstName: 18, className: 19 },
      { usageName: 20, lastName: 21, firstName: 22, className: 23 },
    ])
    expect(match.columns.phones).toEqual([9, 10, 11])
  })

  it('keeps a teacher’s repeated class columns, and ignores a second column of a single field', () => {
    const match = matchHeaders(
      ['Nom', 'Prénom', 'Classe', 'Classe', 'Courriel', 'E-mail', 'Pointure'],
      'teachers',
    )
    expect(match.columns.classNames).toEqual([2, 3])
    expect(match.columns.email).toEqual([4])
    expect(match.ignoredColumns).toEqual(['E-mail', 'Pointure'])
  })

  it('recognises an incomplete file when it has half of a kind’s mandatory columns', () => {
    const match = detect(['Nom élève', 'Prénom élève', 'Date naissance'])
    expect(match.kind).toBe('pupils')
    expect(match.missing).toEqual([expect.objectContaining({ field: 'className', label: 'Classe' })])
  })

  it('refuses headers of no import, quoting the first ones and their line', () => {
    const error = refusal(['Jour', 'Entrée', 'Plat', 'Dessert', 'Goûter'])
    expect(error.code).toBe('unrecognised-file')
    expect(error.message).toContain('ligne 1')
    expect(error.message).toContain('« Jour », « Entrée », « Plat », « Dessert »…')
  })
})

describe('the upload slot', () => {
  it('matches the expected kind, missing columns left for the caller to report', () => {
    const match = detect(['Nom responsable', 'Prénom responsable', 'Téléphone'], 'guardians')
    expect(match.kind).toBe('guardians')
    expect(match.missing.map((column) => column.label)).toEqual([
      'Nom de famille enfant',
      'Prénom enfant',
      'Classes enfants',
    ])
  })

  it('refuses a file that is clearly of another kind', () => {
    const error = refusal(headersOf('pupils'), 'guardians', 'eleves.csv')
    expect(error.code).toBe('wrong-file-kind')
    expect(error.message).toContain('élèves')
    expect(error.message).toContain('responsables')
    // Complete as teachers, incomplete as parents (no child): it is taken for what it fits.
    expect(refusal(['Nom', 'Prénom', 'Téléphone'], 'guardians').message).toContain('enseignants')
  })

  it('lets the slot decide between kinds the headers fit equally', () => {
    const headers = ['Nom', 'Prénom', 'Date de naissance', 'Classe']
    expect(detect(headers).kind).toBe('pupils')
    expect(detect(headers, 'teachers').kind).toBe('teachers')
    expect(detect(headers, 'pupils').kind).toBe('pupils')
  })

  it('refuses headers the expected kind knows nothing of', () => {
    expect(refusal(['Jour', 'Menu'], 'pupils').code).toBe('unrecognised-file')
  })
})

describe('guests', () => {
  it('refuses a guests file whatever its headers fit, saying why', () => {
    for (const file of ['fr_CSV_Invites.csv', 'invités 2025.csv', 'C:\\Users\\direction\\Invites.csv']) {
      const error = refusal(headersOf('templateGuests'), undefined, file)
      expect(error.code).toBe('unrecognised-file')
      expect(error.message).toContain('invités')
      expect(refusal(['Prénom', 'Nom', 'Classes', 'Date de naissance'], 'pupils', file).code).toBe(
        'unrecognised-file',
      )
    }
  })

  it('reads the same headers under another name as teachers', () => {
    expect(detect(headersOf('templateGuests'), undefined, 'intervenants.csv').kind).toBe('teachers')
  })
})
