import type { RouteObject } from 'react-router'

/**
 * The ONDE import of a school, inside its administration: the upload and the latest imports, then each
 * run's report (`/ecoles/:schoolId/administration/imports/:runId`). Each page its own chunk.
 */
export const importsRoutes: RouteObject[] = [
  {
    path: 'ecoles/:schoolId/administration/imports',
    lazy: async () => ({ Component: (await import('./ImportsPage.tsx')).ImportsPage }),
  },
  {
    path: 'ecoles/:schoolId/administration/imports/:runId',
    lazy: async () => ({ Component: (await import('./ReportPage.tsx')).ReportPage }),
  },
]
