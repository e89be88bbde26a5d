import { queryOptions, useQuery } from '@tanstack/react-query'
import type { PortalResponse } from '../../../contract/portal.ts'
import { apiGet } from '../../api/client.ts'

/** Cache key of the portal: the signed-in user, their applications and their schools. */
const PORTAL_KEY = ['portal'] as const

/** The portal's query, for `useQuery` and for starting it before the page's code has arrived. */
export const portalQuery = queryOptions({
  queryKey: PORTAL_KEY,
  queryFn: () => apiGet<PortalResponse>('/api/portal'),
})

/** The portal of the signed-in user; shared by the shell, the home page and the list of schools. */
export function usePortal() {
  return useQuery(portalQuery)
}
