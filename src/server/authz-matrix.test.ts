import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authzCases } from './modules/authz-cases.ts'
import { listApplicationRoutes, runAuthzCase } from './testing/authz-matrix.ts'
import { createTestApp } from './testing/test-app.ts'
import { createTestDatabase, type TestDatabase } from './testing/test-database.ts'
import { buildWorld, type World } from './testing/world.ts'

/**
 * Every route of the app × every persona × own school and another school. A new route without a case
 * here fails the first test: deny by default extends to the tests.
 */
describe('authorization matrix', () => {
  let database: TestDatabase
  let app: FastifyInstance
  let world: World

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    ;({ app } = await createTestApp(database))
  })
  afterAll(async () => {
    await app.close()
    await database.drop()
  })

  it('has a case for every route the app registers, and no case for a route it does not', () => {
    const registered = listApplicationRoutes(app)
    const covered = authzCases.map((entry) => entry.route).sort()
    expect(registered.filter((route) => !covered.includes(route))).toEqual([])
    expect(covered.filter((route) => !registered.includes(route))).toEqual([])
  })

  for (const entry of authzCases) {
    it(entry.route, async () => {
      expect(await runAuthzCase(app, world, entry)).toEqual([])
    })
  }
})
