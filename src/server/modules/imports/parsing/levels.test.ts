import { describe, expect, it } from 'vitest'
import { CLASS_LEVELS } from '../../../../contract/structures.ts'
import { levelsInClassName, parseLevelCell } from './levels.ts'

describe('levels named by a class name', () => {
  it.each([
    ['CE2 de Mme LAMBERT', ['CE2']],
    ['CM2 de M. ARNOULD', ['CM2']],
    ['PS de Carole', ['PS']],
    ['CM1-CM2', ['CM1', 'CM2']],
    ['CM2 / CM1', ['CM1', 'CM2']],
    ['Classe de CP-CE1', ['CP', 'CE1']],
    ['PS-MS-GS', ['PS', 'MS', 'GS']],
    ['CLIS', ['ULIS']],
    ['Ulis école', ['ULIS']],
    ['cp', ['CP']],
    ['CE 1', ['CE1']],
    ['cm 2 a', ['CM2']],
    ['Grande section', ['GS']],
    ['Moyenne Section de Julie', ['MS']],
    ['Toute petite section', ['TPS']],
    ['Très petite section', ['TPS']],
    ['Petite section', ['PS']],
    ['Les Dauphins', []],
    ['CSV 1', []],
    ['', []],
  ])('« %s » → %j', (className, levels) => {
    expect(levelsInClassName(className)).toEqual(levels)
  })

  it('knows every level by its own name', () => {
    for (const level of CLASS_LEVELS) expect(levelsInClassName(level)).toEqual([level])
  })
})

describe('a « Niveau » cell', () => {
  it.each([
    ['CE1', ['CE1']],
    ['ce1', ['CE1']],
    ['CLIS', ['ULIS']],
    ['CM1-CM2', ['CM1', 'CM2']],
    ['Grande section', ['GS']],
    ['TPS', ['TPS']],
  ])('« %s » → %j', (value, levels) => {
    expect(parseLevelCell(value)).toEqual(levels)
  })

  it.each(['UPE2A', 'CE3', 'CM2 bis', 'Section', '-', ''])('« %s » is no level', (value) => {
    expect(parseLevelCell(value)).toBeNull()
  })
})
