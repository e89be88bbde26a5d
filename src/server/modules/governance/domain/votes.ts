import type { BodyRules } from './body-rules.ts'

export type VoteMode = 'totals' | 'roll_call' | 'secret'
export type Choice = 'pour' | 'contre' | 'abstention' | 'blanc_nul' | 'ne_participe_pas'

export interface VoteTotals {
  pour: number
  contre: number
  abstention: number
  /** Blank and null ballots (a secret ballot). */
  blancNul: number
  /** Members present or represented who did not take part in the vote. */
  neParticipePas: number
}

/** One vote in a roll-call: a proxy holder casts one for himself and one for each giver. */
export interface Ballot {
  voterId: string
  onBehalfOf: string | null
  choice: Choice
}

export const EMPTY_TOTALS: VoteTotals = { pour: 0, contre: 0, abstention: 0, blancNul: 0, neParticipePas: 0 }

export function totalsOfBallots(ballots: readonly Ballot[]): VoteTotals {
  const totals = { ...EMPTY_TOTALS }
  for (const b of ballots) {
    if (b.choice === 'pour') totals.pour++
    else if (b.choice === 'contre') totals.contre++
    else if (b.choice === 'abstention') totals.abstention++
    else if (b.choice === 'blanc_nul') totals.blancNul++
    else totals.neParticipePas++
  }
  return totals
}

export type Outcome = 'adopted' | 'rejected'

export interface VoteResult {
  totals: VoteTotals
  /** Pour + contre: abstentions, blank and null ballots are not suffrages exprimés. */
  exprimes: number
  /** Members who took part: pour, contre, abstention, blank and null. */
  voters: number
  /** The smallest number of "pour" that adopts: more than half of the suffrages exprimés. */
  absoluteMajority: number
  outcome: Outcome
  decidedByCastingVote: boolean
  wording: string
}

export interface VoteContext {
  mode: VoteMode
  /** The president's own choice, needed only to settle a tie in a public vote. */
  presidentChoice: Choice | null
}

export class VoteError extends Error {}

/**
 * The result of a vote. `maxVoters` is the number of members present plus valid proxies for the item:
 * a count of voters above it is refused.
 */
export function computeVote(
  totals: VoteTotals,
  context: VoteContext,
  rules: Pick<BodyRules, 'presidentHasCastingVote'>,
  maxVoters: number,
): VoteResult {
  for (const [key, value] of Object.entries(totals)) {
    if (!Number.isInteger(value) || value < 0)
      throw new VoteError(`Le nombre « ${key} » doit être un entier positif.`)
  }
  const voters = totals.pour + totals.contre + totals.abstention + totals.blancNul
  if (voters + totals.neParticipePas > maxVoters) {
    throw new VoteError(
      `${voters + totals.neParticipePas} votes pour ${maxVoters} membres présents ou représentés : c’est impossible.`,
    )
  }
  const exprimes = totals.pour + totals.contre
  const absoluteMajority = Math.floor(exprimes / 2) + 1
  let outcome: Outcome = exprimes > 0 && totals.pour > exprimes / 2 ? 'adopted' : 'rejected'
  let decidedByCastingVote = false
  const tie = exprimes > 0 && totals.pour === totals.contre
  if (tie && context.mode !== 'secret' && rules.presidentHasCastingVote) {
    if (context.presidentChoice === 'pour' || context.presidentChoice === 'contre') {
      outcome = context.presidentChoice === 'pour' ? 'adopted' : 'rejected'
      decidedByCastingVote = true
    }
  }
  return {
    totals,
    exprimes,
    voters,
    absoluteMajority,
    outcome,
    decidedByCastingVote,
    wording: voteWording(totals, outcome, decidedByCastingVote),
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`
}

/**
 * The sentence of the register, e.g. « Adopté à l'unanimité des suffrages exprimés (2 abstentions) ».
 */
export function voteWording(totals: VoteTotals, outcome: Outcome, decidedByCastingVote: boolean): string {
  const others: string[] = []
  if (totals.abstention) others.push(plural(totals.abstention, 'abstention', 'abstentions'))
  if (totals.blancNul)
    others.push(plural(totals.blancNul, 'bulletin blanc ou nul', 'bulletins blancs ou nuls'))
  if (totals.neParticipePas) others.push(`${totals.neParticipePas} ne prenant pas part au vote`)
  const detail = (parts: string[]) => (parts.length ? ` (${parts.join(', ')})` : '')
  const counts = [
    plural(totals.pour, 'voix pour', 'voix pour'),
    plural(totals.contre, 'voix contre', 'voix contre'),
  ]
  if (decidedByCastingVote) {
    const verb = outcome === 'adopted' ? 'Adopté' : 'Rejeté'
    return `${verb}, la voix du président étant prépondérante${detail([...counts, ...others])}`
  }
  if (outcome === 'adopted') {
    if (totals.contre === 0) {
      return others.length
        ? `Adopté à l’unanimité des suffrages exprimés${detail(others)}`
        : 'Adopté à l’unanimité'
    }
    return `Adopté à la majorité des suffrages exprimés${detail([...counts, ...others])}`
  }
  if (totals.pour === 0 && totals.contre > 0)
    return `Rejeté à l’unanimité des suffrages exprimés${detail(others)}`
  return `Rejeté${detail([...counts, ...others])}`
}
