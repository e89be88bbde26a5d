import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type { ClassFamilies, DirectoryGroups, DirectoryPage } from '../../../contract/directory.ts'
import type { Profile } from '../../../contract/structures.ts'
import { apiGet } from '../../api/client.ts'

/** People shown per page; "Afficher plus" asks for the next. */
const PAGE_SIZE = 30

const schoolPath = (schoolId: string) => `/api/schools/${encodeURIComponent(schoolId)}`

/**
 * The people of a school the user may reach, by name prefix and profile, a page at a time (keyset:
 * each page says where the next starts). While a new search loads, the previous results stay shown.
 */
export function usePeople(schoolId: string, search: { q: string; profile: Profile | null }) {
  return useInfiniteQuery({
    queryKey: ['directory', schoolId, 'people', search.q, search.profile],
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) })
      if (search.q) params.set('q', search.q)
      if (search.profile) params.set('profile', search.profile)
      if (pageParam) params.set('after', pageParam)
      return apiGet<DirectoryPage>(`${schoolPath(schoolId)}/directory?${params}`)
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextAfter,
    placeholderData: keepPreviousData,
  })
}

/** The groups of a school the user may write to, with their size. */
export function useGroups(schoolId: string) {
  return useQuery({
    queryKey: ['directory', schoolId, 'groups'],
    queryFn: () => apiGet<z.input<typeof DirectoryGroups>>(`${schoolPath(schoolId)}/directory/groups`),
  })
}

/** The pupils of a class with their parents and the parents' contacts (the class's teachers). */
export function useClassFamilies(schoolId: string, classId: string) {
  return useQuery({
    queryKey: ['directory', schoolId, 'families', classId],
    queryFn: () =>
      apiGet<ClassFamilies>(`${schoolPath(schoolId)}/classes/${encodeURIComponent(classId)}/families`),
    enabled: Boolean(classId),
  })
}
