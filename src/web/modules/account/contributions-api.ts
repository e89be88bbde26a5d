import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { ContributionsObjection as Objection } from '../../../contract/school-years.ts'
import { apiDelete, apiGet, apiPut } from '../../api/client.ts'

/** My objection to keeping my contributions once my account is deleted (`objectedAt` an ISO string). */
type ContributionsObjection = z.input<typeof Objection>

const KEY = ['me', 'contributions-objection'] as const

export function useContributionsObjection() {
  return useQuery({
    queryKey: KEY,
    queryFn: () => apiGet<ContributionsObjection>('/api/me/contributions-objection'),
  })
}

/** Objects (true) or withdraws the objection (false). */
export function useSetContributionsObjection() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (objects: boolean) =>
      objects
        ? apiPut<ContributionsObjection>('/api/me/contributions-objection')
        : apiDelete<ContributionsObjection>('/api/me/contributions-objection'),
    onSuccess: (data) => queryClient.setQueryData(KEY, data),
  })
}
