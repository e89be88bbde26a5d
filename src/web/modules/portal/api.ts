import { useQuery } from '@tanstack/react-query'
import type { PortalResponse } from '../../../contract/portal.ts'
import { apiGet } from '../../api/client.ts'

/** Cache key of the portal: the signed-in user, their applications and their schools. */
const PORTAL_KEY = ['portal'] as const

/** The portal of the signed-in user; shared by the shell, the home page and the list of schools. */
export function usePortal() {
  return useQuery({ queryKey: PORTAL_KEY, queryFn: () => apiGet<PortalResponse>('/api/portal') })
}
