import type { AuthzCase } from '../../testing/authz-matrix.ts'

/**
 * The rollover is the syndicate administrators' alone; the matrix never opens a year (a label that is
 * not the next one is refused after the policy: 400), so the other cases keep their classes.
 * Everyone signed in manages their own objection.
 */
export const schoolYearsAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/admin/school-years/rollover',
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 200 },
  },
  {
    route: 'POST /api/admin/school-years/rollover',
    request: () => ({ body: { label: '1999-2000' } }),
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 400 },
  },
  { route: 'GET /api/me/contributions-objection', anonymous: 401, personas: { default: 200 } },
  { route: 'PUT /api/me/contributions-objection', anonymous: 401, personas: { default: 200 } },
  { route: 'DELETE /api/me/contributions-objection', anonymous: 401, personas: { default: 200 } },
]
