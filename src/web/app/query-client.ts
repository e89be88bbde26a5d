import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { isApiError } from '../api/client.ts'

/**
 * The data cache of the app. Any call answered 401 means the session is gone (expired, revoked, never
 * opened): `onUnauthenticated` then sends the user to the sign-in page.
 */
export function createQueryClient(onUnauthenticated: () => void): QueryClient {
  const handleError = (error: unknown) => {
    if (isApiError(error, 401)) onUnauthenticated()
  }
  return new QueryClient({
    queryCache: new QueryCache({ onError: handleError }),
    mutationCache: new MutationCache({ onError: handleError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not change by asking again; a lost connection or a 5xx may.
        retry: (failures, error) =>
          failures < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  })
}
