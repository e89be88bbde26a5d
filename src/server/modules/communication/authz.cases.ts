import type { AuthzCase } from '../../testing/authz-matrix.ts'

export const communicationAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/schools/:schoolId/communication-rules',
    anonymous: 401,
    personas: {
      default: { own: 403, other: 404 },
      director: { own: 200, other: 404 },
      collectivityAdmin: { own: 200, other: 404 },
      syndicateAdmin: { own: 200, other: 200 },
    },
  },
  {
    route: 'POST /api/schools/:schoolId/communication-rules',
    request: (_world, school) => ({
      body: {
        source: { kind: 'class', classId: school.classId, profile: 'pupil' },
        target: { kind: 'class', classId: school.otherClassId, profile: 'pupil' },
        effect: 'allow',
        bothWays: true,
      },
    }),
    anonymous: 401,
    personas: {
      default: { own: 403, other: 404 },
      director: { own: 201, other: 404 },
      syndicateAdmin: { own: 201, other: 201 },
    },
  },
  {
    route: 'DELETE /api/schools/:schoolId/communication-rules/:ruleId',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/communication-rules/00000000-0000-4000-8000-000000000000`,
    }),
    anonymous: 401,
    personas: {
      default: { own: 403, other: 404 },
      director: { own: 404, other: 404 },
      syndicateAdmin: { own: 404, other: 404 },
    },
  },
]
