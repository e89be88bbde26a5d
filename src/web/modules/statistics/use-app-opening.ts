import { useEffect } from 'react'
import { apiPost } from '../../api/client.ts'

type App = { id: string; path: string }

/** What this tab already counted today: the server counts once a day anyway, this spares the request. */
const counted = new Set<string>()

/** The app a path belongs to: the longest app path it starts with (`/ecoles/…` → `schools`). */
export function appOfPath(apps: readonly App[], pathname: string): App | null {
  let found: App | null = null
  for (const app of apps) {
    const inside = pathname === app.path || pathname.startsWith(`${app.path}/`)
    if (inside && (!found || app.path.length > found.path.length)) found = app
  }
  return found
}

/**
 * Tells the server an application was opened (usage statistics: one per person, app, school and day).
 * A school's page names its school; elsewhere the opening counts in each school of the person.
 */
export function useAppOpening(apps: readonly App[] | undefined, pathname: string): void {
  useEffect(() => {
    if (!apps) return
    const app = appOfPath(apps, pathname)
    if (!app) return
    const schoolId = /^\/ecoles\/([0-9a-f-]{36})(\/|$)/i.exec(pathname)?.[1]
    const key = `${new Date().toDateString()}|${app.id}|${schoolId ?? ''}`
    if (counted.has(key)) return
    counted.add(key)
    // Statistics never get in the way: a failure is forgotten (and may be counted on the next visit).
    apiPost('/api/usage/openings', schoolId ? { app: app.id, schoolId } : { app: app.id }).catch(() =>
      counted.delete(key),
    )
  }, [apps, pathname])
}
