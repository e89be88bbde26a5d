const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

/**
 * "il y a 5 minutes", "hier", "5 minutes ago": how long ago `date` was, in the locale's words. Under a
 * minute gives null, for the caller to say "à l'instant".
 */
export function timeAgo(date: Date, locale: string, now = Date.now()): string | null {
  const seconds = Math.round((now - date.getTime()) / 1000)
  if (seconds < 60) return null
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  const [unit, size] = UNITS.find(([, unitSeconds]) => seconds >= unitSeconds) ?? ['minute', 60]
  return format.format(-Math.floor(seconds / size), unit)
}

/** A full date and time in the locale ("29 novembre 2026 à 19:20"). */
export function formatDateTime(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date)
}
