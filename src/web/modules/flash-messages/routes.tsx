import type { RouteObject } from 'react-router'

/** The consoles' flash messages; the banners themselves are part of the shell. */
export const flashMessagesRoutes: RouteObject[] = [
  {
    path: 'ecoles/:schoolId/administration/messages-flash',
    lazy: async () => ({ Component: (await import('./pages.tsx')).SchoolFlashMessagesPage }),
  },
  {
    path: 'syndicat/messages-flash',
    lazy: async () => ({ Component: (await import('./pages.tsx')).ConsoleFlashMessagesPage }),
  },
]
