import type { RouteObject } from 'react-router'

/** The secretary's register, inside the shell (`/syndicat/comite/…`). */
export const governanceRoutes: RouteObject[] = [
  {
    path: 'syndicat/comite',
    lazy: async () => ({ Component: (await import('./MeetingsPage.tsx')).MeetingsPage }),
  },
  {
    path: 'syndicat/comite/seances/:meetingId',
    lazy: async () => ({ Component: (await import('./MeetingPage.tsx')).MeetingPage }),
  },
  {
    path: 'syndicat/comite/seances/:meetingId/points/:itemId/deliberation',
    lazy: async () => ({ Component: (await import('./DeliberationPages.tsx')).NewDeliberationPage }),
  },
  {
    path: 'syndicat/comite/instances/:bodyId',
    lazy: async () => ({ Component: (await import('./BodyPage.tsx')).BodyPage }),
  },
  {
    path: 'syndicat/comite/deliberations/:deliberationId',
    lazy: async () => ({ Component: (await import('./DeliberationPages.tsx')).DeliberationPage }),
  },
]

/** Published deliberations, for anyone (no sign-in). */
export const governancePublicRoutes: RouteObject[] = [
  {
    path: 'deliberations',
    lazy: async () => ({
      Component: (await import('./PublicDeliberationsPage.tsx')).PublicDeliberationsPage,
    }),
  },
]
