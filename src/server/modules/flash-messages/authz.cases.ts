import type { AuthzCase } from '../../testing/authz-matrix.ts'

/** A banner for the parents, shown today only; each console's own schools (none named: all of them). */
const banner = () => {
  const today = new Date().toISOString().slice(0, 10)
  return { body: { text: 'Sortie au musée vendredi.', profiles: ['parent'], startsOn: today, endsOn: today } }
}

export const flashMessagesAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/admin/flash-messages',
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 200 },
  },
  {
    route: 'POST /api/admin/flash-messages',
    request: banner,
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 201 },
  },
  {
    route: 'GET /api/collectivities/:collectivityId/flash-messages',
    anonymous: 401,
    // A collectivity the actor does not administer does not exist for them (404), checked before the rule.
    personas: { default: 404, collectivityAdmin: { own: 200, other: 404 }, syndicateAdmin: 200 },
  },
  {
    route: 'POST /api/collectivities/:collectivityId/flash-messages',
    request: banner,
    anonymous: 401,
    personas: { default: 404, collectivityAdmin: { own: 201, other: 404 }, syndicateAdmin: 201 },
  },
  {
    route: 'GET /api/schools/:schoolId/flash-messages',
    anonymous: 401,
    personas: {
      default: { own: 403, other: 404 },
      director: { own: 200, other: 404 },
      collectivityAdmin: { own: 200, other: 404 },
      syndicateAdmin: 200,
    },
  },
  {
    route: 'POST /api/schools/:schoolId/flash-messages',
    request: banner,
    anonymous: 401,
    personas: {
      default: { own: 403, other: 404 },
      director: { own: 201, other: 404 },
      collectivityAdmin: { own: 201, other: 404 },
      syndicateAdmin: 201,
    },
  },
  { route: 'GET /api/me/flash-messages', anonymous: 401, personas: { default: 200 } },
  {
    route: 'POST /api/me/flash-messages/:messageId/dismiss',
    // A message that is not one of the actor's banners (here: none at all) is not found.
    request: () => ({ url: '/api/me/flash-messages/00000000-0000-4000-8000-000000000000/dismiss' }),
    anonymous: 401,
    personas: { default: 404 },
  },
]
