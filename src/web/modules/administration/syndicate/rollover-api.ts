import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { OpenSchoolYearResponse, RolloverPreview } from '../../../../contract/school-years.ts'
import { apiGet, apiPost } from '../../../api/client.ts'

export type {
  OpenSchoolYearResponse,
  PlannedDeletion,
  RolloverPreview,
} from '../../../../contract/school-years.ts'

/** How many people whose data goes are listed per page. */
export const DELETIONS_PAGE = 50

const PREVIEW_KEY = ['admin', 'school-year-rollover'] as const

/** What opening the next year will do; `after` (a page's `nextAfter`) pages through the people whose data goes. */
export function useRolloverPreview(after: string | undefined) {
  return useQuery({
    queryKey: [...PREVIEW_KEY, after ?? null],
    queryFn: () =>
      apiGet<RolloverPreview>(
        `/api/admin/school-years/rollover?limit=${DELETIONS_PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      ),
    placeholderData: keepPreviousData,
  })
}

/** Opens the next year; `label` repeats the one the preview announced, so a second click opens nothing. */
export function useOpenNextYear() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (label: string) =>
      apiPost<OpenSchoolYearResponse>('/api/admin/school-years/rollover', { label }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  })
}
