import type { RouteObject } from 'react-router'

/** "Messagerie", inside the shell: the mailbox, a message, the composer, the direction's reports. */
export const messagingRoutes: RouteObject[] = [
  {
    path: 'messagerie',
    lazy: async () => ({ Component: (await import('./MailboxPage.tsx')).MailboxPage }),
  },
  {
    path: 'messagerie/messages/:messageId',
    lazy: async () => ({ Component: (await import('./ReadingPage.tsx')).ReadingPage }),
  },
  {
    path: 'messagerie/ecrire',
    lazy: async () => ({ Component: (await import('./ComposePage.tsx')).ComposePage }),
  },
  {
    path: 'messagerie/signalements',
    lazy: async () => ({ Component: (await import('./SafetyPage.tsx')).SafetyPage }),
  },
]
