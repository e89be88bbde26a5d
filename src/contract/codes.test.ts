import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidInseeCode, isValidSiren, isValidUai, luhnCheckDigit, uaiCheckLetter } from './codes.ts'

describe('UAI', () => {
  it('accepts real school codes from the national directory', () => {
    for (const uai of ['0590318A', '0590319B', '0590329M', '0590405V', '0624002N'])
      expect(isValidUai(uai)).toBe(true)
  })

  it('refuses a wrong check letter, a wrong length, lower case and letters among the digits', () => {
    for (const uai of ['0590318B', '059031A', '0590318a', '05903180', '0590X18A', ''])
      expect(isValidUai(uai)).toBe(false)
  })

  it('accepts exactly one letter for any seven digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{7}$/), (digits) => {
        const valid = 'ABCDEFGHJKLMNPRSTUVWXYZ'.split('').filter((letter) => isValidUai(digits + letter))
        expect(valid).toEqual([uaiCheckLetter(digits)])
      }),
    )
  })
})

describe('SIREN', () => {
  it('accepts real SIRENs and refuses a changed digit', () => {
    expect(isValidSiren('215903501')).toBe(true) // Ville de Lille
    expect(isValidSiren('215903502')).toBe(false)
    expect(isValidSiren('21590350')).toBe(false)
  })

  it('completes any 8 digits into a valid SIREN', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{8}$/), (digits) => isValidSiren(digits + luhnCheckDigit(digits))),
    )
  })
})

describe('INSEE commune code', () => {
  it('accepts mainland and Corsican codes, refuses other shapes', () => {
    expect(['59179', '2A004', '2B033', '97411'].every(isValidInseeCode)).toBe(true)
    expect(['5917', '2C004', 'ABCDE', '591790'].some(isValidInseeCode)).toBe(false)
  })
})
