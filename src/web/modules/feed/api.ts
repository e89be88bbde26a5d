import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { FeedApp, FeedPage, UnreadCounts } from '../../../contract/feed.ts'
import { apiGet, apiPost } from '../../api/client.ts'

/** The feed's queries all start with this key: a real-time `feed.*` event invalidates them together. */
export const FEED_KEY = ['feed'] as const
const UNREAD_KEY = [...FEED_KEY, 'unread'] as const

export type FeedItemJson = z.input<typeof import('../../../contract/feed.ts').FeedItem>
type FeedPageJson = Omit<FeedPage, 'items'> & { items: FeedItemJson[] }

/** My feed, newest first, a page at a time (`fetchNextPage` follows the server's cursor). */
export function useFeed(pageSize = 20) {
  return useInfiniteQuery({
    queryKey: [...FEED_KEY, 'items', pageSize],
    queryFn: ({ pageParam }) =>
      apiGet<FeedPageJson>(`/api/feed?limit=${pageSize}${pageParam ? `&before=${pageParam}` : ''}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
  })
}

export function useUnreadCounts() {
  return useQuery({ queryKey: UNREAD_KEY, queryFn: () => apiGet<UnreadCounts>('/api/feed/unread') })
}

export function useMarkRead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (itemId: string) => apiPost(`/api/feed/items/${itemId}/read`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: FEED_KEY }),
  })
}

export function useMarkAppRead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (app: FeedApp) => apiPost<{ marked: number }>('/api/feed/read', { app }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: FEED_KEY }),
  })
}

export function useReportItem() {
  return useMutation({
    mutationFn: ({ itemId, reason }: { itemId: string; reason: string }) =>
      apiPost(`/api/feed/items/${itemId}/report`, { reason }),
  })
}
