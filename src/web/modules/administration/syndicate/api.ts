import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  Administrator,
  Collectivity,
  CollectivityBody,
  SchoolBody,
  SchoolRow,
  SchoolYear,
} from '../../../../contract/administration.ts'
import type { DeploymentRole } from '../../../../contract/structures.ts'
import { apiDelete, apiGet, apiPatch, apiPost } from '../../../api/client.ts'

/** Rows of the syndicate console as the API sends them. */
export type CollectivityRow = z.infer<typeof Collectivity>
export type AdminSchoolRow = z.infer<typeof SchoolRow>
export type AdministratorRow = z.infer<typeof Administrator>
export type SchoolYearRow = z.infer<typeof SchoolYear>

/** The body of a new collectivity as the form sends it (the server fills defaults). */
export type NewCollectivity = Omit<z.input<typeof CollectivityBody>, 'communeCodes'> & {
  communeCodes?: string[]
}

const KEYS = {
  collectivities: ['admin', 'collectivities'] as const,
  schools: ['admin', 'schools'] as const,
  administrators: ['admin', 'administrators'] as const,
  schoolYears: ['admin', 'school-years'] as const,
}

/** The member collectivities (syndicate administrators only: others leave `enabled` false). */
export function useCollectivities(enabled = true) {
  return useQuery({
    queryKey: KEYS.collectivities,
    enabled,
    queryFn: async () =>
      (await apiGet<{ collectivities: CollectivityRow[] }>('/api/admin/collectivities')).collectivities,
  })
}

/** Adds a member collectivity; the list is read again afterwards. */
export function useAddCollectivity() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: NewCollectivity) => apiPost<{ id: string }>('/api/admin/collectivities', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEYS.collectivities }),
  })
}

/** Changes the name, covered communes or population of a collectivity. */
export function useEditCollectivity() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({
      id,
      ...patch
    }: {
      id: string
      name?: string
      communeCodes?: string[]
      population?: number | null
    }) => apiPatch(`/api/admin/collectivities/${encodeURIComponent(id)}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  })
}

/** The schools of the deployment (syndicate) or of the user's collectivities. */
export function useAdminSchools() {
  return useQuery({
    queryKey: KEYS.schools,
    queryFn: async () => (await apiGet<{ schools: AdminSchoolRow[] }>('/api/admin/schools')).schools,
  })
}

/** Adds a school to a collectivity. */
export function useAddSchool() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: z.input<typeof SchoolBody>) => apiPost<{ id: string }>('/api/admin/schools', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  })
}

/** Changes a school's name, kind, commune, circonscription or RPI. */
export function useEditSchool(schoolId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (patch: Partial<Omit<z.input<typeof SchoolBody>, 'collectivityId' | 'uai'>>) =>
      apiPatch(`/api/schools/${encodeURIComponent(schoolId)}`, patch),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: KEYS.schools })
      await queryClient.invalidateQueries({ queryKey: ['schools', schoolId] })
    },
  })
}

/** Gives or takes away the director function of a teacher of the school. */
export function useDirectorChange(schoolId: string) {
  const queryClient = useQueryClient()
  const base = `/api/schools/${encodeURIComponent(schoolId)}/directors`
  return useMutation({
    mutationFn: ({ userId, isDirector }: { userId: string; isDirector: boolean }) =>
      isDirector ? apiPost(base, { userId }) : apiDelete(`${base}/${encodeURIComponent(userId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['schools', schoolId] }),
  })
}

/** The administrators of the syndicate and of the collectivities. */
export function useAdministrators() {
  return useQuery({
    queryKey: KEYS.administrators,
    queryFn: async () =>
      (await apiGet<{ administrators: AdministratorRow[] }>('/api/admin/administrators')).administrators,
  })
}

/** Names an administrator by their login. */
export function useGrantAdministrator() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { login: string; role: DeploymentRole; collectivityId?: string }) =>
      apiPost('/api/admin/administrators', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEYS.administrators }),
  })
}

/** Takes one administrator role away. */
export function useRevokeAdministrator() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({
      userId,
      role,
      collectivityId,
    }: Pick<AdministratorRow, 'userId' | 'role' | 'collectivityId'>) => {
      const query = new URLSearchParams({ role })
      if (collectivityId) query.set('collectivityId', collectivityId)
      return apiDelete(`/api/admin/administrators/${encodeURIComponent(userId)}?${query}`)
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEYS.administrators }),
  })
}

/** The school years of the deployment. */
export function useSchoolYears() {
  return useQuery({
    queryKey: KEYS.schoolYears,
    queryFn: async () =>
      (await apiGet<{ schoolYears: SchoolYearRow[] }>('/api/admin/school-years')).schoolYears,
  })
}

/** Prepares a school year (`2027-2028`). */
export function useAddSchoolYear() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (label: string) => apiPost<{ id: string }>('/api/admin/school-years', { label }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEYS.schoolYears }),
  })
}
