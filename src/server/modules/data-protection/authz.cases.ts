import type { AuthzCase } from '../../testing/authz-matrix.ts'

const activity = {
  name: 'Messagerie',
  purposes: 'Échanger entre membres de l’école',
  legalBasis: 'Mission d’intérêt public',
  dataSubjects: 'Élèves, parents, personnels',
  dataCategories: 'Identité, messages',
  recipients: 'Membres de l’école',
  retention: 'Un an après le départ',
  securityMeasures: 'Chiffrement TLS, journalisation',
}
const UNKNOWN = '00000000-0000-4000-8000-000000000000'

export const dataProtectionAuthzCases: AuthzCase[] = [
  { route: 'GET /api/data-protection/register', anonymous: 200, personas: { default: 200 } },
  {
    route: 'POST /api/data-protection/register',
    request: () => ({ body: activity }),
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 201 },
  },
  {
    // An activity that does not exist: the rule is checked first, then the service answers 404.
    route: 'PUT /api/data-protection/register/:activityId',
    request: () => ({ url: `/api/data-protection/register/${UNKNOWN}`, body: activity }),
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 404 },
  },
  {
    route: 'DELETE /api/data-protection/register/:activityId',
    request: () => ({ url: `/api/data-protection/register/${UNKNOWN}` }),
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 404 },
  },
  {
    route: 'GET /api/admin/data-protection/retention',
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 200 },
  },
  { route: 'GET /api/me/data-export', anonymous: 401, personas: { default: 200 } },
  { route: 'POST /api/me/data-export', anonymous: 401, personas: { default: 202 } },
  {
    route: 'GET /api/me/data-export/:exportId/download',
    request: () => ({ url: `/api/me/data-export/${UNKNOWN}/download` }),
    anonymous: 401,
    personas: { default: 404 },
  },
]
