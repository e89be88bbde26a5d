import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../../../db/connection.ts'
import { actorOf } from '../../../plugins/policy/index.ts'
import { allowedActionsFor } from '../access.ts'
import { readMeeting } from '../meetings.service.ts'

// What the register's route files share. The two policies are named here once and still written at each
// route (`config: read` or `config: manage`), where the deny-by-default guard and the authorization matrix
// read them.

export const tags = ['registre des délibérations']
export const read = { policy: 'governance.read' } as const
export const manage = { policy: 'governance.manage' } as const

/** A meeting as the register's screens read it after any change, with what the actor may do next. */
export async function meetingAnswer(db: Db, request: FastifyRequest, meetingId: string) {
  return { ...(await readMeeting(db, meetingId)), allowedActions: allowedActionsFor(actorOf(request)) }
}

/** A document of the register, opened in the browser under its own name, never kept by a shared cache. */
export function sendFile(reply: FastifyReply, type: string, fileName: string, body: Buffer | string) {
  return reply
    .header('content-type', type)
    .header(
      'content-disposition',
      `inline; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('cache-control', 'private, no-cache')
    .send(body)
}
