import type { AuthzCase } from '../../testing/authz-matrix.ts'

export const notificationsAuthzCases: AuthzCase[] = [
  { route: 'GET /api/me/notifications', anonymous: 401, personas: { default: 200 } },
  {
    // The calendar is an application of every school profile; administrators without a school have no
    // feed application, so they have nothing to choose.
    route: 'PUT /api/me/notifications',
    request: () => ({ body: { preferences: [{ app: 'calendar', frequency: 'weekly' }] } }),
    anonymous: 401,
    personas: { default: 200, collectivityAdmin: 400, syndicateAdmin: 400 },
  },
]
