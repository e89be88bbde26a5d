import type { FastifyInstance } from 'fastify'
import { schoolScopeOf } from '../../plugins/policy/index.ts'
import { personAnswers } from '../../plugins/realtime/index.ts'
import { mailboxRoutes } from './routes/mailbox.ts'
import { safetyRoutes } from './routes/safety.ts'
import { writingRoutes } from './routes/writing.ts'

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Messagerie's HTTP routes. */
export async function messagingRoutes(app: FastifyInstance): Promise<void> {
  // A person's change to their own mailbox (read, moved, deleted, drafted, sent, recalled…), once it
  // succeeded: this instance forgets their cached mailbox answers before the reply leaves, the others
  // when the notice reaches them. Recipients hear of deliveries and recalls through the feed's notices.
  // A callback hook, not an async one: the pages read again and again cost no promise here.
  app.addHook('onSend', (request, reply, payload, done) => {
    const userId = request.actor?.userId
    if (!userId || !UNSAFE_METHODS.has(request.method) || reply.statusCode >= 400) return done(null, payload)
    personAnswers.forget([userId])
    // Through the school's handle on a school's route: the connection it takes is already in that
    // school's tenancy (the request's own statements put it there), so the notice costs one round trip.
    const db = request.school ? schoolScopeOf(request).db : app.db
    app.realtime
      .publish(db, [userId], { type: 'messaging.mailbox' })
      .catch((error) =>
        request.log.warn({ err: error }, 'could not tell the other instances of a mailbox change'),
      )
    done(null, payload)
  })

  await app.register(mailboxRoutes)
  await app.register(writingRoutes)
  await app.register(safetyRoutes)
}
