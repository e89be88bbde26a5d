import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  AdoptionBody,
  LinesResponse,
  MemberCallsResponse,
  RevisionBody,
  Rule,
  RuleBody,
  RulesResponse,
} from '../../../contract/contributions.ts'
import { apiGet, apiPost, apiPut } from '../../api/client.ts'

export type RuleJson = z.input<typeof Rule>
export type LinesJson = z.input<typeof LinesResponse>
export type LineJson = LinesJson['lines'][number]

const KEYS = {
  rules: ['contributions', 'rules'] as const,
  simulation: (id: string) => ['contributions', 'simulation', id] as const,
  computation: (id: string) => ['contributions', 'computation', id] as const,
}

export function useRules() {
  return useQuery({
    queryKey: KEYS.rules,
    queryFn: async () => (await apiGet<z.input<typeof RulesResponse>>('/api/contributions/rules')).rules,
  })
}

export function useSimulation(ruleId: string, enabled: boolean) {
  return useQuery({
    queryKey: KEYS.simulation(ruleId),
    enabled,
    queryFn: () => apiGet<LinesJson>(`/api/contributions/rules/${ruleId}/simulation`),
  })
}

export function useComputation(ruleId: string, enabled: boolean) {
  return useQuery({
    queryKey: KEYS.computation(ruleId),
    enabled,
    queryFn: () => apiGet<LinesJson>(`/api/contributions/rules/${ruleId}/computation`),
  })
}

function useRuleMutation<Body, Result>(call: (body: Body) => Promise<Result>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['contributions'] }),
  })
}

export const useCreateRule = () =>
  useRuleMutation((body: z.input<typeof RuleBody>) =>
    apiPost<{ id: string }>('/api/contributions/rules', body),
  )

export const useAdoptRule = (ruleId: string) =>
  useRuleMutation((body: z.input<typeof AdoptionBody>) =>
    apiPost(`/api/contributions/rules/${ruleId}/adoption`, body),
  )

export const useReviseRule = (ruleId: string) =>
  useRuleMutation((body: z.input<typeof RevisionBody>) =>
    apiPost<{ id: string }>(`/api/contributions/rules/${ruleId}/versions`, body),
  )

export const useCompute = (ruleId: string) =>
  useRuleMutation(() => apiPost(`/api/contributions/rules/${ruleId}/computation`))

export const csvUrl = (ruleId: string) => `/api/contributions/rules/${ruleId}/call-for-funds.csv`
export const noticeUrl = (ruleId: string, memberId: string) =>
  `/api/contributions/rules/${ruleId}/members/${memberId}/notice.pdf`

/** A member's own calls for funds (its collectivity's agents and administrators, and the syndicate). */
export function useMemberCalls(memberId: string) {
  return useQuery({
    queryKey: ['contributions', 'member', memberId],
    queryFn: async () =>
      (await apiGet<z.input<typeof MemberCallsResponse>>(`/api/contributions/members/${memberId}`)).calls,
  })
}

export const memberNoticeUrl = (memberId: string, ruleId: string) =>
  `/api/contributions/members/${memberId}/rules/${ruleId}/notice.pdf`

export const useEditDraft = (ruleId: string) =>
  useRuleMutation((body: z.input<typeof RuleBody>) => apiPut(`/api/contributions/rules/${ruleId}`, body))
