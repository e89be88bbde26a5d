import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { displayName, firstFreeLogin, loginBase, loginPart } from './logins.ts'

describe('logins', () => {
  it('removes accents, hyphens, apostrophes and spaces', () => {
    expect(loginBase('Élodie', 'Lefèvre')).toBe('elodie.lefevre')
    expect(loginBase('Jean-Baptiste', "N'Diaye")).toBe('jeanbaptiste.ndiaye')
    expect(loginBase('Anne Sophie', 'de La Fontaine')).toBe('annesophie.delafontaine')
    expect(loginBase('Zoë', 'Œuvray')).toBe('zoe.oeuvray')
    expect(loginBase('Ayşe', 'Çelik')).toBe('ayse.celik')
  })

  it('cuts each part to 30 letters', () => {
    const long = 'Marie-Thérèse-Geneviève-Bernadette-Françoise'
    const login = loginBase(long, 'Wolfeschlegelsteinhausenbergerdorff')
    const [first, last] = login.split('.')
    expect(first).toHaveLength(30)
    expect(last).toHaveLength(30)
    expect(first).toBe('marietheresegenevievebernadett')
  })

  it('always yields a login made of a-z and one dot', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (first, last) => {
        expect(loginBase(first, last)).toMatch(/^[a-z]{1,30}\.[a-z]{1,30}$/)
      }),
    )
  })

  it('numbers homonyms from 2', () => {
    const taken = new Set(['lea.martin', 'lea.martin2'])
    expect(firstFreeLogin('lea.martin', (l) => taken.has(l))).toBe('lea.martin3')
    expect(firstFreeLogin('paul.martin', (l) => taken.has(l))).toBe('paul.martin')
  })

  it('keeps a part with no Latin letter usable', () => {
    expect(loginPart('李')).toBe('x')
  })

  it('shows names as "Prénom NOM"', () => {
    expect(displayName(' Élodie ', 'Lefèvre-Dupont')).toBe('Élodie LEFÈVRE-DUPONT')
  })
})
