import type { AuthzCase } from '../../testing/authz-matrix.ts'

export const identityAuthzCases: AuthzCase[] = [
  { route: 'GET /api/auth/csrf', anonymous: 200, personas: { default: 200 } },
  {
    route: 'POST /api/auth/login',
    request: () => ({ body: { login: 'personne.inconnue', password: 'faux' } }),
    anonymous: 401,
    personas: { default: 401 },
  },
  { route: 'POST /api/auth/logout', anonymous: 401, personas: { default: 204 } },
  { route: 'GET /api/me', anonymous: 401, personas: { default: 200 } },
]
