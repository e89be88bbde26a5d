import type { QueryClient } from '@tanstack/react-query'
import { createBrowserRouter } from 'react-router'
import { accountRoutes } from '../modules/account/routes.tsx'
import { administrationRoutes } from '../modules/administration/routes.tsx'
import { SignInPage } from '../modules/auth/SignInPage.tsx'
import { contributionsRoutes } from '../modules/contributions/routes.tsx'
import { dataProtectionRoutes } from '../modules/data-protection/routes.tsx'
import { directoryRoutes } from '../modules/directory/routes.tsx'
import { feedRoutes } from '../modules/feed/routes.tsx'
import { flashMessagesRoutes } from '../modules/flash-messages/routes.tsx'
import { governancePublicRoutes, governanceRoutes } from '../modules/governance/routes.tsx'
import { importsRoutes } from '../modules/imports/routes.tsx'
import { membersRoutes } from '../modules/members/routes.tsx'
import { messagingRoutes } from '../modules/messaging/routes.tsx'
import { notificationsRoutes } from '../modules/notifications/routes.tsx'
import { portalQuery } from '../modules/portal/api.ts'
import { statisticsRoutes } from '../modules/statistics/routes.tsx'
import { FullPageLoading } from './FullPageLoading.tsx'
import { NotFoundPage } from './NotFoundPage.tsx'
import { publicRoutes } from './public-routes.tsx'
import { RootLayout } from './RootLayout.tsx'
import { RouteError } from './RouteError.tsx'

/**
 * The pages of the web app. The sign-in page is in the entry; each other module's page is its own
 * chunk, loaded on first visit, and so is the shell of signed-in pages, so a parent on a slow phone
 * downloads only what the page they open needs.
 */
export function createRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      Component: RootLayout,
      HydrateFallback: FullPageLoading,
      ErrorBoundary: RouteError,
      children: [
        // In the entry: the first screen of most visits on a phone, drawn without a second round trip.
        { path: 'connexion', Component: SignInPage },
        ...publicRoutes,
        ...governancePublicRoutes,
        {
          // The frame of signed-in pages (header menus, dialogs) is a chunk of its own too: the sign-in
          // page, the first screen of most visits, does not download it.
          lazy: async () => ({ Component: (await import('./Shell.tsx')).Shell }),
          // The shell needs the portal (name, applications): ask for it while its code downloads, not
          // after. Not awaited, so the page does not wait for it; a 401 sends a signed-out visitor to
          // the sign-in page (the query client's rule) without waiting for the shell either.
          loader: () => {
            void queryClient.prefetchQuery(portalQuery)
            return null
          },
          children: [
            {
              index: true,
              lazy: async () => ({
                Component: (await import('../modules/portal/PortalPage.tsx')).PortalPage,
              }),
            },
            {
              path: 'ecoles',
              lazy: async () => ({
                Component: (await import('../modules/schools/SchoolsPage.tsx')).SchoolsPage,
              }),
            },
            {
              path: 'ecoles/:schoolId',
              lazy: async () => ({
                Component: (await import('../modules/schools/SchoolPage.tsx')).SchoolPage,
              }),
            },
            ...administrationRoutes,
            ...membersRoutes,
            ...contributionsRoutes,
            ...importsRoutes,
            ...accountRoutes,
            ...directoryRoutes,
            ...messagingRoutes,
            ...governanceRoutes,
            ...statisticsRoutes,
            ...flashMessagesRoutes,
            ...feedRoutes,
            ...notificationsRoutes,
            ...dataProtectionRoutes,
            { path: '*', Component: NotFoundPage },
          ],
        },
      ],
    },
  ])
}
