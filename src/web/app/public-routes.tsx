import type { RouteObject } from 'react-router'

/**
 * The pages one opens without being signed in (besides the sign-in page): the second step of sign-in,
 * activation, forgotten password, login cards, and the legal pages. Each is its own chunk.
 */
export const publicRoutes: RouteObject[] = [
  {
    path: 'connexion/code',
    lazy: async () => ({
      Component: (await import('../modules/second-factor/TotpCodePage.tsx')).TotpCodePage,
    }),
  },
  {
    path: 'connexion/double-authentification',
    lazy: async () => ({
      Component: (await import('../modules/second-factor/FirstEnrolmentPage.tsx')).FirstEnrolmentPage,
    }),
  },
  {
    path: 'activation',
    lazy: async () => ({
      Component: (await import('../modules/activation/ActivationPage.tsx')).ActivationPage,
    }),
  },
  {
    path: 'mot-de-passe-oublie',
    lazy: async () => ({
      Component: (await import('../modules/passwords/ForgottenPasswordPage.tsx')).ForgottenPasswordPage,
    }),
  },
  {
    path: 'mot-de-passe/nouveau',
    lazy: async () => ({
      Component: (await import('../modules/passwords/NewPasswordPage.tsx')).NewPasswordPage,
    }),
  },
  {
    path: 'carte',
    lazy: async () => ({
      Component: (await import('../modules/login-card/LoginCardPage.tsx')).LoginCardPage,
    }),
  },
  {
    path: 'donnees-personnelles',
    lazy: async () => ({
      Component: (await import('../modules/legal/DataProtectionPage.tsx')).DataProtectionPage,
    }),
  },
  {
    path: 'charte',
    lazy: async () => ({ Component: (await import('../modules/legal/CharterPage.tsx')).CharterPage }),
  },
]
