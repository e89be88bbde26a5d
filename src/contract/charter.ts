// No zod here: the charter's pages import these values, and should not pull the schemas with them.

/**
 * The versions of the usage charter, oldest first. A new version is published with the code that
 * changes its text (`src/web/i18n`): add it here with what changed, and every user accepts it again at
 * their next sign-in. Who accepted which version, and when, is kept.
 */
export const CHARTER_VERSIONS = [
  {
    version: '2026-09',
    publishedOn: '2026-09-01',
    changes: 'Première version de la charte d’utilisation.',
  },
  {
    version: '2026-12',
    publishedOn: '2026-12-07',
    changes:
      'Le droit à l’image est précisé : une photo d’enfant n’est publiée qu’avec l’accord écrit d’un de ses responsables, et seulement pour le public qu’il a accepté.',
  },
] as const
export type CharterVersion = (typeof CHARTER_VERSIONS)[number]['version']
export const CURRENT_CHARTER = CHARTER_VERSIONS[CHARTER_VERSIONS.length - 1]!
