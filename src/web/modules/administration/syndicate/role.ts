import { usePortal } from '../../portal/api.ts'

/** What the signed-in user administers above schools: the whole deployment, collectivities, or nothing. */
export type ConsoleRole = 'syndicate' | 'collectivity' | null

/**
 * The user's deployment role, read from the portal's applications (the portal does not list roles):
 * the comité syndical's app is the syndicate administrators' alone; the members' app is theirs and the
 * collectivity administrators'. The server checks every call anyway.
 */
export function useConsoleRole(): { role: ConsoleRole; isPending: boolean; error: unknown } {
  const portal = usePortal()
  const apps = new Set(portal.data?.apps.map((app) => app.id) ?? [])
  const role: ConsoleRole = apps.has('governance') ? 'syndicate' : apps.has('members') ? 'collectivity' : null
  return { role, isPending: portal.isPending, error: portal.error }
}
