import type { RouteObject } from 'react-router'

/** "Mon compte", inside the shell. */
export const accountRoutes: RouteObject[] = [
  {
    path: 'mon-compte',
    lazy: async () => ({ Component: (await import('./AccountPage.tsx')).AccountPage }),
  },
]
