import type { BodyRules } from './body-rules.ts'

/**
 * How a titular delegate stands at a meeting. `substituted`: the delegate's suppléant sits in the
 * delegate's place and counts as present (the seat is filled once).
 */
export type AttendanceStatus = 'present' | 'absent' | 'excused' | 'substituted'

export interface AttendanceLine {
  delegateId: string
  name: string
  status: AttendanceStatus
  /** The member present who holds this delegate's written proxy, if any. */
  proxyHolderId: string | null
  /** The number of consecutive meetings this proxy has covered, this one included (1 for a new one). */
  proxyMeetingCount?: number
}

export function seatsPresent(lines: readonly AttendanceLine[]): string[] {
  return lines.filter((l) => l.status === 'present' || l.status === 'substituted').map((l) => l.delegateId)
}

export interface ProxyIssue {
  giverId: string
  code:
    | 'giver_present'
    | 'holder_unknown'
    | 'holder_absent'
    | 'holder_is_giver'
    | 'holder_over_limit'
    | 'expired'
  message: string
}

export interface ProxyCheck {
  /** Proxies that count: the giver is represented and the holder votes for both. */
  valid: Array<{ giverId: string; holderId: string }>
  issues: ProxyIssue[]
}

/**
 * Checks every proxy against the rules: the giver is not present, the holder is a member present, the
 * holder holds no more than the body allows (the first ones in the list count, the rest are refused),
 * and the proxy has not outlived its validity. `presentIds` defaults to the seats present at the opening.
 */
export function checkProxies(
  lines: readonly AttendanceLine[],
  rules: Pick<BodyRules, 'proxiesPerHolder' | 'proxyValidityMeetings'>,
  presentIds: ReadonlySet<string> = new Set(seatsPresent(lines)),
): ProxyCheck {
  const byId = new Map(lines.map((l) => [l.delegateId, l]))
  const held = new Map<string, number>()
  const result: ProxyCheck = { valid: [], issues: [] }
  for (const line of lines) {
    const holderId = line.proxyHolderId
    if (!holderId) continue
    const holder = byId.get(holderId)
    const issue = (code: ProxyIssue['code'], message: string) =>
      result.issues.push({ giverId: line.delegateId, code, message })
    if (presentIds.has(line.delegateId)) {
      issue('giver_present', `${line.name} est présent : sa procuration ne compte pas.`)
    } else if (!holder) {
      issue(
        'holder_unknown',
        `La procuration de ${line.name} est donnée à une personne qui n’est pas membre du comité.`,
      )
    } else if (holderId === line.delegateId) {
      issue('holder_is_giver', `${line.name} ne peut pas se donner procuration à lui-même.`)
    } else if (!presentIds.has(holderId)) {
      issue(
        'holder_absent',
        `La procuration de ${line.name} est donnée à ${holder.name}, qui n’est pas présent.`,
      )
    } else if ((line.proxyMeetingCount ?? 1) > rules.proxyValidityMeetings) {
      issue(
        'expired',
        `La procuration de ${line.name} a déjà servi à ${rules.proxyValidityMeetings} séances consécutives : elle n’est plus valable.`,
      )
    } else if ((held.get(holderId) ?? 0) >= rules.proxiesPerHolder) {
      const allowed =
        rules.proxiesPerHolder === 1 ? 'une seule procuration' : `${rules.proxiesPerHolder} procurations`
      issue(
        'holder_over_limit',
        `${holder.name} détient déjà ${allowed}, le maximum autorisé : la procuration de ${line.name} ne compte pas.`,
      )
    } else {
      held.set(holderId, (held.get(holderId) ?? 0) + 1)
      result.valid.push({ giverId: line.delegateId, holderId })
    }
  }
  return result
}
