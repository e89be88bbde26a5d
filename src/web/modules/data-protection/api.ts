import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  DataExportResponse,
  ProcessingActivityBody,
  RegisterResponse,
  RetentionPreview,
} from '../../../contract/data-protection.ts'
import { apiDelete, apiGet, apiPost, apiPut } from '../../api/client.ts'

export type Register = z.input<typeof RegisterResponse>
export type Activity = Register['activities'][number]
export type MyExport = z.input<typeof DataExportResponse>

const REGISTER = ['data-protection', 'register'] as const

export function useRegister() {
  return useQuery({ queryKey: REGISTER, queryFn: () => apiGet<Register>('/api/data-protection/register') })
}

export function useSaveActivity() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: ProcessingActivityBody }) =>
      id
        ? apiPut(`/api/data-protection/register/${id}`, body)
        : apiPost('/api/data-protection/register', body),
    onSuccess: () => client.invalidateQueries({ queryKey: REGISTER }),
  })
}

export function useRemoveActivity() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/api/data-protection/register/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: REGISTER }),
  })
}

export function useRetentionPreview() {
  return useQuery({
    queryKey: ['data-protection', 'retention'],
    queryFn: () => apiGet<RetentionPreview>('/api/admin/data-protection/retention'),
  })
}

const MY_EXPORT = ['data-protection', 'my-export'] as const

/** My latest archive; asked again every second while it is being prepared (the progress bar moves). */
export function useMyExport() {
  return useQuery({
    queryKey: MY_EXPORT,
    queryFn: () => apiGet<MyExport>('/api/me/data-export'),
    refetchInterval: (query) => {
      const status = query.state.data?.export?.status
      return status === 'queued' || status === 'running' ? 1000 : false
    },
  })
}

export function useRequestExport() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => apiPost<MyExport>('/api/me/data-export'),
    onSuccess: (data) => client.setQueryData(MY_EXPORT, data),
  })
}
