import { useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type { MeResponse, SessionsResponse } from '../../../contract/identity.ts'
import { apiDelete, apiGet, apiPost } from '../../api/client.ts'

/** A session of my account as the API sends it (the contract's wire side: dates as ISO strings). */
export type SessionItem = z.input<typeof SessionsResponse>['sessions'][number]

export const SESSIONS_KEY = ['me', 'sessions'] as const

/** The signed-in user: login, name, memberships. */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => apiGet<MeResponse>('/api/me') })
}

/** Where my account is signed in, most recent activity first. */
export function useSessions() {
  return useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: () => apiGet<z.input<typeof SessionsResponse>>('/api/me/sessions'),
  })
}

/** Closes one of my sessions: that device must sign in again. */
export function closeSession(sessionId: string): Promise<void> {
  return apiDelete(`/api/me/sessions/${encodeURIComponent(sessionId)}`)
}

/** Closes every session of mine except this one. */
export function closeOtherSessions(): Promise<void> {
  return apiPost('/api/me/sessions/close-others')
}
