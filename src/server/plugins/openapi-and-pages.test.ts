import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../testing/test-app.ts'
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts'

type Operation = { security?: unknown[] }

describe('what the API and the pages say about themselves', () => {
  let database: TestDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await createTestDatabase()
    ;({ app } = await createTestApp(database, { PUBLIC_URL: 'https://ent.example.fr' }))
  })
  afterAll(async () => {
    await app.close()
    await database.drop()
  })

  it('declares no security on public operations and the session cookie on every other', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json()
    expect(document.security).toEqual([{ session: [] }])
    expect(document.components.securitySchemes.session).toEqual({
      type: 'apiKey',
      in: 'cookie',
      name: '__Host-preau_session',
    })
    const operations = new Map<string, Operation>()
    for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Operation>>))
      for (const [method, operation] of Object.entries(methods))
        operations.set(`${method.toUpperCase()} ${path.replaceAll(/\{(\w+)\}/g, ':$1')}`, operation)

    const routes = app.routeTable.filter((route) => !route.config?.infrastructure)
    let publicCount = 0
    for (const route of routes) {
      for (const method of route.method.split(',').filter((m) => m !== 'HEAD')) {
        const operation = operations.get(`${method} ${route.url}`)
        if (!operation) continue
        if (route.config?.public) {
          publicCount++
          expect(operation.security, `${method} ${route.url}`).toEqual([])
        } else {
          expect(operation.security, `${method} ${route.url}`).toBeUndefined()
        }
      }
    }
    expect(publicCount).toBeGreaterThan(5)
    for (const open of ['GET /health', 'GET /ready', 'GET /api/auth/csrf', 'POST /api/auth/login'])
      expect(operations.get(open)?.security, open).toEqual([])
    expect(operations.get('GET /api/portal')?.security).toBeUndefined()
  })

  it('gives the page to a probe asking for / or a page path without Accept: text/html', async () => {
    for (const url of ['/', '/ecoles/quelque-chose', '/activation?x=1']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: '*/*' } })
      expect(response.statusCode, url).toBe(200)
      expect(response.headers['content-type'], url).toMatch(/^text\/html/)
      expect(response.body).toContain('<div id="root">')
    }
    const head = await app.inject({ method: 'HEAD', url: '/' })
    expect(head.statusCode).toBe(200)
  })

  it('still answers a missing file or API path with a 404 problem', async () => {
    for (const url of ['/assets/nothing-1234.js', '/favicon-missing.ico', '/api/nothing']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: '*/*' } })
      expect(response.statusCode, url).toBe(404)
      expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/)
    }
  })
})
