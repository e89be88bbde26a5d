import { describe, expect, it } from 'vitest'
import { centsToField, parseEuros } from './money.ts'

describe('amounts typed in euros', () => {
  it('reads French and plain decimals into cents, exactly', () => {
    expect(parseEuros('1 650,50')).toBe(165_050)
    expect(parseEuros('0,05')).toBe(5)
    expect(parseEuros('12.5')).toBe(1_250)
    expect(parseEuros('1650 €')).toBe(165_000)
    expect(parseEuros('')).toBe(0)
    expect(parseEuros('-3')).toBe(-300)
  })

  it('refuses what is not an amount in cents', () => {
    expect(parseEuros('0,125')).toBeNull()
    expect(parseEuros('douze')).toBeNull()
  })

  it('shows an amount back in the form', () => {
    expect(centsToField(165_050)).toBe('1650,50')
    expect(centsToField(null)).toBe('')
  })
})
