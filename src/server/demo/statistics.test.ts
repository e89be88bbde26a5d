import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../testing/test-app.ts'
import { TestClient } from '../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts'
import type { DemoDeployment } from './demo-deployment.ts'
import { loadDemoDeployment } from './load-demo.ts'

describe('the demo deployment’s usage and register', () => {
  let database: TestDatabase
  let test: TestApp
  let demo: DemoDeployment
  const today = new Date('2026-12-07T10:00:00Z')

  beforeAll(async () => {
    database = await createTestDatabase()
    demo = await loadDemoDeployment(database.db, today)
    test = await createTestApp(database)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  const signedIn = (label: string) => {
    const login = demo.showcase.find((s) => s.label.startsWith(label))!.login
    return TestClient.signedInAs(test.app, demo.users.find((u) => u.login === login)!.id)
  }

  it('gives the syndicate three months of curves: busy school days, quiet weekends and holidays', async () => {
    const admin = await signedIn('Administrateur·rice du syndicat')
    const body = (await admin.get('/api/statistics/syndicate?from=2026-09-07&to=2026-12-06')).json()
    const perDay = new Map<string, number>()
    for (const row of body.connections) perDay.set(row.day, (perDay.get(row.day) ?? 0) + row.connections)
    expect(perDay.size).toBeGreaterThan(60)
    const monday = perDay.get('2026-11-30') ?? 0
    const sunday = perDay.get('2026-11-29') ?? 0
    expect(monday).toBeGreaterThan(3 * sunday)
    expect(perDay.get('2026-10-27') ?? 0).toBeLessThan(monday / 3)
    expect(body.applications.map((a: { service: string }) => a.service)).toContain('Annuaire')
    expect(body.activation.length).toBe(demo.schools.length)
  })

  it('gives the showcased director their school’s dashboard, and the IEN her circonscription', async () => {
    const director = await signedIn('Directeur·rice')
    const areas = (await director.get('/api/statistics/areas')).json().areas
    expect(areas).toHaveLength(1)
    const school = (await director.get(`/api/schools/${areas[0].id}/statistics`)).json()
    expect(school.connections.some((r: { connections: number | null }) => (r.connections ?? 0) >= 5)).toBe(
      true,
    )

    const ien = await signedIn('IEN')
    const circonscription = (await ien.get('/api/statistics/areas'))
      .json()
      .areas.find((a: { kind: string }) => a.kind === 'circonscription')
    expect(circonscription).toBeDefined()
    const response = await ien.get(
      `/api/statistics/circonscriptions/${encodeURIComponent(circonscription.id)}`,
    )
    expect(response.statusCode).toBe(200)
  })

  it('opens with the ENT’s register of processing activities', async () => {
    const register = (await new TestClient(test.app).get('/api/data-protection/register')).json()
    expect(register.activities.map((a: { name: string }) => a.name)).toContain('Statistiques d’usage')
  })
})
