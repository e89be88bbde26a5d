import type { AuthzCase } from '../../testing/authz-matrix.ts'

export const auditAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/schools/:schoolId/audit',
    anonymous: 401,
    personas: {
      default: { own: 403, other: 404 },
      director: { own: 200, other: 404 },
      collectivityAdmin: { own: 200, other: 404 },
      syndicateAdmin: { own: 200, other: 200 },
    },
  },
  { route: 'GET /api/admin/audit', anonymous: 401, personas: { default: 403, syndicateAdmin: 200 } },
]
