import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  CharterStatusResponse,
  DeploymentIdentity,
  DeploymentResponse,
} from '../../../contract/deployment.ts'
import { apiGet, apiPost, apiPut } from '../../api/client.ts'

const KEYS = { deployment: ['deployment'] as const, charter: ['me', 'charter'] as const }

/** The syndicate that runs Préau and the charter in force (public). */
export function useDeployment() {
  return useQuery({
    queryKey: KEYS.deployment,
    queryFn: () => apiGet<DeploymentResponse>('/api/deployment'),
    staleTime: 10 * 60_000,
  })
}

/** Changes the syndicate's name, address and data-protection officer (its administrators). */
export function useSaveDeploymentIdentity() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (identity: DeploymentIdentity) => apiPut<DeploymentResponse>('/api/deployment', identity),
    onSuccess: (saved) => queryClient.setQueryData(KEYS.deployment, saved),
  })
}

/** Whether the signed-in user must accept the charter in force before going on. */
export function useCharterStatus() {
  return useQuery({
    queryKey: KEYS.charter,
    queryFn: () => apiGet<CharterStatusResponse>('/api/me/charter'),
    staleTime: Number.POSITIVE_INFINITY,
  })
}

export function useAcceptCharter() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (version: string) => apiPost<CharterStatusResponse>('/api/me/charter', { version }),
    onSuccess: (status) => queryClient.setQueryData(KEYS.charter, status),
  })
}
