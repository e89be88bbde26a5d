import type { AuthzCase } from '../../testing/authz-matrix.ts'

/** An item id delivered to nobody: every persona is answered as if it did not exist. */
const UNKNOWN_ITEM = '0190a4c2-0000-7000-8000-000000000000'

export const feedAuthzCases: AuthzCase[] = [
  // The real-time socket (plugins/realtime): a plain GET, without the upgrade, is told to upgrade.
  { route: 'GET /api/realtime', anonymous: 401, personas: { default: 426 } },
  { route: 'GET /api/feed', anonymous: 401, personas: { default: 200 } },
  { route: 'GET /api/feed/unread', anonymous: 401, personas: { default: 200 } },
  {
    route: 'POST /api/feed/read',
    request: () => ({ body: { app: 'messaging' } }),
    anonymous: 401,
    personas: { default: 200 },
  },
  {
    route: 'POST /api/feed/items/:itemId/read',
    request: () => ({ url: `/api/feed/items/${UNKNOWN_ITEM}/read` }),
    anonymous: 401,
    personas: { default: 404 },
  },
  {
    route: 'POST /api/feed/items/:itemId/report',
    request: () => ({ url: `/api/feed/items/${UNKNOWN_ITEM}/report`, body: {} }),
    anonymous: 401,
    personas: { default: 404 },
  },
]
