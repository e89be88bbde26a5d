import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import { mailboxRoutes } from './routes/mailbox.ts'
import { safetyRoutes } from './routes/safety.ts'
import { writingRoutes } from './routes/writing.ts'

/** Messagerie's HTTP routes; uploads (one attachment per request) are parsed for all of them. */
export async function messagingRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: { files: 1, fields: 0, parts: 1, fileSize: app.blobs.maxBytes + 1 },
  })
  await app.register(mailboxRoutes)
  await app.register(writingRoutes)
  await app.register(safetyRoutes)
}
