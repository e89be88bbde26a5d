import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  AdhesionBody,
  AssignmentBody,
  AssignmentsResponse,
  CirconscriptionsResponse,
  ContactBody,
  DeploymentStatusBody,
  MemberDetail,
  MembersResponse,
  WithdrawalBody,
} from '../../../contract/members.ts'
import { apiDelete, apiGet, apiPost, apiPut } from '../../api/client.ts'

export type MembersJson = z.input<typeof MembersResponse>
export type MemberJson = z.input<typeof MemberDetail>
export type SchoolJson = MemberJson['schoolList'][number]

const KEYS = {
  members: ['members'] as const,
  member: (id: string) => ['members', id] as const,
  assignments: ['academic-assignments'] as const,
  circonscriptions: ['academie', 'circonscriptions'] as const,
}

export const useMembers = () =>
  useQuery({ queryKey: KEYS.members, queryFn: () => apiGet<MembersJson>('/api/members') })

export const useMember = (id: string) =>
  useQuery({ queryKey: KEYS.member(id), queryFn: () => apiGet<MemberJson>(`/api/members/${id}`) })

function useMemberMutation<Body>(call: (body: Body) => Promise<unknown>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEYS.members }),
  })
}

export const useRecordAdhesion = (id: string) =>
  useMemberMutation((body: z.input<typeof AdhesionBody>) => apiPut(`/api/members/${id}/adhesion`, body))
export const useRecordWithdrawal = (id: string) =>
  useMemberMutation((body: z.input<typeof WithdrawalBody>) => apiPut(`/api/members/${id}/withdrawal`, body))
export const useAddContact = (id: string) =>
  useMemberMutation((body: z.input<typeof ContactBody>) => apiPost(`/api/members/${id}/contacts`, body))
export const useRemoveContact = (id: string) =>
  useMemberMutation((contactId: string) => apiDelete(`/api/members/${id}/contacts/${contactId}`))
export const useSetDeploymentStatus = (schoolId: string) =>
  useMemberMutation((body: z.input<typeof DeploymentStatusBody>) =>
    apiPost(`/api/schools/${schoolId}/deployment-status`, body),
  )

export const useAssignments = () =>
  useQuery({
    queryKey: KEYS.assignments,
    queryFn: () => apiGet<z.input<typeof AssignmentsResponse>>('/api/academic-assignments'),
  })

function useAssignmentMutation<Body>(call: (body: Body) => Promise<unknown>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEYS.assignments }),
  })
}
export const useAddAssignment = () =>
  useAssignmentMutation((body: z.input<typeof AssignmentBody>) => apiPost('/api/academic-assignments', body))
export const useRemoveAssignment = () =>
  useAssignmentMutation((id: string) => apiDelete(`/api/academic-assignments/${id}`))

export const useCirconscriptions = () =>
  useQuery({
    queryKey: KEYS.circonscriptions,
    queryFn: () => apiGet<z.input<typeof CirconscriptionsResponse>>('/api/academie/circonscriptions'),
  })
