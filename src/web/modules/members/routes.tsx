import type { RouteObject } from 'react-router'

/** Members and their schools' deployment (syndicate console), the académie's assignments and page. */
export const membersRoutes: RouteObject[] = [
  {
    path: 'syndicat/adhesions',
    lazy: async () => ({ Component: (await import('./MembersPage.tsx')).MembersPage }),
  },
  {
    path: 'syndicat/adhesions/:memberId',
    lazy: async () => ({ Component: (await import('./MemberPage.tsx')).MemberPage }),
  },
  {
    path: 'syndicat/academie',
    lazy: async () => ({
      Component: (await import('./AcademicAssignmentsPage.tsx')).AcademicAssignmentsPage,
    }),
  },
  {
    path: 'academie',
    lazy: async () => ({ Component: (await import('./CirconscriptionPage.tsx')).CirconscriptionPage }),
  },
]
