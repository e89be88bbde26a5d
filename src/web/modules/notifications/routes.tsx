import type { RouteObject } from 'react-router'

/** « Mon compte › Notifications », inside the shell. */
export const notificationsRoutes: RouteObject[] = [
  {
    path: 'mon-compte/notifications',
    lazy: async () => ({ Component: (await import('./NotificationsPage.tsx')).NotificationsPage }),
  },
]
