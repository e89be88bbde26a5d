import type { FastifyInstance } from 'fastify'
import { TestClient } from './test-client.ts'
import { PERSONAS, type Persona, type SchoolFixture, type World } from './world.ts'

/**
 * The authorization matrix: for each route, the status every persona gets on their own school and on
 * another school (for a `:collectivityId` route, on the collectivity of each). Each module lists its routes in an `authz.cases.ts`; one test checks that every route
 * the app registers is listed, and runs them all (see `src/server/authz-matrix.test.ts`).
 */
type PerSchool = { own: number; other: number }
export type Expectation = number | PerSchool

export type AuthzCase = {
  /** Method and URL pattern exactly as registered, e.g. `GET /api/schools/:schoolId`. */
  route: string
  /**
   * Builds the request against one school of the world (called afresh for each persona); by default
   * `:schoolId` is that school's id and `:collectivityId` its collectivity's.
   */
  request?: (world: World, school: SchoolFixture) => { url?: string; body?: unknown }
  anonymous: number
  /** Status per persona; `default` covers the personas not listed. */
  personas: Partial<Record<Persona | 'default', Expectation>>
}

export type Mismatch = {
  persona: Persona | 'anonymous'
  school: 'own' | 'other'
  expected: number
  actual: number
  body: string
}

/** `GET /x` → routes as the app lists them, without HEAD twins and third-party infrastructure. */
export function listApplicationRoutes(app: FastifyInstance): string[] {
  return app.routeTable
    .filter((route) => !route.config?.infrastructure)
    .flatMap((route) =>
      route.method
        .split(',')
        .filter((method) => method !== 'HEAD')
        .map((method) => `${method} ${route.url}`),
    )
    .sort()
}

function expectationFor(entry: AuthzCase, persona: Persona, school: 'own' | 'other'): number {
  const value = entry.personas[persona] ?? entry.personas.default
  if (value === undefined) throw new Error(`${entry.route}: no expectation for ${persona} and no default`)
  return typeof value === 'number' ? value : value[school]
}

/** Runs one case for every persona (and anonymous) on both schools; returns what differed. */
export async function runAuthzCase(
  app: FastifyInstance,
  world: World,
  entry: AuthzCase,
): Promise<Mismatch[]> {
  const [method, pattern] = entry.route.split(' ') as [string, string]
  const scoped = pattern.includes(':schoolId') || pattern.includes(':collectivityId')
  const schools: ('own' | 'other')[] = scoped ? ['own', 'other'] : ['own']
  const mismatches: Mismatch[] = []
  for (const school of schools) {
    const fixture = world[school]
    const send = (client: TestClient) => {
      const built = entry.request?.(world, fixture) ?? {}
      return client.request({
        method: method as 'GET',
        url:
          built.url ??
          pattern.replace(':schoolId', fixture.id).replace(':collectivityId', fixture.collectivityId),
        payload: built.body as Record<string, unknown> | undefined,
      })
    }
    const anonymous = await send(new TestClient(app))
    if (anonymous.statusCode !== entry.anonymous) {
      mismatches.push({
        persona: 'anonymous',
        school,
        expected: entry.anonymous,
        actual: anonymous.statusCode,
        body: anonymous.body.slice(0, 200),
      })
    }
    for (const persona of PERSONAS) {
      const expected = expectationFor(entry, persona, school)
      // A fresh session per check: a case may sign out or change what the persona can do.
      const response = await send(await TestClient.signedInAs(app, world.users[persona]))
      if (response.statusCode !== expected) {
        mismatches.push({
          persona,
          school,
          expected,
          actual: response.statusCode,
          body: response.body.slice(0, 200),
        })
      }
    }
  }
  return mismatches
}
