import { useInfiniteQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type { AuditPage } from '../../../../contract/audit.ts'
import { apiGet } from '../../../api/client.ts'

/** The filters of a trail (all optional). */
export type AuditFilters = { action?: string; schoolId?: string; actorId?: string; reads?: 'personal-data' }

const PAGE_SIZE = 30

/**
 * An audit trail, newest first, page by page: `fetchNextPage` asks for the entries before the last one
 * shown (keyset paging, so a long trail costs the same to browse at any depth).
 */
export function useAuditTrail(path: string, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', path, filters],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) })
      for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value)
      if (pageParam) query.set('before', String(pageParam))
      return apiGet<z.input<typeof AuditPage>>(`${path}?${query}`)
    },
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    // Always read again when the page opens: the trail is what just happened.
    staleTime: 0,
  })
}
