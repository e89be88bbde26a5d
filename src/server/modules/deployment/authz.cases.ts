import type { AuthzCase } from '../../testing/authz-matrix.ts'

export const deploymentAuthzCases: AuthzCase[] = [
  { route: 'GET /api/deployment', anonymous: 200, personas: { default: 200 } },
  {
    route: 'PUT /api/deployment',
    request: () => ({
      body: {
        name: 'Syndicat mixte de test',
        address: null,
        dpoName: null,
        dpoEmail: null,
        dpoAddress: null,
      },
    }),
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 200 },
  },
  { route: 'GET /api/me/charter', anonymous: 401, personas: { default: 200 } },
  {
    route: 'POST /api/me/charter',
    request: () => ({ body: { version: '2026-12' } }),
    anonymous: 401,
    personas: { default: 200 },
  },
]
