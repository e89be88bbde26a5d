import { useQuery } from '@tanstack/react-query'
import type { SchoolResponse } from '../../../contract/portal.ts'
import { apiGet } from '../../api/client.ts'

/** One school as the signed-in user may see it; a 404 means it does not exist for them. */
export function useSchool(schoolId: string) {
  return useQuery({
    queryKey: ['schools', schoolId],
    queryFn: () => apiGet<SchoolResponse>(`/api/schools/${encodeURIComponent(schoolId)}`),
  })
}
