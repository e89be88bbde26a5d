import type { AuthzCase } from '../../testing/authz-matrix.ts'

export const directoryAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/schools/:schoolId/directory',
    anonymous: 401,
    personas: {
      default: { own: 200, other: 404 },
      collectivityAdmin: { own: 403, other: 404 },
      syndicateAdmin: { own: 403, other: 403 },
    },
  },
  {
    route: 'GET /api/schools/:schoolId/directory/groups',
    anonymous: 401,
    personas: {
      default: { own: 200, other: 404 },
      collectivityAdmin: { own: 403, other: 404 },
      syndicateAdmin: { own: 403, other: 403 },
    },
  },
  {
    route: 'GET /api/schools/:schoolId/classes/:classId/families',
    request: (_world, school) => ({ url: `/api/schools/${school.id}/classes/${school.classId}/families` }),
    anonymous: 401,
    personas: {
      default: { own: 403, other: 404 },
      // The class's teacher, and the director, who is not its teacher: that read is audited.
      teacher: { own: 200, other: 404 },
      director: { own: 200, other: 404 },
      syndicateAdmin: { own: 403, other: 403 },
    },
  },
]
