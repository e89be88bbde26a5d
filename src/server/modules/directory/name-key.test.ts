import { describe, expect, it } from 'vitest'
import { foldName, startsAWord } from './name-key.ts'

describe('the directory’s name keys', () => {
  it('folds accents, case, ligatures and the apostrophes people type', () => {
    expect(foldName('LEFÈVRE Élodie')).toBe('lefevre elodie')
    expect(foldName('Œuvray Lætitia')).toBe('oeuvray laetitia')
    expect(foldName('N’Diaye  Aminata ')).toBe("n'diaye aminata")
    expect(foldName('Großmann Søren')).toBe('grossmann soren')
    expect(foldName('Wałęsa Çelik')).toBe('walesa celik')
  })

  it('matches the start of the last name, of the first name or of a part of a compound one', () => {
    const key = foldName('Dubois-Martin Jean-Pierre')
    for (const query of ['dub', 'martin', 'jean', 'pierre', 'dubois-martin j'])
      expect(startsAWord(key, query)).toBe(true)
    for (const query of ['bois', 'artin', 'ierre', 'jean pierre']) expect(startsAWord(key, query)).toBe(false)
  })
})
