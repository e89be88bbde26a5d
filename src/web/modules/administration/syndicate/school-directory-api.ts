import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { SchoolDirectoryReport } from '../../../../contract/school-directory.ts'
import { apiUpload } from '../../../api/client.ts'

export type UploadProgress = (sentFraction: number) => void

/**
 * Sends the directory file as the raw body of the import (no form encoding: the server reads it as it
 * arrives), reporting the share sent (the national file weighs tens of megabytes). A dry run unless
 * `apply`; the answer is the report.
 */
function sendDirectoryFile(
  collectivityId: string,
  file: File,
  apply: boolean,
  onProgress?: UploadProgress,
): Promise<SchoolDirectoryReport> {
  const query = new URLSearchParams({ apply: String(apply), file: file.name })
  return apiUpload<SchoolDirectoryReport>(
    `/api/collectivities/${encodeURIComponent(collectivityId)}/school-directory-imports?${query}`,
    file,
    {
      // The browser's guess of a CSV file's type varies (text/csv, application/vnd.ms-excel…).
      contentType: 'text/csv',
      onProgress: ({ sent, total }) => onProgress?.(total > 0 ? sent / total : 0),
    },
  )
}

/** Simulates or applies the import of a directory file into a collectivity. */
export function useSchoolDirectoryImport(collectivityId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ file, apply, onProgress }: { file: File; apply: boolean; onProgress?: UploadProgress }) =>
      sendDirectoryFile(collectivityId, file, apply, onProgress),
    // Schools and the collectivities' school counts change with an applied import.
    onSuccess: (report) =>
      report.applied ? queryClient.invalidateQueries({ queryKey: ['admin'] }) : undefined,
  })
}
