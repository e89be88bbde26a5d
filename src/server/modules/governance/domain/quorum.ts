import type { BodyRules } from './body-rules.ts'

/** The members required for the quorum: more than half (`floor(n/2) + 1`), or one third (rounded up). */
export function quorumThreshold(membersInOffice: number, rules: Pick<BodyRules, 'quorumShare'>): number {
  if (membersInOffice <= 0) return 0
  return rules.quorumShare === 'majority'
    ? Math.floor(membersInOffice / 2) + 1
    : Math.ceil(membersInOffice / 3)
}

export interface QuorumInput {
  membersInOffice: number
  present: number
  /** Members represented by a valid proxy. */
  represented: number
  secondConvocation: boolean
}

export interface QuorumResult {
  required: number
  /** Members counted under the body's base (present, or present and represented). */
  counted: number
  met: boolean
  /** A second convocation deliberates whatever the number present: the quorum is not required. */
  waivedBySecondConvocation: boolean
  sentence: string
}

export function computeQuorum(
  input: QuorumInput,
  rules: Pick<BodyRules, 'quorumBase' | 'quorumShare'>,
): QuorumResult {
  const required = quorumThreshold(input.membersInOffice, rules)
  const counted = rules.quorumBase === 'present' ? input.present : input.present + input.represented
  const reached = counted >= required
  const waived = input.secondConvocation && !reached
  return {
    required,
    counted,
    met: reached || input.secondConvocation,
    waivedBySecondConvocation: waived,
    sentence: quorumSentence(reached, waived, rules.quorumBase),
  }
}

function quorumSentence(reached: boolean, waived: boolean, base: BodyRules['quorumBase']): string {
  if (reached) return 'Le quorum étant atteint, le comité syndical peut valablement délibérer.'
  if (waived) {
    return 'Le quorum n’ayant pas été atteint lors de la première réunion, le comité syndical, convoqué à nouveau, délibère valablement sans condition de quorum.'
  }
  const who = base === 'present' ? 'présents' : 'présents ou représentés'
  return `Le quorum n’est pas atteint (membres ${who} insuffisants) : le comité syndical ne peut pas délibérer.`
}

/** A delegate arriving or leaving during the meeting, before the item at `beforeItem` (1-based). */
export interface Movement {
  delegateId: string
  kind: 'arrival' | 'departure'
  beforeItem: number
}

/**
 * Who is present for item `item`: those present at the opening, plus arrivals before the item, minus
 * departures before it, minus those who withdraw from this item for a personal interest. Movements are
 * applied in item order, so a delegate who leaves and comes back is present again.
 */
export function presentForItem(
  presentAtOpening: readonly string[],
  movements: readonly Movement[],
  item: number,
  withdrawnFromItem: readonly string[] = [],
): Set<string> {
  const present = new Set(presentAtOpening)
  const applicable = movements.filter((m) => m.beforeItem <= item).sort((a, b) => a.beforeItem - b.beforeItem)
  for (const movement of applicable) {
    if (movement.kind === 'arrival') present.add(movement.delegateId)
    else present.delete(movement.delegateId)
  }
  for (const id of withdrawnFromItem) present.delete(id)
  return present
}
