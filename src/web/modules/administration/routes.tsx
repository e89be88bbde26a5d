import type { RouteObject } from 'react-router'

/**
 * The pages of delegated administration, each its own chunk: the syndicate console (`/syndicat/…`),
 * a school's administration (`/ecoles/:schoolId/administration/…`), a teacher's class page, and the
 * launcher's "Administration de l'école" (`/administration`).
 */
export const administrationRoutes: RouteObject[] = [
  {
    path: 'administration',
    lazy: async () => ({ Component: (await import('./AdministrationHome.tsx')).AdministrationHome }),
  },
  {
    path: 'syndicat/membres',
    lazy: async () => ({
      Component: (await import('./syndicate/CollectivitiesPage.tsx')).CollectivitiesPage,
    }),
  },
  {
    path: 'syndicat/membres/:collectivityId/annuaire',
    lazy: async () => ({
      Component: (await import('./syndicate/SchoolDirectoryImportPage.tsx')).SchoolDirectoryImportPage,
    }),
  },
  {
    path: 'syndicat/ecoles',
    lazy: async () => ({ Component: (await import('./syndicate/SchoolsAdminPage.tsx')).SchoolsAdminPage }),
  },
  {
    path: 'syndicat/ecoles/:schoolId',
    lazy: async () => ({ Component: (await import('./syndicate/SchoolConsolePage.tsx')).SchoolConsolePage }),
  },
  {
    path: 'syndicat/administrateurs',
    lazy: async () => ({
      Component: (await import('./syndicate/AdministratorsPage.tsx')).AdministratorsPage,
    }),
  },
  {
    path: 'syndicat/annees',
    lazy: async () => ({ Component: (await import('./syndicate/SchoolYearsPage.tsx')).SchoolYearsPage }),
  },
  {
    path: 'syndicat/annees/bascule',
    lazy: async () => ({ Component: (await import('./syndicate/RolloverPage.tsx')).RolloverPage }),
  },
  {
    path: 'syndicat/identite',
    lazy: async () => ({
      Component: (await import('./syndicate/DeploymentIdentityPage.tsx')).DeploymentIdentityPage,
    }),
  },
  {
    path: 'syndicat/comptes',
    lazy: async () => ({ Component: (await import('./syndicate/PersonMergePage.tsx')).PersonMergePage }),
  },
  {
    path: 'syndicat/journal',
    lazy: async () => ({ Component: (await import('./audit/SyndicateAuditPage.tsx')).SyndicateAuditPage }),
  },
  {
    path: 'ecoles/:schoolId/administration',
    lazy: async () => ({ Component: (await import('./school/ClassesPage.tsx')).ClassesPage }),
  },
  {
    path: 'ecoles/:schoolId/administration/personnes',
    lazy: async () => ({ Component: (await import('./accounts/UsersPage.tsx')).UsersPage }),
  },
  {
    path: 'ecoles/:schoolId/administration/personnes/nouvelle',
    lazy: async () => ({ Component: (await import('./accounts/NewUserPage.tsx')).NewUserPage }),
  },
  {
    path: 'ecoles/:schoolId/administration/personnes/:userId',
    lazy: async () => ({ Component: (await import('./accounts/UserPage.tsx')).UserPage }),
  },
  {
    path: 'ecoles/:schoolId/classes/:classId',
    lazy: async () => ({ Component: (await import('./accounts/ClassPage.tsx')).ClassPage }),
  },
  {
    path: 'ecoles/:schoolId/administration/groupes',
    lazy: async () => ({ Component: (await import('./school/GroupsPage.tsx')).GroupsPage }),
  },
  {
    path: 'ecoles/:schoolId/administration/communication',
    lazy: async () => ({ Component: (await import('./school/RulesPage.tsx')).RulesPage }),
  },
  {
    path: 'ecoles/:schoolId/administration/journal',
    lazy: async () => ({ Component: (await import('./audit/SchoolAuditPage.tsx')).SchoolAuditPage }),
  },
]
