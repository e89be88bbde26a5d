import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../testing/test-app.ts'
import { TestClient } from '../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts'
import type { DemoDeployment } from './demo-deployment.ts'
import { loadDemoDeployment } from './load-demo.ts'

const year = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 4))

/** The demo's back-office: every persona concerned finds members, contributions and the académie in use. */
describe('the demo’s members and contributions', () => {
  let database: TestDatabase
  let test: TestApp
  let demo: DemoDeployment

  beforeAll(async () => {
    database = await createTestDatabase()
    demo = await loadDemoDeployment(database.db)
    test = await createTestApp(database)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  const as = (label: string) => {
    const login = demo.showcase.find((entry) => entry.label.startsWith(label))!.login
    return TestClient.signedInAs(test.app, demo.users.find((user) => user.login === login)!.id)
  }

  it('gives the finance officer two adopted years, this one computed, and next year’s draft', async () => {
    const admin = await as('Administrateur·rice du syndicat')
    const { rules } = (await admin.get('/api/contributions/rules')).json()
    expect(rules.map((rule: { year: number; status: string }) => [rule.year, rule.status])).toEqual([
      [year + 1, 'draft'],
      [year, 'adopted'],
      [year - 1, 'adopted'],
    ])
    const current = rules[1]
    expect(current.computation.members).toBe(2)
    const computed = (await admin.get(`/api/contributions/rules/${current.id}/computation`)).json()
    expect(computed.lines.every((line: { amountCents: number }) => line.amountCents >= 100_000)).toBe(true)
    const simulation = (await admin.get(`/api/contributions/rules/${rules[0].id}/simulation`)).json()
    expect(simulation.previousTotalCents).toBe(computed.totalCents)
  })

  it('shows the IEN her circonscription’s three schools and their deployment', async () => {
    const ien = await as('IEN de circonscription')
    const { circonscriptions } = (await ien.get('/api/academie/circonscriptions')).json()
    expect(circonscriptions).toHaveLength(1)
    expect(circonscriptions[0].schools.map((school: { status: string }) => school.status).sort()).toEqual([
      'open',
      'open',
      'preparing',
    ])
  })

  it('shows a collectivity’s administrator their adhesion and schools', async () => {
    const admin = await as('Administrateur·rice — ')
    const { members } = (await admin.get('/api/members')).json()
    expect(members).toHaveLength(1)
    expect(members[0].adhesion.deliberation.reference).toBe('2019-18')
    expect(members[0].openSchools).toBe(2)
  })
})
