import { describe, expect, it } from 'vitest'
import { dayInFigures, dayInWords, numberInWords } from './french-words.ts'

describe('French words', () => {
  it('writes numbers as a register does', () => {
    expect([1, 16, 21, 26, 71, 80, 81, 91, 99, 100, 200, 201].map(numberInWords)).toEqual([
      'un',
      'seize',
      'vingt-et-un',
      'vingt-six',
      'soixante-et-onze',
      'quatre-vingts',
      'quatre-vingt-un',
      'quatre-vingt-onze',
      'quatre-vingt-dix-neuf',
      'cent',
      'deux-cents',
      'deux-cent-un',
    ])
  })

  it('writes the seed’s dates', () => {
    expect(dayInWords('2019-06-26')).toBe('vingt-six juin deux mille dix-neuf')
    expect(dayInWords('2019-06-20')).toBe('vingt juin deux mille dix-neuf')
    expect(dayInWords('2026-12-01')).toBe('premier décembre deux mille vingt-six')
    expect(dayInFigures('2026-12-01')).toBe('1er décembre 2026')
  })
})
