import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { RouterProvider } from 'react-router/dom'
import { createQueryClient } from './query-client.ts'
import { createRouter } from './router.tsx'
import { SIGN_IN_PATH, signInUrlFor } from './sign-in-redirect.ts'

function createApp() {
  let router: ReturnType<typeof createRouter> | null = null
  const queryClient = createQueryClient(() => {
    if (!router) return
    const { pathname, search } = router.state.location
    if (pathname === SIGN_IN_PATH) return
    router.navigate(signInUrlFor(pathname + search), { replace: true })
  })
  router = createRouter(queryClient)
  return { router, queryClient }
}

/** The whole web app: data cache and router. */
export function App() {
  const [{ router, queryClient }] = useState(createApp)
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  )
}
