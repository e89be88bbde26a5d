import type { RouteObject } from 'react-router'

/** "Statistiques", inside the shell: its charts library loads with the page, never before. */
export const statisticsRoutes: RouteObject[] = [
  {
    path: 'statistiques',
    lazy: async () => ({ Component: (await import('./StatisticsPage.tsx')).StatisticsPage }),
  },
]
