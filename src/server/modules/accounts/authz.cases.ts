import type { AuthzCase, Expectation } from '../../testing/authz-matrix.ts'

/**
 * The accounts module's rows of the matrix. Personas act on the people of the world, so each case
 * leaves the world as it found it or changes what no other case relies on: edits rewrite a name as it
 * is, links and removals are idempotent and undone by the next case, a single code goes to an activated
 * account (refused: 409), and the reset leaves the world's pupil waiting for a new activation (sessions
 * in the matrix are written directly, so it still signs in as a persona).
 */

/** The school's administrators: its director and the administrators above it. */
const administrators = (status: number): AuthzCase['personas'] => ({
  default: { own: 403, other: 404 },
  director: { own: status, other: 404 },
  collectivityAdmin: { own: status, other: 404 },
  syndicateAdmin: { own: status, other: status },
})

/**
 * The director and the class's teacher (the world's teacher teaches `classId`); a syndicate
 * administrator reaches every school but is no teacher there: 403 on both.
 */
const classStaff = (status: number): AuthzCase['personas'] => ({
  default: { own: 403, other: 404 },
  teacher: { own: status, other: 404 },
  director: { own: status, other: 404 },
  syndicateAdmin: { own: 403, other: 403 },
})

const own = (status: number): Expectation => ({ own: status, other: 404 })

export const accountsAuthzCases: AuthzCase[] = [
  { route: 'GET /api/schools/:schoolId/users', anonymous: 401, personas: administrators(200) },
  {
    route: 'POST /api/schools/:schoolId/users',
    request: () => ({ body: { firstName: 'Nouveau', lastName: 'Parent', profile: 'parent' } }),
    anonymous: 401,
    personas: administrators(201),
  },
  {
    route: 'GET /api/schools/:schoolId/users/:userId',
    request: (_world, school) => ({ url: `/api/schools/${school.id}/users/${school.pupilId}` }),
    anonymous: 401,
    personas: administrators(200),
  },
  {
    route: 'PATCH /api/schools/:schoolId/users/:userId',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/users/${school.pupilId}`,
      body: { firstName: 'pupil' },
    }),
    anonymous: 401,
    personas: administrators(204),
  },
  {
    route: 'POST /api/schools/:schoolId/users/:userId/remove',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/users/${school.otherClassPupilId}/remove`,
    }),
    anonymous: 401,
    personas: administrators(204),
  },
  {
    route: 'POST /api/schools/:schoolId/users/:userId/restore',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/users/${school.otherClassPupilId}/restore`,
    }),
    anonymous: 401,
    personas: administrators(204),
  },
  {
    // Unlinking a pupil and a parent who are not linked changes nothing; the world's family stays.
    route: 'DELETE /api/schools/:schoolId/users/:userId/parents/:parentId',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/users/${school.otherClassPupilId}/parents/${school.parentId}`,
    }),
    anonymous: 401,
    personas: administrators(204),
  },
  {
    route: 'PUT /api/schools/:schoolId/users/:userId/parents/:parentId',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/users/${school.pupilId}/parents/${school.parentId}`,
    }),
    anonymous: 401,
    personas: administrators(204),
  },
  {
    // The world's accounts are activated: the administrators pass the policy, then the code is refused.
    route: 'POST /api/schools/:schoolId/users/:userId/activation-code',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/users/${school.teacherId}/activation-code`,
    }),
    anonymous: 401,
    personas: administrators(409),
  },
  {
    route: 'POST /api/schools/:schoolId/classes/:classId/activation-codes',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/classes/${school.classId}/activation-codes`,
      body: { for: 'all', mode: 'missing' },
    }),
    anonymous: 401,
    personas: { ...administrators(200), teacher: own(200) },
  },
  {
    route: 'POST /api/schools/:schoolId/users/:userId/password-reset',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/users/${school.pupilId}/password-reset`,
    }),
    anonymous: 401,
    personas: classStaff(200),
  },
  ...(['pdf', 'csv'] as const).map(
    (format): AuthzCase => ({
      route: `GET /api/schools/:schoolId/classes/:classId/connection-sheets.${format}`,
      request: (_world, school) => ({
        url: `/api/schools/${school.id}/classes/${school.classId}/connection-sheets.${format}?for=all`,
      }),
      anonymous: 401,
      personas: classStaff(200),
    }),
  ),
  {
    route: 'POST /api/schools/:schoolId/classes/:classId/connection-sheets/email',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/classes/${school.classId}/connection-sheets/email`,
    }),
    anonymous: 401,
    personas: classStaff(202),
  },
  {
    route: 'GET /api/schools/:schoolId/classes/:classId/login-cards',
    request: (_world, school) => ({ url: `/api/schools/${school.id}/classes/${school.classId}/login-cards` }),
    anonymous: 401,
    personas: classStaff(200),
  },
  {
    route: 'PATCH /api/schools/:schoolId/classes/:classId/login-cards',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/classes/${school.classId}/login-cards`,
      body: { enabled: false },
    }),
    anonymous: 401,
    personas: classStaff(200),
  },
  {
    route: 'POST /api/schools/:schoolId/classes/:classId/login-cards',
    request: (_world, school) => ({ url: `/api/schools/${school.id}/classes/${school.classId}/login-cards` }),
    anonymous: 401,
    personas: classStaff(200),
  },
  {
    // Public: a card nobody has is refused alike for everyone.
    route: 'POST /api/auth/login-card',
    request: () => ({ body: { token: 'x'.repeat(43) } }),
    anonymous: 401,
    personas: { default: 401 },
  },
  {
    // The pupil has no second factor: those allowed get 409, which leaves the world unchanged.
    route: 'POST /api/schools/:schoolId/users/:userId/second-factor/reset',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/users/${school.pupilId}/second-factor/reset`,
    }),
    anonymous: 401,
    personas: {
      default: { own: 403, other: 404 },
      collectivityAdmin: { own: 409, other: 404 },
      syndicateAdmin: { own: 409, other: 409 },
    },
  },
]
