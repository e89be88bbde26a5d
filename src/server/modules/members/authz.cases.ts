import type { AuthzCase } from '../../testing/authz-matrix.ts'

const nobody = '00000000-0000-4000-8000-000000000000'
const syndicateOnly = { default: 403, syndicateAdmin: 204 }
const deliberation = { reference: '2019-12', date: '2019-06-26' }

/** Cases run in order on one world: the adhesion is recorded before the withdrawal and the contact. */
export const membersAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/members',
    anonymous: 401,
    personas: { default: 403, collectivityAgent: 200, collectivityAdmin: 200, syndicateAdmin: 200 },
  },
  {
    route: 'GET /api/members/:memberId',
    request: (world) => ({ url: `/api/members/${world.own.collectivityId}` }),
    anonymous: 401,
    personas: { default: 403, collectivityAgent: 200, collectivityAdmin: 200, syndicateAdmin: 200 },
  },
  {
    route: 'PUT /api/members/:memberId/adhesion',
    request: (world) => ({
      url: `/api/members/${world.own.collectivityId}/adhesion`,
      body: { adheredOn: '2019-09-01', deliberation, population: 1200, populationYear: 2023 },
    }),
    anonymous: 401,
    personas: syndicateOnly,
  },
  {
    route: 'PUT /api/members/:memberId/withdrawal',
    request: (world) => ({
      url: `/api/members/${world.own.collectivityId}/withdrawal`,
      body: { withdrawnOn: '2030-01-01', deliberation },
    }),
    anonymous: 401,
    personas: syndicateOnly,
  },
  {
    route: 'POST /api/members/:memberId/contacts',
    request: (world) => ({
      url: `/api/members/${world.own.collectivityId}/contacts`,
      body: { name: 'Mme Contact', role: 'Secrétaire de mairie' },
    }),
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 201 },
  },
  {
    route: 'DELETE /api/members/:memberId/contacts/:contactId',
    request: (world) => ({ url: `/api/members/${world.own.collectivityId}/contacts/${nobody}` }),
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 404 },
  },
  {
    route: 'POST /api/schools/:schoolId/deployment-status',
    request: () => ({ body: { status: 'requested', effectiveOn: '2026-01-05' } }),
    anonymous: 401,
    personas: { default: { own: 403, other: 404 }, syndicateAdmin: 204 },
  },
  {
    route: 'GET /api/academic-assignments',
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 200 },
  },
  {
    route: 'POST /api/academic-assignments',
    request: (world) => ({
      body: { userId: world.users.academic, circonscription: 'Circonscription A', role: 'ien' },
    }),
    anonymous: 401,
    personas: syndicateOnly,
  },
  {
    route: 'DELETE /api/academic-assignments/:assignmentId',
    request: () => ({ url: `/api/academic-assignments/${nobody}` }),
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 404 },
  },
  {
    route: 'GET /api/academie/circonscriptions',
    anonymous: 401,
    personas: { default: 403, academic: 200 },
  },
]
