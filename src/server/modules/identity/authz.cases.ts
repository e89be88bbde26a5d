import { randomUUID } from 'node:crypto'
import type { AuthzCase } from '../../testing/authz-matrix.ts'

// A login nobody has, different at each request so that sign-in throttling stays out of the way.
const unknownLogin = () => `inconnu.${randomUUID().slice(0, 8)}`

/**
 * Sign-in steps are public by nature: each checks its own proof (password, challenge cookie, code,
 * link). Everything under /api/me is the signed-in user's own.
 */
export const identityAuthzCases: AuthzCase[] = [
  { route: 'GET /api/auth/csrf', anonymous: 200, personas: { default: 200 } },
  {
    route: 'POST /api/auth/login',
    request: () => ({ body: { login: unknownLogin(), password: 'faux' } }),
    anonymous: 401,
    personas: { default: 401 },
  },
  {
    route: 'POST /api/auth/totp',
    request: () => ({ body: { code: '123456' } }),
    anonymous: 401,
    personas: { default: 401 },
  },
  { route: 'POST /api/auth/totp/enrolment', anonymous: 401, personas: { default: 200 } },
  {
    route: 'POST /api/auth/totp/enrolment/confirm',
    request: () => ({ body: { code: '000000' } }),
    anonymous: 401,
    // Signed-in users may enrol; a wrong code is refused.
    personas: { default: 400 },
  },
  {
    route: 'POST /api/auth/activation/check',
    request: () => ({ body: { login: unknownLogin(), code: 'abcd-efgh' } }),
    anonymous: 400,
    personas: { default: 400 },
  },
  {
    route: 'POST /api/auth/activation',
    request: () => ({
      body: {
        login: unknownLogin(),
        code: 'abcdefgh',
        password: 'x',
        passwordConfirmation: 'x',
        acceptCharter: true,
      },
    }),
    anonymous: 400,
    personas: { default: 400 },
  },
  {
    route: 'POST /api/auth/password-reset/request',
    request: () => ({ body: { loginOrEmail: 'personne@example.fr' } }),
    anonymous: 202,
    personas: { default: 202 },
  },
  {
    route: 'POST /api/auth/password-reset',
    request: () => ({ body: { token: 'x'.repeat(43), password: 'x', passwordConfirmation: 'x' } }),
    anonymous: 400,
    personas: { default: 400 },
  },
  { route: 'POST /api/auth/logout', anonymous: 401, personas: { default: 204 } },
  { route: 'GET /api/me', anonymous: 401, personas: { default: 200 } },
  { route: 'GET /api/me/security', anonymous: 401, personas: { default: 200 } },
  {
    // The world's personas have no authenticator app.
    route: 'POST /api/auth/step-up',
    request: () => ({ body: { code: '123456' } }),
    anonymous: 401,
    personas: { default: 409 },
  },
  {
    route: 'POST /api/me/security/recovery-codes',
    request: () => ({ body: { code: '123456' } }),
    anonymous: 401,
    personas: { default: 409 },
  },
  { route: 'GET /api/me/sessions', anonymous: 401, personas: { default: 200 } },
  {
    route: 'DELETE /api/me/sessions/:sessionId',
    request: () => ({ url: '/api/me/sessions/00000000-0000-4000-8000-000000000000' }),
    anonymous: 401,
    personas: { default: 404 },
  },
  { route: 'POST /api/me/sessions/close-others', anonymous: 401, personas: { default: 204 } },
  {
    // The pupil has no second factor: the syndicate's administrators get 409, the world unchanged.
    route: 'POST /api/admin/users/:userId/second-factor/reset',
    request: (world) => ({ url: `/api/admin/users/${world.own.pupilId}/second-factor/reset` }),
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 409 },
  },
]
