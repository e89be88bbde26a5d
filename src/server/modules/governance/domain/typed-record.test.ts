import { describe, expect, it } from 'vitest'
import { CGCT_DEFAULT_RULES } from './body-rules.ts'
import { checkTypedRecord, type TypedRecord } from './typed-record.ts'

/** Deliberation 2019-12 typed exactly as printed. */
const SEED: TypedRecord = {
  membersInOffice: 20,
  present: 10,
  absent: 0,
  excused: 10,
  proxies: 4,
  pour: 12,
  contre: 0,
  abstention: 2,
  blancNul: 0,
  exprimes: 14,
  statesQuorumMet: true,
  statesAdopted: true,
  secondConvocation: false,
  mode: 'totals',
}

describe('a record typed from paper', () => {
  it('flags the seed: quorum of 11 present not met, suffrages exprimés 12 not 14, still adopted', () => {
    const check = checkTypedRecord(SEED, CGCT_DEFAULT_RULES)
    expect(check.quorum).toMatchObject({ required: 11, counted: 10, met: false })
    expect(check.quorumIfRepresentedCount).toBe(true)
    expect(check.quorumOnSecondConvocation).toBe(true)
    expect(check.vote).toMatchObject({ exprimes: 12, outcome: 'adopted' })
    expect(check.vote?.wording).toBe('Adopté à l’unanimité des suffrages exprimés (2 abstentions)')
    expect(check.discrepancies).toEqual([
      {
        field: 'quorum',
        typed: 'le quorum étant atteint',
        computed: '10 présents pour un quorum de 11',
        message:
          'Le quorum de 11 membres présents n’est pas atteint (10) ; il le serait si les statuts comptent les membres représentés ou sur une seconde convocation.',
      },
      {
        field: 'exprimes',
        typed: '14',
        computed: '12',
        message:
          'Les suffrages exprimés sont 12 (pour + contre), pas 14 : les abstentions n’en font pas partie.',
      },
    ])
  })

  it('finds the quorum met when the body counts the represented, or on a second convocation', () => {
    const represented = checkTypedRecord(SEED, {
      ...CGCT_DEFAULT_RULES,
      quorumBase: 'present_or_represented',
    })
    expect(represented.quorum.met).toBe(true)
    expect(represented.discrepancies.map((d) => d.field)).toEqual(['exprimes'])
    const second = checkTypedRecord({ ...SEED, secondConvocation: true }, CGCT_DEFAULT_RULES)
    expect(second.quorum).toMatchObject({ met: true, waivedBySecondConvocation: true })
    expect(second.discrepancies.map((d) => d.field)).toEqual(['exprimes'])
  })

  it('flags a table that does not add up, a stated result that is wrong, and impossible voters', () => {
    const check = checkTypedRecord(
      { ...SEED, excused: 9, pour: 5, contre: 7, abstention: 0, exprimes: 12, statesAdopted: true },
      CGCT_DEFAULT_RULES,
    )
    expect(check.discrepancies.map((d) => d.field)).toEqual(['attendance', 'quorum', 'outcome'])
    const tooMany = checkTypedRecord({ ...SEED, pour: 15, exprimes: 15 }, CGCT_DEFAULT_RULES)
    expect(tooMany.vote).toBeNull()
    expect(tooMany.discrepancies.map((d) => d.field)).toEqual(['quorum', 'voters'])
  })
})
