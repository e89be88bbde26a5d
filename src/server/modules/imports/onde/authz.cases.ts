import type { AuthzCase } from '../../../testing/authz-matrix.ts'

/**
 * The ONDE import's rows of the matrix. Allowed personas reach the service, which answers for what the
 * request lacks (no file: 400; a run id that names no run: 404): what matters here is who gets past the
 * policy (others: 403 in their own school, 404 in another).
 */
const importers = (status: number): AuthzCase['personas'] => ({
  default: { own: 403, other: 404 },
  director: { own: status, other: 404 },
  collectivityAdmin: { own: status, other: 404 },
  syndicateAdmin: { own: status, other: status },
})

const NO_RUN = '00000000-0000-7000-8000-000000000000'
const run =
  (suffix = '') =>
  (_: unknown, school: { id: string }) => ({
    url: `/api/schools/${school.id}/imports/${NO_RUN}${suffix}`,
  })

export const ondeImportAuthzCases: AuthzCase[] = [
  { route: 'GET /api/schools/:schoolId/imports', anonymous: 401, personas: importers(200) },
  { route: 'POST /api/schools/:schoolId/imports', anonymous: 401, personas: importers(400) },
  {
    route: 'GET /api/schools/:schoolId/imports/:runId',
    request: run(),
    anonymous: 401,
    personas: importers(404),
  },
  {
    route: 'GET /api/schools/:schoolId/imports/:runId/anomalies',
    request: run('/anomalies'),
    anonymous: 401,
    personas: importers(404),
  },
  {
    route: 'PUT /api/schools/:schoolId/imports/:runId/decisions',
    request: (world, school) => ({ ...run('/decisions')(world, school), body: { decisions: {} } }),
    anonymous: 401,
    personas: importers(404),
  },
  {
    route: 'GET /api/schools/:schoolId/imports/:runId/account-duplicates',
    request: run('/account-duplicates'),
    anonymous: 401,
    personas: importers(404),
  },
  {
    route: 'POST /api/schools/:schoolId/imports/:runId/account-duplicates/decisions',
    request: (world, school) => ({
      ...run('/account-duplicates/decisions')(world, school),
      body: { profile: 'parent', line: 2, userId: NO_RUN, decision: 'same' },
    }),
    anonymous: 401,
    personas: importers(404),
  },
  {
    route: 'POST /api/schools/:schoolId/imports/:runId/apply',
    request: run('/apply'),
    anonymous: 401,
    personas: importers(404),
  },
  {
    route: 'DELETE /api/schools/:schoolId/imports/:runId',
    request: run(),
    anonymous: 401,
    personas: importers(404),
  },
]
