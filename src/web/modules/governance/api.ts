import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  AttendanceBody,
  Deliberation,
  DeliberationBody,
  MeetingList,
  MeetingResponse,
  PublicDeliberationList,
  VoteBody,
} from '../../../contract/governance.ts'
import { apiGet, apiPost, apiPut } from '../../api/client.ts'

/** The register as the API sends it (instants as ISO strings). */
export type Meeting = z.input<typeof MeetingResponse>
export type MeetingItem = Meeting['items'][number]
export type DeliberationJson = z.input<typeof Deliberation>

const KEYS = {
  meetings: ['governance', 'meetings'] as const,
  meeting: (id: string) => ['governance', 'meeting', id] as const,
  deliberation: (id: string) => ['governance', 'deliberation', id] as const,
  public: ['governance', 'public'] as const,
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
