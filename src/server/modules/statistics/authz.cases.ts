import type { AuthzCase } from '../../testing/authz-matrix.ts'

const schoolReaders = {
  default: { own: 403, other: 404 },
  director: { own: 200, other: 404 },
  academic: { own: 200, other: 404 },
  collectivityAdmin: { own: 200, other: 404 },
  syndicateAdmin: 200,
} as const

const dashboards = (suffix: string): AuthzCase[] => [
  {
    route: `GET /api/statistics/syndicate${suffix}`,
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 200 },
  },
  {
    route: `GET /api/collectivities/:collectivityId/statistics${suffix}`,
    anonymous: 401,
    personas: { default: 404, collectivityAdmin: { own: 200, other: 404 }, syndicateAdmin: 200 },
  },
  {
    // The world's schools have no circonscription: nobody finds this one.
    route: `GET /api/statistics/circonscriptions/:circonscription${suffix}`,
    request: () => ({ url: `/api/statistics/circonscriptions/Lille%201${suffix}` }),
    anonymous: 401,
    personas: { default: 403, academic: 404, syndicateAdmin: 404 },
  },
  { route: `GET /api/schools/:schoolId/statistics${suffix}`, anonymous: 401, personas: schoolReaders },
]

export const statisticsAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/usage/openings',
    request: () => ({ body: { app: 'directory' } }),
    anonymous: 401,
    personas: { default: 204 },
  },
  { route: 'GET /api/statistics/areas', anonymous: 401, personas: { default: 200 } },
  ...dashboards(''),
  ...dashboards('.csv'),
]
