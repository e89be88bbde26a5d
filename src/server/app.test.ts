import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from './app.ts'
import { loadConfig } from './config.ts'
import { addMember, buildCollectivity, buildSchool, buildUser } from './testing/factories.ts'
import { createTestApp } from './testing/test-app.ts'
import { TestClient } from './testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from './testing/test-database.ts'

describe('the HTTP foundation', () => {
  let database: TestDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await createTestDatabase()
    ;({ app } = await createTestApp(database, {
      LOGIN_RATE_LIMIT_PER_MINUTE: '3',
      METRICS_TOKEN: undefined,
    }))
  })
  afterAll(async () => {
    await app.close()
    await database.drop()
  })

  it('answers unknown API paths with RFC 9457 problem details in French', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here?secret=1' })
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.json()).toMatchObject({
      status: 404,
      code: 'not-found',
      title: 'Introuvable',
      detail: expect.stringContaining('/api/nothing-here'),
    })
  })

  it('serves the web app for page paths, whatever the client route', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/ecoles/quelque-chose',
      headers: { accept: 'text/html' },
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/text\/html/)
    expect(response.body).toContain('<div id="root">')
    expect(response.headers['cache-control']).toBe('no-cache')
  })

  it('refuses a malformed body with a French message per field and changes nothing', async () => {
    const client = new TestClient(app)
    const response = await client.post('/api/auth/login', { login: '', password: 42 })
    expect(response.statusCode).toBe(400)
    const problem = response.json()
    expect(problem.code).toBe('validation')
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(['body.login', 'body.password'])
    expect(problem.errors[0].message).toBe('Saisissez votre identifiant.')
    expect(problem.errors[1].message).toMatch(/attendu/)
  })

  it('refuses a body that is not JSON with a clear problem', async () => {
    const client = new TestClient(app)
    const response = await client.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"login": ',
      headers: { 'content-type': 'application/json' },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().detail).toBe("Le corps de la requête n'est pas du JSON valide.")
  })

  it('echoes a well-formed request id and replaces a malformed one', async () => {
    const kept = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'abc-123' } })
    expect(kept.headers['x-request-id']).toBe('abc-123')
    const replaced = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'bad id\n' },
    })
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('sends documents with a strict CSP, no framing, no sniffing', async () => {
    const response = await app.inject({ method: 'GET', url: '/connexion', headers: { accept: 'text/html' } })
    expect(response.headers['content-security-policy']).toContain("default-src 'self'")
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['referrer-policy']).toBe('no-referrer')
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN')
  })

  it('sends data that no browser renders nor keeps', async () => {
    for (const url of ['/api/auth/csrf', '/api/nothing', '/health']) {
      const response = await app.inject({ method: 'GET', url })
      expect(response.headers['cache-control']).toBe('no-store')
      expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.headers['x-ratelimit-remaining']).toBeUndefined()
    }
  })

  it('refuses a state-changing request without the CSRF token', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'a', password: 'b' },
    })
    expect(response.statusCode).toBe(403)
    expect(response.json().code).toBe('csrf')
  })

  it('refuses a cross-site write even with a token', async () => {
    const client = new TestClient(app)
    const response = await client.post(
      '/api/auth/login',
      { login: 'a', password: 'b' },
      { 'sec-fetch-site': 'cross-site' },
    )
    expect(response.statusCode).toBe(403)
    expect(response.json().code).toBe('csrf')
  })

  it('rate-limits sign-in attempts per address with a French problem', async () => {
    const client = new TestClient(app)
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      statuses.push((await client.post('/api/auth/login', { login: 'nobody', password: 'wrong' })).statusCode)
    }
    expect(statuses).toEqual([401, 401, 401, 429])
    const limited = await client.post('/api/auth/login', { login: 'nobody', password: 'wrong' })
    expect(limited.json()).toMatchObject({ code: 'rate-limited', detail: expect.stringMatching(/patientez/) })
  })

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/json' })
    expect(response.statusCode).toBe(200)
    const document = response.json()
    expect(document.openapi).toMatch(/^3\./)
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/portal', '/api/schools/{schoolId}', '/api/auth/login', '/health']),
    )
    expect(
      document.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['login', 'password'])
    // An instant of the contract (a codec: Date in the server) is documented as the string it travels as.
    const session =
      document.paths['/api/me/sessions'].get.responses['200'].content['application/json'].schema.properties
        .sessions.items
    expect(session.properties.createdAt).toMatchObject({ type: 'string', format: 'date-time' })
    const page = await app.inject({ method: 'GET', url: '/api/docs' })
    expect([200, 302]).toContain(page.statusCode)
  })

  it('exposes Prometheus metrics labelled by route pattern', async () => {
    await app.inject({ method: 'GET', url: '/health' })
    const response = await app.inject({ method: 'GET', url: '/metrics' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toMatch(
      /preau_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\}/,
    )
    expect(response.body).toContain('preau_process_resident_memory_bytes')
  })

  it('reports readiness: database reachable and migrations current', async () => {
    const response = await app.inject({ method: 'GET', url: '/ready' })
    expect(response.json()).toEqual({ status: 'ready', database: 'ok', migrations: 'current' })
  })
})

