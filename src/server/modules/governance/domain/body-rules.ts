/**
 * The rules a deliberative body follows. Each one is a setting of the body, because a syndicat mixte
 * ouvert may set its own in its statutes; the defaults are those of the Code général des collectivités
 * territoriales (CGCT), which a syndicat mixte follows when its statutes are silent.
 */

/** Who counts towards the quorum: the members present, or the members present and those represented. */
export type QuorumBase = 'present' | 'present_or_represented'

/** The share of members in office the quorum requires: more than half (CGCT), or one third. */
export type QuorumShare = 'majority' | 'one_third'

export interface BodyRules {
  quorumBase: QuorumBase
  quorumShare: QuorumShare
  /** How many proxies one member present may hold (CGCT L2121-20: one). */
  proxiesPerHolder: number
  /** A proxy is valid for at most this many consecutive meetings (CGCT L2121-20: three). */
  proxyValidityMeetings: number
  /** Clear days between sending the convocation and the meeting (3 in communes under 3,500, else 5). */
  convocationClearDays: number
  /** In an emergency the president may shorten the delay to this many clear days (one). */
  emergencyClearDays: number
  /** A meeting convened again after a failed quorum is held at least this many clear days later. */
  secondConvocationClearDays: number
  /** On a tie in a public vote the president's vote decides (CGCT L2121-20). */
  presidentHasCastingVote: boolean
}

export const CGCT_DEFAULT_RULES: BodyRules = {
  quorumBase: 'present',
  quorumShare: 'majority',
  proxiesPerHolder: 1,
  proxyValidityMeetings: 3,
  convocationClearDays: 5,
  emergencyClearDays: 1,
  secondConvocationClearDays: 3,
  presidentHasCastingVote: true,
}

/**
 * A temporary regime set by law for meetings held between two dates (inclusive, Paris calendar days),
 * overriding the body's own settings.
 */
export interface TransitionalRegime {
  id: string
  label: string
  from: string
  to: string
  overrides: Partial<BodyRules>
  source: string
}

/**
 * The health-emergency regime: quorum one third of members in office, two proxies per holder.
 * Dates: from the law of 23 March 2020 (in force on the 24th) to 31 July 2022 (end of the extensions of
 * the law of 10 November 2021). The short return to common law in autumn 2020 is not modelled: a body
 * that met then can record the meeting with its own rules by marking the regime as not applied.
 */
export const TRANSITIONAL_REGIMES: readonly TransitionalRegime[] = [
  {
    id: 'covid-19',
    label: 'Régime transitoire de l’état d’urgence sanitaire',
    from: '2020-03-24',
    to: '2022-07-31',
    overrides: { quorumShare: 'one_third', proxiesPerHolder: 2 },
    source: 'Loi n° 2020-290 du 23 mars 2020, ordonnance n° 2020-391 du 1er avril 2020, loi n° 2021-1465',
  },
]

export interface ApplicableRules {
  rules: BodyRules
  regime: TransitionalRegime | null
}

/** The rules in force for a meeting held on `meetingDate` (YYYY-MM-DD, Paris calendar day). */
export function rulesForMeeting(
  bodyRules: BodyRules,
  meetingDate: string,
  regimes: readonly TransitionalRegime[] = TRANSITIONAL_REGIMES,
): ApplicableRules {
  const regime = regimes.find((r) => r.from <= meetingDate && meetingDate <= r.to) ?? null
  if (!regime) return { rules: bodyRules, regime: null }
  return { rules: { ...bodyRules, ...regime.overrides }, regime }
}

/** The Paris calendar day (YYYY-MM-DD) of an instant: meetings and convocations count in local days. */
export function parisDay(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant)
}
