import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Problem } from '../../../../contract/problem.ts'
import type { SchoolDirectoryReport } from '../../../../contract/school-directory.ts'
import { ApiError, apiGet } from '../../../api/client.ts'

export type UploadProgress = (sentFraction: number) => void

function readProblem(text: string): Problem | null {
  try {
    const body = JSON.parse(text) as Partial<Problem>
    return typeof body.detail === 'string' ? (body as Problem) : null
  } catch {
    return null
  }
}

/**
 * Sends the directory file as the raw body of the import (no form encoding: the server reads it as it
 * arrives). A dry run unless `apply`; the answer is the report, a refusal an `ApiError` with the
 * server's French detail. XMLHttpRequest rather than fetch: only it tells how much of the file is sent
 * (the national file weighs tens of megabytes).
 */
async function sendDirectoryFile(
  collectivityId: string,
  file: File,
  apply: boolean,
  onProgress?: UploadProgress,
): Promise<SchoolDirectoryReport> {
  const { token } = await apiGet<{ token: string }>('/api/auth/csrf')
  const query = new URLSearchParams({ apply: String(apply), file: file.name })
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open(
      'POST',
      `/api/collectivities/${encodeURIComponent(collectivityId)}/school-directory-imports?${query}`,
    )
    request.setRequestHeader('accept', 'application/json')
    // The browser's guess of a CSV file's type varies (text/csv, application/vnd.ms-excel…).
    request.setRequestHeader('content-type', 'text/csv')
    request.setRequestHeader('x-csrf-token', token)
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total)
    }
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        try {
          resolve(JSON.parse(request.responseText) as SchoolDirectoryReport)
        } catch {
          reject(new ApiError(request.status, null))
        }
      } else {
        reject(new ApiError(request.status, readProblem(request.responseText)))
      }
    }
    request.onerror = () => reject(new ApiError(0, null, 'network'))
    request.send(file)
  })
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
