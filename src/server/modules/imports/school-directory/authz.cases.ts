import type { AuthzCase } from '../../../testing/authz-matrix.ts'

/**
 * The import needs a file as its raw body; the matrix sends none, so the personas allowed through reach
 * the route and are told that no file came (400): the rule let them in, and nothing changed.
 */
export const schoolDirectoryAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/collectivities/:collectivityId/school-directory-imports',
    request: (world) => ({
      url: `/api/collectivities/${world.own.collectivityId}/school-directory-imports?apply=true`,
    }),
    anonymous: 401,
    personas: { default: 403, collectivityAdmin: 400, syndicateAdmin: 400 },
  },
]
