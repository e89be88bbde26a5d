import type { AuthzCase } from '../../testing/authz-matrix.ts'

export const portalAuthzCases: AuthzCase[] = [
  { route: 'GET /api/portal', anonymous: 401, personas: { default: 200 } },
  {
    route: 'GET /api/schools/:schoolId',
    anonymous: 401,
    personas: {
      // Members see their school; another school does not exist for them.
      default: { own: 200, other: 404 },
      syndicateAdmin: { own: 200, other: 200 },
    },
  },
]
