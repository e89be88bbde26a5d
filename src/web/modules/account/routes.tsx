import type { RouteObject } from 'react-router'

/** "Mon compte", inside the shell. */
export const accountRoutes: RouteObject[] = [
  {
    path: 'mon-compte',
    lazy: async () => ({ Component: (await import('./AccountPage.tsx')).AccountPage }),
  },
  {
    // The session's second factor, asked again (see `StepUpPage`).
    path: 'mon-compte/confirmer',
    lazy: async () => ({
      Component: (await import('../second-factor/StepUpPage.tsx')).StepUpPage,
    }),
  },
]
