import type { RouteObject } from 'react-router'

/** « Quoi de neuf », inside the shell (its first items are also on the portal). */
export const feedRoutes: RouteObject[] = [
  {
    path: 'quoi-de-neuf',
    lazy: async () => ({ Component: (await import('./FeedPage.tsx')).FeedPage }),
  },
  {
    path: 'quoi-de-neuf/signaler/:itemId',
    lazy: async () => ({ Component: (await import('./ReportPage.tsx')).ReportPage }),
  },
]
