import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Db } from '../db/connection.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The Kysely handle. Modules reach it only through their `queries.ts`. */
    db: Db
  }
}

/** Exposes the database handle; whoever opened it (main, CLI, test) closes it. */
export const dbPlugin = fp(
  async (app: FastifyInstance, options: { db: Db }) => {
    app.decorate('db', options.db)
  },
  { name: 'db' },
)