describe('metrics behind a token', () => {
  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    const database = await createTestDatabase()
    const { app } = await createTestApp(database, { METRICS_TOKEN: 'a-very-long-metrics-token' })
    try {
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401)
      const allowed = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer a-very-long-metrics-token' },
      })
      expect(allowed.statusCode).toBe(200)
    } finally {
      await app.close()
      await database.drop()
    }
  })
})

describe('deny by default at boot', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(async () => {
    await database.drop()
  })

  async function bootWith(register: (app: FastifyInstance) => void): Promise<unknown> {
    const app = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', SMTP_URL: 'smtp://127.0.0.1:9' }),
      db: database.db,
      databaseUrl: database.url,
      secretKey: randomBytes(32),
      runJobs: false,
    })
    register(app)
    try {
      await app.ready()
      return null
    } catch (error) {
      return error
    } finally {
      await app.close()
    }
  }

  it('refuses to boot when a route declares neither a policy nor public', async () => {
    const error = await bootWith((app) => app.get('/api/forgotten', async () => ({})))
    expect(String(error)).toContain('GET /api/forgotten: declares neither a policy nor public: true')
  })

  it('refuses an unknown policy name', async () => {
    const error = await bootWith((app) =>
      // @ts-expect-error a misspelt rule is a type error, and the boot refuses it too
      app.get('/api/typo', { config: { policy: 'portal.veiw' } }, async () => ({})),
    )
    expect(String(error)).toContain('unknown policy portal.veiw')
  })

  for (const inherited of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
    it(`refuses the name of an inherited property (${inherited}), which names no rule`, async () => {
      const error = await bootWith((app) =>
        // @ts-expect-error not a rule's name
        app.get('/api/inherited', { config: { policy: inherited } }, async () => ({})),
      )
      expect(String(error)).toContain(`GET /api/inherited: unknown policy ${inherited}`)
    })
  }

  it('refuses a :collectivityId route that is not collectivity-scoped', async () => {
    const error = await bootWith((app) =>
      app.get(
        '/api/collectivities/:collectivityId/things',
        { config: { policy: 'structures.listCollectivities' } },
        async () => ({}),
      ),
    )
    expect(String(error)).toContain("has :collectivityId but no scope: 'collectivity'")
  })

  it('refuses a :schoolId route that is not school-scoped, so tenancy cannot be forgotten', async () => {
    const error = await bootWith((app) =>
      app.get('/api/schools/:schoolId/things', { config: { policy: 'portal.view' } }, async () => ({})),
    )
    expect(String(error)).toContain("has :schoolId but no scope: 'school'")
  })

  it('boots when every route is declared', async () => {
    expect(await bootWith(() => {})).toBeNull()
  })
})

describe('rules that need a target', () => {
  let database: TestDatabase
  let app: FastifyInstance
  let directorId: string

  beforeAll(async () => {
    database = await createTestDatabase()
    app = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', SMTP_URL: 'smtp://127.0.0.1:9' }),
      db: database.db,
      databaseUrl: database.url,
      secretKey: randomBytes(32),
      runJobs: false,
    })
    // A school rule named by a route without the school scope: the rule has no school to look at.
    app.get('/api/unscoped', { config: { policy: 'structures.manageClasses' } }, async () => ({}))
    await app.ready()
    const collectivity = await buildCollectivity(database.db)
    const school = await buildSchool(database.db, { collectivityId: collectivity.id })
    const director = await buildUser(database.db)
    await addMember(database.db, {
      schoolId: school.id,
      userId: director.id,
      profile: 'teacher',
      director: true,
    })
    directorId = director.id
  })
  afterAll(async () => {
    await app.close()
    await database.drop()
  })

  it('deny without their target, on a route as in a service, and never throw', async () => {
    const client = await TestClient.signedInAs(app, directorId)
    const response = await client.request({ method: 'GET', url: '/api/unscoped' })
    expect(response.statusCode).toBe(403)
    const actor = { isSyndicateAdmin: true } as never
    expect(app.can(actor, 'structures.manageClasses')).toBe(false)
    expect(app.can(actor, 'structures.manageClasses', null)).toBe(false)
    expect(app.can(actor, 'schoolDirectory.import')).toBe(false)
    expect(app.allowedActions(actor, ['structures.manageClasses', 'structures.manageSchoolYears'])).toEqual([
      'structures.manageSchoolYears',
    ])
  })
})
