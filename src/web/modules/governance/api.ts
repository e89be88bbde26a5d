import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  AttendanceBody,
  BodyResponse,
  BodyRulesBody,
  DelegateBody,
  Deliberation,
  DeliberationBody,
  MeetingList,
  MeetingResponse,
  MovementBody,
  PublicDeliberationList,
  VoteBody,
} from '../../../contract/governance.ts'
import { apiDelete, apiGet, apiPost, apiPut, apiUpload } from '../../api/client.ts'

/** The register as the API sends it (instants as ISO strings). */
export type Meeting = z.input<typeof MeetingResponse>
export type MeetingItem = Meeting['items'][number]
export type DeliberationJson = z.input<typeof Deliberation>
export type BodyJson = z.input<typeof BodyResponse>
export type DelegateJson = BodyJson['delegates'][number]

const KEYS = {
  meetings: ['governance', 'meetings'] as const,
  meeting: (id: string) => ['governance', 'meeting', id] as const,
  deliberation: (id: string) => ['governance', 'deliberation', id] as const,
  public: ['governance', 'public'] as const,
  body: (id: string) => ['governance', 'body', id] as const,
}

export function useMeetings() {
  return useQuery({
    queryKey: KEYS.meetings,
    queryFn: () => apiGet<z.input<typeof MeetingList>>('/api/governance/meetings'),
  })
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: KEYS.meeting(id),
    queryFn: () => apiGet<Meeting>(`/api/governance/meetings/${id}`),
    // While the convocation e-mails leave (a job), the page asks again until the meeting is marked sent.
    refetchInterval: (query) =>
      query.state.data?.convocationChannel === 'email' && !query.state.data.convocationSentAt ? 2000 : false,
  })
}

export function useCreateMeeting() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { bodyId: string; heldAt: string; place: string; emergency: boolean }) =>
      apiPost<Meeting>('/api/governance/meetings', body),
    onSuccess: () => client.invalidateQueries({ queryKey: KEYS.meetings }),
  })
}

/** Every change of a meeting answers the meeting as computed again: the page shows it at once. */
function useMeetingChange<Vars>(meetingId: string, call: (vars: Vars) => Promise<Meeting>) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: (meeting) => {
      client.setQueryData(KEYS.meeting(meetingId), meeting)
      void client.invalidateQueries({ queryKey: KEYS.meetings })
    },
  })
}

export function useRecordAttendance(meetingId: string) {
  return useMeetingChange(
    meetingId,
    ({ delegateId, ...body }: z.input<typeof AttendanceBody> & { delegateId: string }) =>
      apiPut<Meeting>(`/api/governance/meetings/${meetingId}/attendance/${delegateId}`, body),
  )
}

export function useAddItem(meetingId: string) {
  return useMeetingChange(meetingId, (title: string) =>
    apiPost<Meeting>(`/api/governance/meetings/${meetingId}/items`, { title }),
  )
}

export function useSendConvocation(meetingId: string) {
  return useMeetingChange(meetingId, (channel: 'email' | 'paper') =>
    apiPost<Meeting>(`/api/governance/meetings/${meetingId}/convocation`, { channel }),
  )
}

export function useRecordVote(meetingId: string) {
  return useMeetingChange(meetingId, ({ itemId, ...body }: z.input<typeof VoteBody> & { itemId: string }) =>
    apiPut<Meeting>(`/api/governance/items/${itemId}/vote`, body),
  )
}

export function useRecordMovement(meetingId: string) {
  return useMeetingChange(meetingId, (body: z.input<typeof MovementBody>) =>
    apiPost<Meeting>(`/api/governance/meetings/${meetingId}/movements`, body),
  )
}

export function useRemoveMovement(meetingId: string) {
  return useMeetingChange(meetingId, (movementId: string) =>
    apiDelete<Meeting>(`/api/governance/meetings/${meetingId}/movements/${movementId}`),
  )
}

