import type { AuthzCase } from '../../testing/authz-matrix.ts'

const unknown = '00000000-0000-7000-8000-000000000000'
const managers = { default: 403, syndicateAdmin: 404 } as const
const DELEGATE = {
  memberName: 'Commune de Lille',
  civility: 'Mme',
  firstName: 'Anne',
  lastName: 'MARTIN',
  email: 'anne.martin@example.fr',
  seat: 'titulaire',
  mandateStart: '2026-07-01',
}

/**
 * The register is the syndicate's: its administrators manage it (404 here: the ids name nothing in the
 * world), delegates read it (none among the personas, so the others get 403), anyone reads what is
 * published.
 */
export const governanceAuthzCases: AuthzCase[] = [
  { route: 'GET /api/governance/meetings', anonymous: 401, personas: { default: 403, syndicateAdmin: 200 } },
  {
    route: 'POST /api/governance/meetings',
    request: () => ({ body: { bodyId: unknown, heldAt: '2027-01-20T17:00:00.000Z', place: 'au siège' } }),
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 400 },
  },
  {
    route: 'GET /api/governance/meetings/:meetingId',
    request: () => ({ url: `/api/governance/meetings/${unknown}` }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'PUT /api/governance/meetings/:meetingId/attendance/:delegateId',
    request: () => ({
      url: `/api/governance/meetings/${unknown}/attendance/${unknown}`,
      body: { status: 'present' },
    }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'PUT /api/governance/meetings/:meetingId/typed-attendance',
    request: () => ({
      url: `/api/governance/meetings/${unknown}/typed-attendance`,
      body: { present: 1, absent: 0, excused: 0, proxies: 0 },
    }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'POST /api/governance/meetings/:meetingId/items',
    request: () => ({ url: `/api/governance/meetings/${unknown}/items`, body: { title: 'Budget' } }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'POST /api/governance/meetings/:meetingId/convocation',
    request: () => ({ url: `/api/governance/meetings/${unknown}/convocation`, body: { channel: 'paper' } }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'PUT /api/governance/items/:itemId/vote',
    request: () => ({
      url: `/api/governance/items/${unknown}/vote`,
      body: { mode: 'totals', totals: { pour: 1, contre: 0, abstention: 0, blancNul: 0, neParticipePas: 0 } },
    }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'PUT /api/governance/items/:itemId/deliberation',
    request: () => ({
      url: `/api/governance/items/${unknown}/deliberation`,
      body: { object: 'Objet', visas: [], considerants: [], articles: ['Approuve.'] },
    }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'GET /api/governance/deliberations/:deliberationId',
    request: () => ({ url: `/api/governance/deliberations/${unknown}` }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'POST /api/governance/deliberations/:deliberationId/versions',
    request: () => ({
      url: `/api/governance/deliberations/${unknown}/versions`,
      body: { object: 'Objet', visas: [], considerants: [], articles: ['Approuve.'] },
    }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'POST /api/governance/deliberations/:deliberationId/publish',
    request: () => ({ url: `/api/governance/deliberations/${unknown}/publish` }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'PUT /api/governance/deliberations/:deliberationId/transmission',
    request: () => ({ url: `/api/governance/deliberations/${unknown}/transmission`, body: {} }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'GET /api/governance/deliberations/:deliberationId/extrait.pdf',
    request: () => ({ url: `/api/governance/deliberations/${unknown}/extrait.pdf` }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'GET /api/governance/deliberations/:deliberationId/actes/:part',
    request: () => ({ url: `/api/governance/deliberations/${unknown}/actes/acte` }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'GET /api/governance/meetings/:meetingId/proces-verbal.pdf',
    request: () => ({ url: `/api/governance/meetings/${unknown}/proces-verbal.pdf` }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'GET /api/governance/register.csv',
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 200 },
  },
  { route: 'GET /api/public/deliberations', anonymous: 200, personas: { default: 200 } },
  {
    route: 'GET /api/public/deliberations/:deliberationId/extrait.pdf',
    request: () => ({ url: `/api/public/deliberations/${unknown}/extrait.pdf` }),
    anonymous: 404,
    personas: { default: 404 },
  },
  { route: 'GET /api/public/deliberations.csv', anonymous: 200, personas: { default: 200 } },
  {
    route: 'GET /api/public/convocations/:token/accuse',
    request: () => ({ url: '/api/public/convocations/aaaaaaaaaaaaaaaaaaaaaaaa/accuse' }),
    anonymous: 404,
    personas: { default: 404 },
  },
  {
    route: 'POST /api/governance/meetings/:meetingId/movements',
    request: () => ({
      url: `/api/governance/meetings/${unknown}/movements`,
      body: { delegateId: unknown, kind: 'arrival', beforeItem: 1 },
    }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'DELETE /api/governance/meetings/:meetingId/movements/:movementId',
    request: () => ({ url: `/api/governance/meetings/${unknown}/movements/${unknown}` }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'PUT /api/governance/items/:itemId/withdrawals',
    request: () => ({ url: `/api/governance/items/${unknown}/withdrawals`, body: { withdrawn: [] } }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'POST /api/governance/deliberations/:deliberationId/annexes',
    request: () => ({ url: `/api/governance/deliberations/${unknown}/annexes` }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'DELETE /api/governance/deliberations/:deliberationId/annexes/:annexId',
    request: () => ({ url: `/api/governance/deliberations/${unknown}/annexes/${unknown}` }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'GET /api/governance/deliberations/:deliberationId/annexes/:annexId',
    request: () => ({ url: `/api/governance/deliberations/${unknown}/annexes/${unknown}` }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'GET /api/public/deliberations/:deliberationId/annexes/:annexId',
    request: () => ({ url: `/api/public/deliberations/${unknown}/annexes/${unknown}` }),
    anonymous: 404,
    personas: { default: 404 },
  },
  {
    route: 'GET /api/governance/bodies/:bodyId',
    request: () => ({ url: `/api/governance/bodies/${unknown}` }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'PUT /api/governance/bodies/:bodyId',
    request: () => ({
      url: `/api/governance/bodies/${unknown}`,
      body: {
        name: 'Comité syndical',
        quorumBase: 'present',
        quorumShare: 'majority',
        proxiesPerHolder: 1,
        proxyValidityMeetings: 3,
        convocationClearDays: 5,
        emergencyClearDays: 1,
        secondConvocationClearDays: 3,
        presidentHasCastingVote: true,
      },
    }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'POST /api/governance/bodies/:bodyId/delegates',
    request: () => ({ url: `/api/governance/bodies/${unknown}/delegates`, body: DELEGATE }),
    anonymous: 401,
    personas: managers,
  },
  {
    route: 'PUT /api/governance/delegates/:delegateId',
    request: () => ({ url: `/api/governance/delegates/${unknown}`, body: DELEGATE }),
    anonymous: 401,
    personas: managers,
  },
]
