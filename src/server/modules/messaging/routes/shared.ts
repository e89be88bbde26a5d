import { z } from 'zod'

/** What the Messagerie routes share: their OpenAPI tag, their policies and the « done » answer. */
export const tags = ['messagerie']
export const mailbox = { policy: 'messaging.useMailbox' } as const
export const compose = { policy: 'messaging.compose', scope: 'school' } as const
export const moderate = { policy: 'messaging.moderate', scope: 'school' } as const
export const Done = z.object({ ok: z.literal(true) })
export const ok = { ok: true as const }
/** A cached answer's type: already JSON (see `app.realtime.cachedAnswer`). */
export const JSON_TYPE = 'application/json; charset=utf-8'
