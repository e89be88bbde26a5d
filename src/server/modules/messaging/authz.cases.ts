import { randomUUID } from 'node:crypto'
import type { AuthzCase } from '../../testing/authz-matrix.ts'

/** Members of the own school; administrators above it without a membership have no mailbox. */
const member = { default: 200, collectivityAdmin: 403, syndicateAdmin: 403 }
const memberIn = (status: number) => ({
  default: { own: status, other: 404 },
  collectivityAdmin: { own: 403, other: 404 },
  syndicateAdmin: { own: 403, other: 403 },
})
/** A message nobody's mailbox holds: 404 to every member. */
const nowhere = { default: 404, collectivityAdmin: 403, syndicateAdmin: 403 }
const director = {
  default: { own: 403, other: 404 },
  director: { own: 200, other: 404 },
  collectivityAdmin: { own: 403, other: 404 },
  syndicateAdmin: { own: 403, other: 403 },
}

export const messagingAuthzCases: AuthzCase[] = [
  { route: 'GET /api/messaging/folders', anonymous: 401, personas: member },
  {
    route: 'POST /api/messaging/folders',
    request: () => ({ body: { name: `Dossier ${randomUUID().slice(0, 8)}` } }),
    anonymous: 401,
    personas: { default: 201, collectivityAdmin: 403, syndicateAdmin: 403 },
  },
  {
    route: 'DELETE /api/messaging/folders/:folderId',
    request: () => ({ url: `/api/messaging/folders/${randomUUID()}` }),
    anonymous: 401,
    personas: nowhere,
  },
  {
    route: 'GET /api/messaging/folders/:folder/messages',
    request: () => ({ url: '/api/messaging/folders/inbox/messages' }),
    anonymous: 401,
    personas: member,
  },
  {
    route: 'GET /api/messaging/messages/:messageId',
    request: () => ({ url: `/api/messaging/messages/${randomUUID()}` }),
    anonymous: 401,
    personas: nowhere,
  },
  {
    route: 'PUT /api/messaging/messages/:messageId/read',
    request: () => ({ url: `/api/messaging/messages/${randomUUID()}/read`, body: { read: true } }),
    anonymous: 401,
    personas: nowhere,
  },
  {
    route: 'PUT /api/messaging/messages/:messageId/folder',
    request: () => ({ url: `/api/messaging/messages/${randomUUID()}/folder`, body: { folder: 'trash' } }),
    anonymous: 401,
    personas: nowhere,
  },
  {
    route: 'DELETE /api/messaging/messages/:messageId',
    request: () => ({ url: `/api/messaging/messages/${randomUUID()}` }),
    anonymous: 401,
    personas: nowhere,
  },
  {
    route: 'GET /api/messaging/messages/:messageId/attachments/:blobId',
    request: () => ({ url: `/api/messaging/messages/${randomUUID()}/attachments/${randomUUID()}` }),
    anonymous: 401,
    personas: nowhere,
  },
  { route: 'GET /api/schools/:schoolId/messaging/recipients', anonymous: 401, personas: memberIn(200) },
  {
    route: 'PUT /api/schools/:schoolId/messaging/drafts/:messageId',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/messaging/drafts/${randomUUID()}`,
      body: { subject: 'Essai', bodyHtml: '<p>Bonjour</p>' },
    }),
    anonymous: 401,
    personas: memberIn(200),
  },
  {
    route: 'POST /api/schools/:schoolId/messaging/drafts/:messageId/from',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/messaging/drafts/${randomUUID()}/from`,
      body: { messageId: randomUUID(), mode: 'reply' },
    }),
    anonymous: 401,
    personas: memberIn(404),
  },
  {
    route: 'DELETE /api/schools/:schoolId/messaging/drafts/:messageId',
    request: (_world, school) => ({ url: `/api/schools/${school.id}/messaging/drafts/${randomUUID()}` }),
    anonymous: 401,
    personas: memberIn(404),
  },
  {
    route: 'POST /api/schools/:schoolId/messaging/drafts/:messageId/attachments',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/messaging/drafts/${randomUUID()}/attachments`,
    }),
    anonymous: 401,
    personas: memberIn(404),
  },
  {
    route: 'DELETE /api/schools/:schoolId/messaging/drafts/:messageId/attachments/:blobId',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/messaging/drafts/${randomUUID()}/attachments/${randomUUID()}`,
    }),
    anonymous: 401,
    personas: memberIn(404),
  },
  {
    route: 'POST /api/schools/:schoolId/messaging/drafts/:messageId/send',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/messaging/drafts/${randomUUID()}/send`,
      body: {},
    }),
    anonymous: 401,
    personas: memberIn(404),
  },
  {
    route: 'POST /api/schools/:schoolId/messaging/messages/:messageId/recall',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/messaging/messages/${randomUUID()}/recall`,
    }),
    anonymous: 401,
    personas: memberIn(404),
  },
  {
    route: 'POST /api/schools/:schoolId/messaging/messages/:messageId/cancel',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/messaging/messages/${randomUUID()}/cancel`,
    }),
    anonymous: 401,
    personas: memberIn(404),
  },
  {
    route: 'POST /api/schools/:schoolId/messaging/messages/:messageId/report',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/messaging/messages/${randomUUID()}/report`,
      body: {},
    }),
    anonymous: 401,
    personas: memberIn(404),
  },
  { route: 'GET /api/schools/:schoolId/messaging/safety', anonymous: 401, personas: director },
  {
    route: 'PUT /api/schools/:schoolId/messaging/suspensions/:userId',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/messaging/suspensions/${school.parentId}`,
      body: { reason: 'Essai' },
    }),
    anonymous: 401,
    personas: director,
  },
  {
    route: 'DELETE /api/schools/:schoolId/messaging/suspensions/:userId',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/messaging/suspensions/${school.teacherId}`,
    }),
    anonymous: 401,
    personas: { ...director, director: { own: 404, other: 404 } },
  },
]
