import type { AuthzCase } from '../../testing/authz-matrix.ts'

const admins = { default: 403, collectivityAdmin: 200, syndicateAdmin: 200 }

export const personMergeAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/admin/people',
    request: () => ({ url: '/api/admin/people?q=ad' }),
    anonymous: 401,
    personas: admins,
  },
  {
    // A pupil and her parent: compared (the answer says why they cannot be merged).
    route: 'GET /api/admin/person-merges/comparison',
    request: (world) => ({
      url: `/api/admin/person-merges/comparison?a=${world.own.pupilId}&b=${world.own.parentId}`,
    }),
    anonymous: 401,
    personas: admins,
  },
  { route: 'GET /api/admin/person-merges', anonymous: 401, personas: admins },
  {
    // Refused for what the accounts are (a pupil and an adult): the world is unchanged.
    route: 'POST /api/admin/person-merges',
    request: (world) => ({ body: { keepUserId: world.own.parentId, mergeUserId: world.own.pupilId } }),
    anonymous: 401,
    personas: { default: 403, collectivityAdmin: 409, syndicateAdmin: 409 },
  },
  {
    route: 'POST /api/admin/person-merges/:mergeId/undo',
    request: () => ({ url: '/api/admin/person-merges/00000000-0000-4000-8000-000000000000/undo' }),
    anonymous: 401,
    personas: { default: 403, collectivityAdmin: 404, syndicateAdmin: 404 },
  },
]
