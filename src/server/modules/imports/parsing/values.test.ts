import { describe, expect, it } from 'vitest'
import { describeAnomaly, makeAnomaly } from './anomalies.ts'
import { formatBytes } from './errors.ts'
import { cleanOrNull, cleanText, headerKey, upperWords } from './text.ts'
import {
  normaliseEmail,
  normaliseInseeCode,
  normalisePhone,
  normalisePostcode,
  normaliseUai,
  parseCivility,
  parseDate,
  parseYesNo,
} from './values.ts'

describe('dates', () => {
  it.each([
    ['17/08/2006', '2006-08-17'],
    ['2006-08-17', '2006-08-17'],
    ['1/9/2016', '2016-09-01'],
    ['01.09.2016', '2016-09-01'],
    ['01-09-2016', '2016-09-01'],
    ['2016/09/01', '2016-09-01'],
    ['2016-9-1', '2016-09-01'],
    ['29/02/2016', '2016-02-29'],
    ['01/09/2016 00:00', '2016-09-01'],
    ['2016-09-01 00:00:00', '2016-09-01'],
    ['2016-09-01T00:00:00.000Z', '2016-09-01'],
  ])('reads %s as %s', (value, iso) => {
    expect(parseDate(value)).toBe(iso)
  })

  it.each([
    '31/02/2015',
    '29/02/2015',
    '31/04/2016',
    '00/01/2015',
    '01/13/2015',
    '01/00/2015',
    '17/08/06',
    '1899-12-31',
    '2101-01-01',
    '2015-02-31',
    '42370',
    'hier',
    '17 août 2006',
  ])('refuses %s', (value) => {
    expect(parseDate(value)).toBeNull()
  })
})

describe('e-mail addresses', () => {
  it('lower-cases them and drops spaces and a mailto: prefix', () => {
    expect(normaliseEmail('Jean.Dupont@Example.FR')).toBe('jean.dupont@example.fr')
    expect(normaliseEmail('mailto:jean.dupont@example.fr')).toBe('jean.dupont@example.fr')
    expect(normaliseEmail('jean.dupont @ example.fr')).toBe('jean.dupont@example.fr')
  })

  it.each(['jean.dupont@', 'jean.dupont', '@example.fr', 'jean@@example.fr', 'jean@example'])(
    'refuses %s',
    (value) => {
      expect(normaliseEmail(value)).toBeNull()
    },
  )
})

describe('phone numbers', () => {
  it.each([
    ['06 12 34 56 78', '0612345678'],
    ['06.12.34.56.78', '0612345678'],
    ['06-12-34-56-78', '0612345678'],
    ['0612345678', '0612345678'],
    ['612345678', '0612345678'],
    ['+33 6 12 34 56 78', '0612345678'],
    ['+33 (0)6 12 34 56 78', '0612345678'],
    ['0033612345678', '0612345678'],
    ['+262 692 12 34 56', '0692123456'],
    ['+590 690 12 34 56', '0690123456'],
    ['+32 470 12 34 56', '+32470123456'],
    ['0041 21 123 45 67', '+41211234567'],
  ])('reads %s as %s', (value, phone) => {
    expect(normalisePhone(value)).toBe(phone)
  })

  it.each(['12 34', '0012', '06 12 34 56', '06 12 34 56 78 90', 'néant', '+33'])('refuses %s', (value) => {
    expect(normalisePhone(value)).toBeNull()
  })
})

describe('yes/no, civilities, postcodes', () => {
  it('reads the usual spellings of yes and no', () => {
    for (const yes of ['Oui', 'OUI', 'o', 'X', '1', 'vrai', 'Yes']) expect(parseYesNo(yes)).toBe(true)
    for (const no of ['Non', 'non', 'N', '0', 'faux', 'No']) expect(parseYesNo(no)).toBe(false)
    for (const other of ['peut-être', '2', 'oui/non']) expect(parseYesNo(other)).toBeNull()
  })

  it('reads civilities', () => {
    for (const mister of ['M.', 'M', 'Mr', 'Mr.', 'MONSIEUR', 'monsieur'])
      expect(parseCivility(mister)).toBe('M.')
    for (const madam of ['Mme', 'MME', 'Madame', 'Mlle', 'Mademoiselle', 'Mme.'])
      expect(parseCivility(madam)).toBe('Mme')
    for (const other of ['Docteur', 'Me', '']) expect(parseCivility(other)).toBeNull()
  })

  it('puts back the leading 0 a spreadsheet drops from a postcode', () => {
    expect(normalisePostcode('1000')).toBe('01000')
    expect(normalisePostcode('61 000')).toBe('61000')
    expect(normalisePostcode('61000')).toBe('61000')
  })
})

describe('national codes', () => {
  it('checks the UAI check letter', () => {
    expect(normaliseUai('0590318a')).toBe('0590318A')
    expect(normaliseUai(' 0590318 A ')).toBe('0590318A')
    expect(normaliseUai('0590318B')).toBeNull()
    expect(normaliseUai('590318A')).toBeNull()
  })

  it('reads INSEE commune codes, Corsica included', () => {
    expect(normaliseInseeCode('59172')).toBe('59172')
    expect(normaliseInseeCode('1004')).toBe('01004')
    expect(normaliseInseeCode('2a004')).toBe('2A004')
    expect(normaliseInseeCode('591')).toBeNull()
    expect(normaliseInseeCode('2C004')).toBeNull()
  })
})

describe('text clean-up', () => {
  it('collapses every kind of space, and keys headers without case, accents or punctuation', () => {
    expect(cleanText('  Jean\u00a0 -\tPierre\r\n ')).toBe('Jean - Pierre')
    expect(cleanOrNull(' \u2009 ')).toBeNull()
    expect(cleanOrNull(undefined)).toBeNull()
    for (const header of ['Nom Elève', 'nom élève', '  NOM  ELEVE* ', '"Nom élève"', 'Nom_élève']) {
      expect(headerKey(header)).toBe('nomeleve')
    }
    expect(headerKey('Né(e) le')).toBe('neele')
    expect(headerKey('Nom d’usage')).toBe(headerKey("Nom d'usage"))
    expect(upperWords('Cœur-de-Lion CE2')).toEqual(['COEUR', 'DE', 'LION', 'CE2'])
  })
})

describe('messages', () => {
  it('formats sizes in French units', () => {
    expect(formatBytes(512)).toBe('512 octets')
    expect(formatBytes(12.5 * 1024)).toBe('12,5 ko')
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 Mo')
    expect(formatBytes(3 * 1024 ** 3)).toBe('3 Go')
  })

  it('makes an anomaly one sentence naming its file and line', () => {
    const anomaly = makeAnomaly('eleves.csv', 12, 'invalid-date', 'date invalide.', 'row-kept')
    expect(anomaly).not.toHaveProperty('field')
    expect(describeAnomaly(anomaly)).toBe('« eleves.csv », ligne 12 : date invalide.')
  })
})
