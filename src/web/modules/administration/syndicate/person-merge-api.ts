import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  PersonComparison as ComparisonSchema,
  PersonMerge as MergeSchema,
  PersonMergesList as MergesSchema,
  PersonSearchResults as SearchSchema,
} from '../../../../contract/person-merge.ts'
import { apiGet, apiPost } from '../../../api/client.ts'

export type PersonSearchResults = z.input<typeof SearchSchema>
export type PersonComparison = z.input<typeof ComparisonSchema>
export type PersonAccount = PersonComparison['accounts'][number]
export type PersonMerge = z.input<typeof MergeSchema>
type PersonMergesList = z.input<typeof MergesSchema>

const KEY = ['admin', 'person-merges'] as const

/** Accounts whose name starts with `q` (two letters at least). */
export function usePeopleSearch(q: string) {
  return useQuery({
    queryKey: ['admin', 'people', q],
    queryFn: () => apiGet<PersonSearchResults>(`/api/admin/people?q=${encodeURIComponent(q)}`),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  })
}

/** Two accounts side by side. */
export function useComparison(a: string | null, b: string | null) {
  return useQuery({
    queryKey: [...KEY, 'comparison', a, b],
    queryFn: () => apiGet<PersonComparison>(`/api/admin/person-merges/comparison?a=${a}&b=${b}`),
    enabled: Boolean(a && b),
  })
}

export function useRecentMerges() {
  return useQuery({
    queryKey: [...KEY, 'recent'],
    queryFn: () => apiGet<PersonMergesList>('/api/admin/person-merges'),
  })
}

export function useMergeAccounts() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { keepUserId: string; mergeUserId: string }) =>
      apiPost<PersonMerge>('/api/admin/person-merges', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  })
}

export function useUndoMerge() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (mergeId: string) => apiPost<PersonMerge>(`/api/admin/person-merges/${mergeId}/undo`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  })
}
