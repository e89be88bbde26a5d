import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  FlashMessage,
  FlashMessagesList,
  MyFlashMessages,
  NewFlashMessage,
} from '../../../contract/flash-messages.ts'
import { apiGet, apiPost } from '../../api/client.ts'

export type { FlashMessage } from '../../../contract/flash-messages.ts'

const MINE = ['me', 'flash-messages'] as const

/** The banners to show me today; asked again every few minutes, since a banner may start any day. */
export function useMyBanners() {
  return useQuery({
    queryKey: MINE,
    queryFn: () => apiGet<MyFlashMessages>('/api/me/flash-messages'),
    staleTime: 5 * 60_000,
  })
}

/** Hides a banner for good (the server remembers it for all my devices). */
export function useDismissBanner() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => apiPost(`/api/me/flash-messages/${id}/dismiss`),
    onMutate: (id) =>
      queryClient.setQueryData<MyFlashMessages>(MINE, (data) =>
        data ? { banners: data.banners.filter((banner) => banner.id !== id) } : data,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: MINE }),
  })
}

/** A console's messages: `base` is its API path (`/api/schools/…/flash-messages`, …). */
export function useFlashMessages(base: string) {
  return useQuery({ queryKey: ['flash-messages', base], queryFn: () => apiGet<FlashMessagesList>(base) })
}

export function usePostFlashMessage(base: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: NewFlashMessageBody) => apiPost<FlashMessage>(base, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['flash-messages', base] })
      void queryClient.invalidateQueries({ queryKey: MINE })
    },
  })
}

type NewFlashMessageBody = Omit<NewFlashMessage, 'schoolIds'> & { schoolIds?: string[] }
