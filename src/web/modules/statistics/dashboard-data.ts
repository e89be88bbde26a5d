import type { DashboardResponse } from '../../../contract/statistics.ts'

/** The profiles in the order the charts stack them, with colours told apart by everyone (Okabe–Ito). */
export const PROFILE_COLOURS: Record<string, string> = {
  parent: '#0072B2',
  pupil: '#E69F00',
  teacher: '#009E73',
  staff: '#CC79A7',
  collectivity_agent: '#56B4E9',
  academic: '#D55E00',
  guest: '#666666',
}
export const PROFILE_ORDER = Object.keys(PROFILE_COLOURS)

type Row = DashboardResponse['connections'][number]
export type DayPoint = { day: string } & Record<string, number | null | string>

/** Every day of the period, in order: a day without any connection is a zero, not a gap. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = []
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10))
  }
  return days
}

/** One point per day with a value per profile (`null`: hidden, fewer than 5). */
export function pointsByDay(
  rows: Row[],
  from: string,
  to: string,
  field: 'connections' | 'uniqueUsers',
): { points: DayPoint[]; profiles: string[] } {
  const byDay = new Map<string, DayPoint>()
  for (const day of daysOf(from, to)) byDay.set(day, { day })
  const seen = new Set<string>()
  for (const row of rows) {
    seen.add(row.profile)
    const point = byDay.get(row.day)
    if (point) point[row.profile] = row[field]
  }
  const profiles = PROFILE_ORDER.filter((p) => seen.has(p))
  for (const point of byDay.values()) {
    for (const profile of profiles) if (!(profile in point)) point[profile] = 0
  }
  return { points: [...byDay.values()], profiles }
}

/** The sum of the counts shown (hidden ones count for nothing). */
export function total(values: (number | null)[]): number {
  return values.reduce<number>((sum, value) => sum + (value ?? 0), 0)
}

/** Unique users per day on average over the period (all profiles of a day added). */
export function averageDailyUsers(rows: Row[], from: string, to: string): number {
  const days = daysOf(from, to).length
  return days === 0 ? 0 : Math.round(total(rows.map((r) => r.uniqueUsers)) / days)
}

/** The share of accounts activated over the schools whose counts are shown. */
export function overallActivation(activation: DashboardResponse['activation']): number | null {
  const accounts = total(activation.map((s) => (s.rate === null ? 0 : s.accounts)))
  const activated = total(activation.map((s) => (s.rate === null ? 0 : s.activated)))
  return accounts === 0 ? null : activated / accounts
}
