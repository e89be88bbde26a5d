import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  AccountDuplicate,
  ImportAnomaliesPage,
  ImportFileKind,
  ImportReport,
  ImportRunsList,
} from '../../../contract/imports.ts'
import { apiDelete, apiGet, apiPost, apiPut, apiUpload } from '../../api/client.ts'

export type { AccountDuplicate, ImportReport } from '../../../contract/imports.ts'
export type AnomaliesPage = z.infer<typeof ImportAnomaliesPage>
export type ImportAnomalyRow = AnomaliesPage['items'][number]
export type ImportRunRow = z.infer<typeof ImportRunsList>['items'][number]
/** What an applied run answers: its report, and how many accounts it opened. */
export type AppliedImport = ImportReport & { newAccounts: number }
export type DuplicateDecision = 'same' | 'distinct'

/** The files of an upload, by slot; at least one. */
export type ImportFiles = Partial<Record<ImportFileKind, File>>

/**
 * Where an upload stands: the bytes sent so far, then the server reading and checking the files (it
 * answers once the dry run is planned).
 */
export type UploadProgress = { phase: 'sending'; sent: number; total: number } | { phase: 'analysing' }

const imports = (schoolId: string) => `/api/schools/${encodeURIComponent(schoolId)}/imports`
const run = (schoolId: string, runId: string) => `${imports(schoolId)}/${encodeURIComponent(runId)}`

/** Cache keys of a school's imports. */
export const importKeys = {
  all: (schoolId: string) => ['schools', schoolId, 'imports'] as const,
  runs: (schoolId: string) => ['schools', schoolId, 'imports', 'runs'] as const,
  report: (schoolId: string, runId: string) => ['schools', schoolId, 'imports', 'report', runId] as const,
  anomalies: (schoolId: string, runId: string) =>
    ['schools', schoolId, 'imports', 'anomalies', runId] as const,
}

/** The school's latest imports, newest first. */
export function useImportRuns(schoolId: string) {
  return useQuery({
    queryKey: importKeys.runs(schoolId),
    queryFn: () => apiGet<z.infer<typeof ImportRunsList>>(imports(schoolId)),
    staleTime: 0,
  })
}

/** The report of one run (as kept since it was last planned). */
export function useImportReport(schoolId: string, runId: string) {
  return useQuery({
    queryKey: importKeys.report(schoolId, runId),
    queryFn: () => apiGet<ImportReport>(run(schoolId, runId)),
  })
}

const ANOMALY_PAGE = 50

/** A run's anomalies in file order, filtered by code and file; "Afficher plus" follows `next`. */
export function useImportAnomalies(
  schoolId: string,
  runId: string,
  filters: { code?: string | undefined; file?: string | undefined },
) {
  return useInfiniteQuery({
    queryKey: [...importKeys.anomalies(schoolId, runId), filters],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(ANOMALY_PAGE) })
      if (filters.code) query.set('code', filters.code)
      if (filters.file) query.set('file', filters.file)
      if (pageParam) query.set('after', pageParam)
      return apiGet<AnomaliesPage>(`${run(schoolId, runId)}/anomalies?${query}`)
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  })
}

/**
 * Sends the files as multipart/form-data, one field per slot, reporting the bytes sent, then that the
 * server is reading, checking and planning them (every byte is sent, the answer not yet there).
 */
function uploadImportFiles(
  schoolId: string,
  files: ImportFiles,
  onProgress: (progress: UploadProgress) => void,
): Promise<ImportReport> {
  const form = new FormData()
  for (const [kind, file] of Object.entries(files)) if (file) form.append(kind, file, file.name)
  return apiUpload<ImportReport>(imports(schoolId), form, {
    onProgress: ({ sent, total }) =>
      onProgress(sent < total ? { phase: 'sending', sent, total } : { phase: 'analysing' }),
  })
}

/** Uploads files for a dry run; the report is cached under its run, and the list of runs read again. */
export function useUploadImport(schoolId: string, onProgress: (progress: UploadProgress) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (files: ImportFiles) => uploadImportFiles(schoolId, files, onProgress),
    onSuccess: async (report) => {
      queryClient.setQueryData(importKeys.report(schoolId, report.id), report)
      await queryClient.invalidateQueries({ queryKey: importKeys.runs(schoolId) })
    },
  })
}

/** Saves decisions on possible duplicates; the report comes back planned again. */
export function useDecideDuplicates(schoolId: string, runId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (decisions: Record<string, DuplicateDecision>) =>
      apiPut<ImportReport>(`${run(schoolId, runId)}/decisions`, { decisions }),
    onSuccess: async (report) => {
      queryClient.setQueryData(importKeys.report(schoolId, runId), report)
      // Planning again changes the anomalies too (a duplicate decided is no longer a question).
      await queryClient.invalidateQueries({ queryKey: importKeys.anomalies(schoolId, runId) })
    },
  })
}

/** The possible duplicates with accounts of other schools, both people side by side. */
export function useAccountDuplicates(schoolId: string, runId: string) {
  return useQuery({
    queryKey: [...importKeys.report(schoolId, runId), 'account-duplicates'],
    queryFn: () => apiGet<{ items: AccountDuplicate[] }>(`${run(schoolId, runId)}/account-duplicates`),
  })
}

/** « C’est la même personne » / « Ce sont deux personnes »: the report comes back planned again. */
export function useDecideAccountDuplicate(schoolId: string, runId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (
      input: Pick<AccountDuplicate, 'profile' | 'line' | 'userId'> & { decision: DuplicateDecision },
    ) => apiPost<ImportReport>(`${run(schoolId, runId)}/account-duplicates/decisions`, input),
    onSuccess: async (report) => {
      queryClient.setQueryData(importKeys.report(schoolId, runId), report)
      await Promise.all([
        queryClient.invalidateQueries({
          queryKey: [...importKeys.report(schoolId, runId), 'account-duplicates'],
        }),
        queryClient.invalidateQueries({ queryKey: importKeys.anomalies(schoolId, runId) }),
      ])
    },
  })
}

/**
 * Applies a run. Afterwards the school's people, classes and page have changed: everything cached under
 * the school is read again, except the run's report, which the caller replaces with the answer (so the
 * result and its focus come in one render).
 */
export function useApplyImport(schoolId: string, runId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { confirmMissing?: number } = {}) =>
      apiPost<AppliedImport>(`${run(schoolId, runId)}/apply`, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({
          queryKey: ['schools', schoolId],
          predicate: (query) => query.queryKey[3] !== 'report',
        }),
        queryClient.invalidateQueries({ queryKey: ['portal'] }),
      ]),
  })
}

/** Discards a run that was not applied (nothing of it was ever written). */
export function useDiscardImport(schoolId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (runId: string) => apiDelete(run(schoolId, runId)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.all(schoolId) }),
  })
}
