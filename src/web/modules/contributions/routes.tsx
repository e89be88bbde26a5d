import type { RouteObject } from 'react-router'

/** The finance officer's screens in the syndicate console, each its own chunk. */
export const contributionsRoutes: RouteObject[] = [
  {
    path: 'syndicat/finances',
    lazy: async () => ({ Component: (await import('./FinancesPage.tsx')).FinancesPage }),
  },
  {
    path: 'syndicat/finances/:ruleId',
    lazy: async () => ({ Component: (await import('./RulePage.tsx')).RulePage }),
  },
]
