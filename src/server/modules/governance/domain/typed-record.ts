import type { BodyRules } from './body-rules.ts'
import { computeQuorum, type QuorumResult } from './quorum.ts'
import { computeVote, type VoteMode, type VoteResult } from './votes.ts'

/**
 * What a secretary typed from a paper record: the totals of the attendance table, the vote, and the
 * sentences as printed. Préau recomputes each figure and flags every difference; it never corrects
 * what was typed (the paper record is the legal one), it shows both side by side.
 */
export interface TypedRecord {
  membersInOffice: number
  present: number
  absent: number
  excused: number
  proxies: number
  pour: number
  contre: number
  abstention: number
  blancNul: number
  /** « Suffrages exprimés » as printed, if printed. */
  exprimes: number | null
  /** The record says « le quorum étant atteint ». */
  statesQuorumMet: boolean
  /** The record says adopted (true), rejected (false), or nothing (null). */
  statesAdopted: boolean | null
  secondConvocation: boolean
  mode: VoteMode
}

export interface Discrepancy {
  /** What is flagged: quorum, exprimes, outcome, attendance (or attendance.<total>), voters. */
  field: string
  typed: string
  computed: string
  message: string
}

export interface TypedRecordCheck {
  quorum: QuorumResult
  /** What the quorum would be under the other base (present and represented) and on a second convocation. */
  quorumIfRepresentedCount: boolean
  quorumOnSecondConvocation: boolean
  vote: VoteResult | null
  voteError: string | null
  discrepancies: Discrepancy[]
}

export function checkTypedRecord(
  typed: TypedRecord,
  rules: Pick<BodyRules, 'quorumBase' | 'quorumShare' | 'presidentHasCastingVote'>,
): TypedRecordCheck {
  const discrepancies: Discrepancy[] = []
  const input = {
    membersInOffice: typed.membersInOffice,
    present: typed.present,
    represented: typed.proxies,
    secondConvocation: typed.secondConvocation,
  }
  const quorum = computeQuorum(input, rules)
  const quorumIfRepresentedCount = computeQuorum(
    { ...input, secondConvocation: false },
    { ...rules, quorumBase: 'present_or_represented' },
  ).met
  const quorumOnSecondConvocation = computeQuorum({ ...input, secondConvocation: true }, rules).met

  const seats = typed.present + typed.absent + typed.excused
  if (seats !== typed.membersInOffice) {
    discrepancies.push({
      field: 'attendance',
      typed: `${typed.present} présents, ${typed.absent} absents, ${typed.excused} excusés`,
      computed: `${typed.membersInOffice} membres en exercice`,
      message: `Présents, absents et excusés font ${seats}, pas les ${typed.membersInOffice} membres en exercice.`,
    })
  }
  if (typed.statesQuorumMet && !quorum.met) {
    const base = rules.quorumBase === 'present' ? 'présents' : 'présents ou représentés'
    const alternatives: string[] = []
    if (quorumIfRepresentedCount && rules.quorumBase === 'present')
      alternatives.push('si les statuts comptent les membres représentés')
    if (quorumOnSecondConvocation) alternatives.push('sur une seconde convocation')
    discrepancies.push({
      field: 'quorum',
      typed: 'le quorum étant atteint',
      computed: `${quorum.counted} ${base} pour un quorum de ${quorum.required}`,
      message: `Le quorum de ${quorum.required} membres ${base} n’est pas atteint (${quorum.counted})${alternatives.length ? ` ; il le serait ${alternatives.join(' ou ')}` : ''}.`,
    })
  }

  let vote: VoteResult | null = null
  let voteError: string | null = null
  try {
    vote = computeVote(
      {
        pour: typed.pour,
        contre: typed.contre,
        abstention: typed.abstention,
        blancNul: typed.blancNul,
        neParticipePas: 0,
      },
      { mode: typed.mode, presidentChoice: null },
      rules,
      typed.present + typed.proxies,
    )
  } catch (error) {
    voteError = (error as Error).message
    discrepancies.push({
      field: 'voters',
      typed: `${typed.pour + typed.contre + typed.abstention + typed.blancNul} votants`,
      computed: `${typed.present + typed.proxies} présents ou représentés`,
      message: voteError,
    })
  }
  if (vote && typed.exprimes !== null && typed.exprimes !== vote.exprimes) {
    discrepancies.push({
      field: 'exprimes',
      typed: String(typed.exprimes),
      computed: String(vote.exprimes),
      message: `Les suffrages exprimés sont ${vote.exprimes} (pour + contre), pas ${typed.exprimes} : les abstentions n’en font pas partie.`,
    })
  }
  if (vote && typed.statesAdopted !== null && typed.statesAdopted !== (vote.outcome === 'adopted')) {
    discrepancies.push({
      field: 'outcome',
      typed: typed.statesAdopted ? 'adopté' : 'rejeté',
      computed: vote.outcome === 'adopted' ? 'adopté' : 'rejeté',
      message: `Avec ${typed.pour} voix pour sur ${vote.exprimes} suffrages exprimés, la délibération est ${vote.outcome === 'adopted' ? 'adoptée' : 'rejetée'}.`,
    })
  }
  return { quorum, quorumIfRepresentedCount, quorumOnSecondConvocation, vote, voteError, discrepancies }
}
