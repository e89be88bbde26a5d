import type { BodyRules } from './body-rules.ts'

const DAY_MS = 86_400_000

/**
 * Clear days ("jours francs") between the day the convocation is sent and the day of the meeting: the
 * whole days in between, neither the sending day nor the meeting day counting. Both are Paris days.
 */
export function clearDaysBetween(sentDay: string, meetingDay: string): number {
  const diff = (Date.parse(`${meetingDay}T00:00:00Z`) - Date.parse(`${sentDay}T00:00:00Z`)) / DAY_MS
  return Math.max(0, diff - 1)
}

export interface ConvocationCheck {
  clearDays: number
  required: number
  ok: boolean
  message: string | null
}

export function checkConvocationDelay(
  sentDay: string,
  meetingDay: string,
  rules: Pick<BodyRules, 'convocationClearDays' | 'emergencyClearDays' | 'secondConvocationClearDays'>,
  kind: { emergency: boolean; secondConvocation: boolean },
): ConvocationCheck {
  const clearDays = clearDaysBetween(sentDay, meetingDay)
  const required = kind.emergency
    ? rules.emergencyClearDays
    : kind.secondConvocation
      ? rules.secondConvocationClearDays
      : rules.convocationClearDays
  const ok = clearDays >= required && sentDay < meetingDay
  const why = kind.emergency
    ? ' en cas d’urgence'
    : kind.secondConvocation
      ? ' pour une seconde convocation'
      : ''
  return {
    clearDays,
    required,
    ok,
    message: ok
      ? null
      : `La convocation doit partir au moins ${required} jour${required > 1 ? 's' : ''} franc${required > 1 ? 's' : ''} avant la séance${why} ; envoyée le ${frenchDay(sentDay)}, elle n’en laisse que ${clearDays}.`,
  }
}

function frenchDay(day: string): string {
  const [y, m, d] = day.split('-')
  return `${d}/${m}/${y}`
}
