import { describe, expect, it } from 'vitest'
import { CGCT_DEFAULT_RULES } from './body-rules.ts'
import { type Ballot, computeVote, EMPTY_TOTALS, totalsOfBallots, VoteError } from './votes.ts'

const rules = CGCT_DEFAULT_RULES
const totals = (t: Partial<typeof EMPTY_TOTALS>) => ({ ...EMPTY_TOTALS, ...t })
const pub = { mode: 'totals' as const, presidentChoice: null }

describe('a vote', () => {
  it('counts suffrages exprimés as pour + contre and adopts by absolute majority', () => {
    const r = computeVote(totals({ pour: 12, abstention: 2 }), pub, rules, 14)
    expect(r).toMatchObject({ exprimes: 12, voters: 14, absoluteMajority: 7, outcome: 'adopted' })
    expect(r.wording).toBe('Adopté à l’unanimité des suffrages exprimés (2 abstentions)')
  })

  it('words each kind of result', () => {
    expect(computeVote(totals({ pour: 10 }), pub, rules, 10).wording).toBe('Adopté à l’unanimité')
    expect(computeVote(totals({ pour: 8, contre: 3, abstention: 1 }), pub, rules, 14).wording).toBe(
      'Adopté à la majorité des suffrages exprimés (8 voix pour, 3 voix contre, 1 abstention)',
    )
    expect(computeVote(totals({ pour: 3, contre: 5 }), pub, rules, 14)).toMatchObject({
      outcome: 'rejected',
      wording: 'Rejeté (3 voix pour, 5 voix contre)',
    })
    expect(computeVote(totals({ contre: 5, neParticipePas: 1 }), pub, rules, 14).wording).toBe(
      'Rejeté à l’unanimité des suffrages exprimés (1 ne prenant pas part au vote)',
    )
    expect(
      computeVote(
        totals({ pour: 6, contre: 2, blancNul: 2 }),
        { mode: 'secret', presidentChoice: null },
        rules,
        10,
      ).wording,
    ).toBe(
      'Adopté à la majorité des suffrages exprimés (6 voix pour, 2 voix contre, 2 bulletins blancs ou nuls)',
    )
  })

  it('rejects when everyone abstains: no suffrage exprimé, no majority', () => {
    expect(computeVote(totals({ abstention: 5 }), pub, rules, 5).outcome).toBe('rejected')
  })

  it('settles a tie by the president’s vote in a public vote, never in a secret ballot', () => {
    const tie = totals({ pour: 5, contre: 5 })
    const adopted = computeVote(tie, { mode: 'roll_call', presidentChoice: 'pour' }, rules, 10)
    expect(adopted).toMatchObject({ outcome: 'adopted', decidedByCastingVote: true })
    expect(adopted.wording).toBe(
      'Adopté, la voix du président étant prépondérante (5 voix pour, 5 voix contre)',
    )
    expect(computeVote(tie, { mode: 'totals', presidentChoice: 'contre' }, rules, 10).outcome).toBe(
      'rejected',
    )
    expect(computeVote(tie, { mode: 'secret', presidentChoice: 'pour' }, rules, 10)).toMatchObject({
      outcome: 'rejected',
      decidedByCastingVote: false,
    })
    expect(
      computeVote(tie, { mode: 'totals', presidentChoice: 'pour' }, { presidentHasCastingVote: false }, 10)
        .outcome,
    ).toBe('rejected')
  })

  it('refuses more voters than members present and represented', () => {
    expect(() => computeVote(totals({ pour: 12, abstention: 3 }), pub, rules, 14)).toThrow(VoteError)
    expect(() => computeVote(totals({ pour: 12, abstention: 3 }), pub, rules, 14)).toThrow(
      '15 votes pour 14 membres présents ou représentés : c’est impossible.',
    )
    expect(() => computeVote(totals({ pour: -1 }), pub, rules, 14)).toThrow(VoteError)
  })

  it('counts a proxy holder twice in a roll-call', () => {
    const ballots: Ballot[] = [
      { voterId: 'COULON', onBehalfOf: null, choice: 'pour' },
      { voterId: 'COULON', onBehalfOf: 'DELBAR', choice: 'pour' },
      { voterId: 'BAREGE', onBehalfOf: null, choice: 'contre' },
      { voterId: 'DEFOSSE', onBehalfOf: null, choice: 'abstention' },
      { voterId: 'FIGOUREUX', onBehalfOf: null, choice: 'ne_participe_pas' },
    ]
    const t = totalsOfBallots(ballots)
    expect(t).toEqual({ pour: 2, contre: 1, abstention: 1, blancNul: 0, neParticipePas: 1 })
    expect(computeVote(t, { mode: 'roll_call', presidentChoice: 'pour' }, rules, 5).outcome).toBe('adopted')
  })
})
