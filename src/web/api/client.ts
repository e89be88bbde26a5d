import type { Problem } from '../../contract/problem.ts'

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * An API call that failed. `problem` is the server's RFC 9457 answer when there is one; its `detail`
 * is a French sentence meant for the user. `status` is 0 when the server could not be reached.
 */
export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem | null

  constructor(status: number, problem: Problem | null, message?: string) {
    super(problem?.detail ?? message ?? `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }

  /** The stable machine code of the problem (`invalid-credentials`, `not-found`, `csrf`…). */
  get code(): string | undefined {
    return this.problem?.code
  }
}

/** True when `error` is an API answer with this HTTP status. */
export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status)
}

let csrfToken: Promise<string> | null = null

// Fetched once per page load: the token stays valid as long as its cookie, sessions come and go.
function getCsrfToken(): Promise<string> {
  csrfToken ??= request<{ token: string }>('GET', '/api/auth/csrf').then(
    ({ token }) => token,
    (error: unknown) => {
      csrfToken = null
      throw error
    },
  )
  return csrfToken
}

/** The problem details of a failed answer's body, or null when it holds none (a proxy's HTML page…). */
function problemOf(text: string, contentType: string | null): Problem | null {
  if (!contentType?.includes('json')) return null
  try {
    const body = JSON.parse(text) as Partial<Problem>
    return typeof body.detail === 'string' ? (body as Problem) : null
  } catch {
    return null
  }
}

async function readProblem(response: Response): Promise<Problem | null> {
  return problemOf(await response.text().catch(() => ''), response.headers.get('content-type'))
}

async function request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (UNSAFE_METHODS.has(method)) headers['x-csrf-token'] = await getCsrfToken()
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, null, 'network')
  }
  if (response.ok) {
    if (response.status === 204) return undefined as T
    return (await response.json()) as T
  }
  const problem = await readProblem(response)
  // The CSRF cookie may have expired or been cleared: take a fresh token and try once more.
  if (response.status === 403 && problem?.code === 'csrf' && !retried) {
    csrfToken = null
    return request<T>(method, path, body, true)
  }
  throw new ApiError(response.status, problem)
}

/** GET a JSON resource of the API. */
export function apiGet<T>(path: string): Promise<T> {
  return request<T>('GET', path)
}

/** POST to the API with the CSRF token; resolves to the JSON answer, or undefined for 204. */
export function apiPost<T = void>(path: string, body?: unknown): Promise<T> {
  return request<T>('POST', path, body)
}

/** PATCH a resource of the API (only the fields sent change); resolves like `apiPost`. */
export function apiPatch<T = void>(path: string, body: unknown): Promise<T> {
  return request<T>('PATCH', path, body)
}

/** PUT to the API (idempotent links such as parent ↔ pupil); resolves like `apiPost`. */
export function apiPut<T = void>(path: string, body?: unknown): Promise<T> {
  return request<T>('PUT', path, body)
}

/** DELETE a resource of the API; resolves once the server has answered 204. */
export function apiDelete<T = void>(path: string): Promise<T> {
  return request<T>('DELETE', path)
}

/**
 * POST to the API and take the answer as a file (a PDF the server builds on request), rejecting with
 * an ApiError like the other calls.
 */
export async function apiPostForFile(path: string, body?: unknown): Promise<Blob> {
  const headers: Record<string, string> = {
    accept: 'application/pdf, application/problem+json',
    'x-csrf-token': await getCsrfToken(),
  }
  if (body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(path, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, null, 'network')
  }
  if (!response.ok) throw new ApiError(response.status, await readProblem(response))
  return response.blob()
}

/** How much of an upload has gone; `sent === total` once every byte is sent (the server then works). */
export type UploadProgressEvent = { sent: number; total: number }

/**
 * POSTs a file, or a form of files, reporting how much of it is sent: XMLHttpRequest rather than fetch,
 * the only one that tells. Same CSRF token and problem details as the other calls; a refusal rejects
 * with an `ApiError` carrying the server's French detail.
 */
export async function apiUpload<T>(
  path: string,
  body: Blob | FormData,
  options: { contentType?: string; onProgress?: (progress: UploadProgressEvent) => void } = {},
): Promise<T> {
  const token = await getCsrfToken()
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.setRequestHeader('accept', 'application/json')
    xhr.setRequestHeader('x-csrf-token', token)
    if (options.contentType) xhr.setRequestHeader('content-type', options.contentType)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.({ sent: event.loaded, total: event.total })
    }
    xhr.onerror = () => reject(new ApiError(0, null, 'network'))
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T)
        } catch {
          reject(new ApiError(xhr.status, null))
        }
        return
      }
      if (xhr.status === 403) csrfToken = null
      reject(new ApiError(xhr.status, problemOf(xhr.responseText, xhr.getResponseHeader('content-type'))))
    }
    xhr.send(body)
  })
}
