import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { FeedApp, NotificationFrequency, NotificationPreferences } from '../../../contract/feed.ts'
import { apiGet, apiPut } from '../../api/client.ts'

const KEY = ['notification-preferences'] as const

export function useNotificationPreferences() {
  return useQuery({ queryKey: KEY, queryFn: () => apiGet<NotificationPreferences>('/api/me/notifications') })
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (preferences: { app: FeedApp; frequency: NotificationFrequency }[]) =>
      apiPut<NotificationPreferences>('/api/me/notifications', { preferences }),
    onSuccess: (saved) => queryClient.setQueryData(KEY, saved),
  })
}
