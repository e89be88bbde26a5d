import type { AuthzCase } from '../../testing/authz-matrix.ts'

const nobody = '00000000-0000-4000-8000-000000000000'
const rule = `/api/contributions/rules/${nobody}`
const criteria = { perMemberCents: 10_000, perSchoolCents: 0 }
const deliberation = { reference: '2026-07', date: '2026-03-12' }
/** Every route is the finance officer's (a syndicate administrator); an unknown rule answers 404. */
const unknownRule = (route: string, url: string, body?: unknown): AuthzCase => ({
  route,
  request: () => ({ url, body }),
  anonymous: 401,
  personas: { default: 403, syndicateAdmin: 404 },
})

export const contributionsAuthzCases: AuthzCase[] = [
  { route: 'GET /api/contributions/rules', anonymous: 401, personas: { default: 403, syndicateAdmin: 200 } },
  {
    route: 'POST /api/contributions/rules',
    request: () => ({ body: { year: 2026, referenceOn: '2026-01-15', ...criteria } }),
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 201 },
  },
  unknownRule('PUT /api/contributions/rules/:ruleId', rule, {
    year: 2026,
    referenceOn: '2026-01-15',
    ...criteria,
  }),
  unknownRule('DELETE /api/contributions/rules/:ruleId', rule),
  unknownRule('GET /api/contributions/rules/:ruleId/simulation', `${rule}/simulation`),
  unknownRule('POST /api/contributions/rules/:ruleId/adoption', `${rule}/adoption`, { deliberation }),
  unknownRule('POST /api/contributions/rules/:ruleId/versions', `${rule}/versions`, {
    ...criteria,
    referenceOn: '2026-01-15',
    deliberation,
    reason: 'Correction du forfait',
  }),
  unknownRule('POST /api/contributions/rules/:ruleId/computation', `${rule}/computation`),
  unknownRule('GET /api/contributions/rules/:ruleId/computation', `${rule}/computation`),
  unknownRule('GET /api/contributions/rules/:ruleId/call-for-funds.csv', `${rule}/call-for-funds.csv`),
  unknownRule(
    'GET /api/contributions/rules/:ruleId/members/:memberId/notice.pdf',
    `${rule}/members/${nobody}/notice.pdf`,
  ),
  // A member's own calls: its collectivity's administrators and agents, and the syndicate; another
  // member answers 404 (the world's members have no computed year: an empty list, no notice).
  {
    route: 'GET /api/contributions/members/:memberId',
    request: (_world, school) => ({ url: `/api/contributions/members/${school.collectivityId}` }),
    anonymous: 401,
    personas: {
      default: 403,
      collectivityAgent: { own: 200, other: 404 },
      collectivityAdmin: { own: 200, other: 404 },
      syndicateAdmin: 200,
    },
  },
  {
    route: 'GET /api/contributions/members/:memberId/rules/:ruleId/notice.pdf',
    request: (_world, school) => ({
      url: `/api/contributions/members/${school.collectivityId}/rules/${nobody}/notice.pdf`,
    }),
    anonymous: 401,
    personas: { default: 403, collectivityAgent: 404, collectivityAdmin: 404, syndicateAdmin: 404 },
  },
]
