import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  AttachmentSummary,
  DraftBody,
  MailboxFolders,
  MailboxPage,
  MessageDetail,
  RecipientsResponse,
  SafetyOverview,
} from '../../../contract/messaging.ts'
import { apiDelete, apiGet, apiPost, apiPut, apiUpload, type UploadProgressEvent } from '../../api/client.ts'

export type Folders = z.input<typeof MailboxFolders>
export type Page = z.input<typeof MailboxPage>
export type Message = z.input<typeof MessageDetail>
export type Summary = Page['messages'][number]
export type Recipients = z.input<typeof RecipientsResponse>
export type Attachment = z.input<typeof AttachmentSummary>
export type Safety = z.input<typeof SafetyOverview>

const enc = encodeURIComponent
const schoolPath = (schoolId: string) => `/api/schools/${enc(schoolId)}/messaging`

export function useFolders() {
  return useQuery({
    queryKey: ['messaging', 'folders'],
    queryFn: () => apiGet<Folders>('/api/messaging/folders'),
  })
}

/** A folder's messages, newest first, a page at a time; `q` searches them (French full text). */
export function useMailbox(folder: string, q: string) {
  return useInfiniteQuery({
    queryKey: ['messaging', 'mailbox', folder, q],
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '30' })
      if (q) params.set('q', q)
      if (pageParam) params.set('after', pageParam)
      return apiGet<Page>(`/api/messaging/folders/${enc(folder)}/messages?${params}`)
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextAfter,
    placeholderData: keepPreviousData,
  })
}

export function useMessage(messageId: string | undefined) {
  return useQuery({
    queryKey: ['messaging', 'message', messageId],
    queryFn: () => apiGet<Message>(`/api/messaging/messages/${enc(messageId ?? '')}`),
    enabled: Boolean(messageId),
  })
}

/** Invalidates what a change in the mailbox may alter: lists, counts, the message. */
function useRefresh() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: ['messaging'] })
}

export function useMarkRead() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: ({ messageId, read }: { messageId: string; read: boolean }) =>
      apiPut(`/api/messaging/messages/${enc(messageId)}/read`, { read }),
    onSuccess: refresh,
  })
}

export function useMove() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: ({ messageId, folder }: { messageId: string; folder: string }) =>
      apiPut(`/api/messaging/messages/${enc(messageId)}/folder`, { folder }),
    onSuccess: refresh,
  })
}

export function useDeleteMessage() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (messageId: string) => apiDelete(`/api/messaging/messages/${enc(messageId)}`),
    onSuccess: refresh,
  })
}

export function useCreateFolder() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (name: string) => apiPost<{ id: string; name: string }>('/api/messaging/folders', { name }),
    onSuccess: refresh,
  })
}

export function useRecipients(schoolId: string, q: string) {
  return useQuery({
    queryKey: ['messaging', 'recipients', schoolId, q],
    queryFn: () => {
      const params = new URLSearchParams({ limit: q ? '20' : '50' })
      if (q) params.set('q', q)
      return apiGet<Recipients>(`${schoolPath(schoolId)}/recipients?${params}`)
    },
    enabled: Boolean(schoolId),
    placeholderData: keepPreviousData,
  })
}

export function saveDraft(schoolId: string, draftId: string, body: DraftBody) {
  return apiPut(`${schoolPath(schoolId)}/drafts/${enc(draftId)}`, body)
}

export function startDraftFrom(
  schoolId: string,
  draftId: string,
  messageId: string,
  mode: 'reply' | 'replyAll' | 'forward',
) {
  return apiPost(`${schoolPath(schoolId)}/drafts/${enc(draftId)}/from`, { messageId, mode })
}

export function sendDraft(schoolId: string, draftId: string, scheduledFor: string | null) {
  return apiPost<{ messageId: string; state: 'sent' | 'scheduled'; recipients: number }>(
    `${schoolPath(schoolId)}/drafts/${enc(draftId)}/send`,
    { scheduledFor },
  )
}

export function discardDraft(schoolId: string, draftId: string) {
  return apiDelete(`${schoolPath(schoolId)}/drafts/${enc(draftId)}`)
}

export function uploadAttachment(
  schoolId: string,
  draftId: string,
  file: File,
  onProgress: (progress: UploadProgressEvent) => void,
) {
  const form = new FormData()
  form.append('file', file)
  return apiUpload<Attachment>(`${schoolPath(schoolId)}/drafts/${enc(draftId)}/attachments`, form, {
    onProgress,
  })
}

export function removeAttachment(schoolId: string, draftId: string, blobId: string) {
  return apiDelete(`${schoolPath(schoolId)}/drafts/${enc(draftId)}/attachments/${enc(blobId)}`)
}

export function useRecall(schoolId: string) {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (messageId: string) => apiPost(`${schoolPath(schoolId)}/messages/${enc(messageId)}/recall`),
    onSuccess: refresh,
  })
}

/** « Annuler l'envoi » of a scheduled message: it is a draft again. */
export function useCancelScheduled(schoolId: string) {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (messageId: string) => apiPost(`${schoolPath(schoolId)}/messages/${enc(messageId)}/cancel`),
    onSuccess: refresh,
  })
}

export function useReport(schoolId: string) {
  return useMutation({
    mutationFn: ({ messageId, reason }: { messageId: string; reason: string }) =>
      apiPost(`${schoolPath(schoolId)}/messages/${enc(messageId)}/report`, { reason }),
  })
}

export function useSafety(schoolId: string) {
  return useQuery({
    queryKey: ['messaging', 'safety', schoolId],
    queryFn: () => apiGet<Safety>(`${schoolPath(schoolId)}/safety`),
    enabled: Boolean(schoolId),
  })
}

export function useSuspension(schoolId: string) {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: ({ userId, suspend, reason }: { userId: string; suspend: boolean; reason?: string }) =>
      suspend
        ? apiPut(`${schoolPath(schoolId)}/suspensions/${enc(userId)}`, { reason: reason ?? '' })
        : apiDelete(`${schoolPath(schoolId)}/suspensions/${enc(userId)}`),
    onSuccess: refresh,
  })
}

/** The download address of an attachment (the server checks that the message is in my mailbox). */
export function attachmentUrl(messageId: string, blobId: string): string {
  return `/api/messaging/messages/${enc(messageId)}/attachments/${enc(blobId)}`
}

/** A new draft's id, chosen here: saving it again, or retrying the send, is the same message. */
export function newDraftId(): string {
  return crypto.randomUUID()
}