export function useWithdrawals(meetingId: string) {
  return useMeetingChange(meetingId, ({ itemId, withdrawn }: { itemId: string; withdrawn: string[] }) =>
    apiPut<Meeting>(`/api/governance/items/${itemId}/withdrawals`, { withdrawn }),
  )
}

/** Adds or removes an annex: the deliberation answers with its list of annexes. */
export function useAnnexes(deliberationId: string) {
  const client = useQueryClient()
  const onSuccess = (saved: DeliberationJson) => client.setQueryData(KEYS.deliberation(deliberationId), saved)
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData()
      form.append('file', file)
      return apiUpload<DeliberationJson>(`/api/governance/deliberations/${deliberationId}/annexes`, form)
    },
    onSuccess,
  })
  const remove = useMutation({
    mutationFn: (annexId: string) =>
      apiDelete<DeliberationJson>(`/api/governance/deliberations/${deliberationId}/annexes/${annexId}`),
    onSuccess,
  })
  return { upload, remove }
}

export function useBody(id: string) {
  return useQuery({
    queryKey: KEYS.body(id),
    queryFn: () => apiGet<BodyJson>(`/api/governance/bodies/${id}`),
  })
}

function useBodyChange<Vars>(bodyId: string, call: (vars: Vars) => Promise<BodyJson>) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: (body) => {
      client.setQueryData(KEYS.body(bodyId), body)
      void client.invalidateQueries({ queryKey: ['governance', 'meeting'] })
    },
  })
}

export function useEditBody(bodyId: string) {
  return useBodyChange(bodyId, (body: z.input<typeof BodyRulesBody>) =>
    apiPut<BodyJson>(`/api/governance/bodies/${bodyId}`, body),
  )
}

export function useSaveDelegate(bodyId: string) {
  return useBodyChange(
    bodyId,
    ({ delegateId, ...body }: z.input<typeof DelegateBody> & { delegateId: string | null }) =>
      delegateId
        ? apiPut<BodyJson>(`/api/governance/delegates/${delegateId}`, body)
        : apiPost<BodyJson>(`/api/governance/bodies/${bodyId}/delegates`, body),
  )
}

export function useDeliberation(id: string) {
  return useQuery({
    queryKey: KEYS.deliberation(id),
    queryFn: () => apiGet<DeliberationJson>(`/api/governance/deliberations/${id}`),
  })
}

export function useSaveDeliberation() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ itemId, ...body }: z.input<typeof DeliberationBody> & { itemId: string }) =>
      apiPut<DeliberationJson>(`/api/governance/items/${itemId}/deliberation`, body),
    onSuccess: (saved) => {
      client.setQueryData(KEYS.deliberation(saved.id), saved)
      void client.invalidateQueries({ queryKey: ['governance', 'meeting'] })
    },
  })
}

export function useDeliberationAction(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (
      action:
        | { kind: 'publish' }
        | { kind: 'transmit' }
        | { kind: 'version'; body: z.input<typeof DeliberationBody> },
    ) =>
      action.kind === 'publish'
        ? apiPost<DeliberationJson>(`/api/governance/deliberations/${id}/publish`)
        : action.kind === 'transmit'
          ? apiPut<DeliberationJson>(`/api/governance/deliberations/${id}/transmission`, {})
          : apiPost<DeliberationJson>(`/api/governance/deliberations/${id}/versions`, action.body),
    onSuccess: (saved) => {
      client.setQueryData(KEYS.deliberation(id), saved)
      void client.invalidateQueries({ queryKey: KEYS.public })
    },
  })
}

export function usePublicDeliberations() {
  return useQuery({
    queryKey: KEYS.public,
    queryFn: () => apiGet<z.input<typeof PublicDeliberationList>>('/api/public/deliberations'),
  })
}

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
})
const date = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' })
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso))
export const formatDate = (iso: string) => date.format(new Date(iso))
