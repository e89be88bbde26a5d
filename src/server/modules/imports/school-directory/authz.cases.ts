import type { AuthzCase } from '../../../testing/authz-matrix.ts'

/**
 * The import needs a file as its raw body; the matrix sends none, so the personas allowed through reach
 * the route and are told that no file came (400): the rule let them in, and nothing changed.
 */
export const schoolDirectoryAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/collectivities/:collectivityId/school-directory-imports',
    request: (_world, school) => ({
      url: `/api/collectivities/${school.collectivityId}/school-directory-imports?apply=true`,
    }),
    anonymous: 401,
    // A collectivity the actor does not administer does not exist for them (404), checked before the rule.
    personas: { default: 404, collectivityAdmin: { own: 400, other: 404 }, syndicateAdmin: 400 },
  },
]
