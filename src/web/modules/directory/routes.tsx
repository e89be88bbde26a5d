import type { RouteObject } from 'react-router'

/** "Annuaire", inside the shell. */
export const directoryRoutes: RouteObject[] = [
  {
    path: 'annuaire',
    lazy: async () => ({ Component: (await import('./DirectoryPage.tsx')).DirectoryPage }),
  },
]
