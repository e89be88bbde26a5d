import type { RouteObject } from 'react-router'

/** « Mes données » for everyone; the data-protection desk in the syndicate's console. */
export const dataProtectionRoutes: RouteObject[] = [
  {
    path: 'mes-donnees',
    lazy: async () => ({ Component: (await import('./MyDataPage.tsx')).MyDataPage }),
  },
  {
    path: 'syndicat/donnees',
    lazy: async () => ({ Component: (await import('./RegisterConsolePage.tsx')).RegisterConsolePage }),
  },
  {
    path: 'syndicat/donnees/lectures',
    lazy: async () => ({ Component: (await import('./ReadsPage.tsx')).ReadsPage }),
  },
]
