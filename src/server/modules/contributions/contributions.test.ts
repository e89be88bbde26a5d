import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CALL_CSV_COLUMNS } from '../../../contract/contributions.ts'
import { addMember, buildClass, buildCollectivity, buildSchool, buildUser } from '../../testing/factories.ts'
import { isPdf, pdfTextLines } from '../../testing/pdf.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'

const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' })
const year = Number(today.slice(0, 4))
const deliberation = { reference: `${year}-04`, date: `${year}-01-20` }
const rates = {
  perMemberCents: 50_000,
  perSchoolCents: 20_000,
  perClassCents: 3_000,
  perPupilAccountCents: 150,
  perInhabitantCents: 5,
}

describe('the members’ contributions', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  let admin: TestClient
  let noSchoolsId: string
  let ruleId: string

  const rules = async () => (await admin.get('/api/contributions/rules')).json().rules
  const adhere = (memberId: string, adheredOn: string, population: number) =>
    admin.put(`/api/members/${memberId}/adhesion`, {
      adheredOn,
      deliberation: { reference: '2019-12', date: '2019-06-26' },
      population,
      populationYear: year - 3,
    })

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    test = await createTestApp(database)
    admin = await TestClient.signedInAs(test.app, world.users.syndicateAdmin)
    // Commune A: 1 school, 2 classes, 2 pupils (the world), 4 200 inhabitants. Commune B stays outside.
    expect((await adhere(world.own.collectivityId, '2019-09-01', 4_200)).statusCode).toBe(204)
    // A member without any school.
    const empty = await buildCollectivity(database.db, { name: 'Commune sans école' })
    noSchoolsId = empty.id
    expect((await adhere(noSchoolsId, '2018-01-01', 300)).statusCode).toBe(204)
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  it('records a draft rule for a year, and refuses a second one for the same year, changing nothing', async () => {
    const created = await admin.post('/api/contributions/rules', { year, referenceOn: today, ...rates })
    expect(created.statusCode).toBe(201)
    ruleId = created.json().id
    const again = await admin.post('/api/contributions/rules', {
      year,
      referenceOn: today,
      perMemberCents: 1,
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toContain(`Une règle est déjà en projet ou adoptée pour ${year}`)
    expect(await rules()).toHaveLength(1)
  })

  it('refuses negative amounts, a floor above the cap and a reference date outside the year, in French', async () => {
    const negative = await admin.post('/api/contributions/rules', {
      year: year + 1,
      referenceOn: today,
      perSchoolCents: -1,
    })
    expect(negative.statusCode).toBe(400)
    expect(JSON.stringify(negative.json())).toContain('Le montant par école ne peut être négatif.')
    const bounds = await admin.post('/api/contributions/rules', {
      year: year + 1,
      referenceOn: today,
      perMemberCents: 1,
      floorCents: 10,
      capCents: 5,
    })
    expect(bounds.json().detail).toBe('Le plancher dépasse le plafond.')
    const outside = await admin.post('/api/contributions/rules', {
      year: year + 3,
      referenceOn: today,
      perMemberCents: 1,
    })
    expect(outside.json().detail).toBe(`La date de référence doit tomber en ${year + 2} ou en ${year + 3}.`)
    expect(await rules()).toHaveLength(1)
  })

  it('simulates the draft on today’s counts, every criterion in the breakdown', async () => {
    const simulation = (await admin.get(`/api/contributions/rules/${ruleId}/simulation`)).json()
    const commune = simulation.lines.find(
      (line: { memberId: string }) => line.memberId === world.own.collectivityId,
    )
    // 500 € + 1 × 200 € + 2 × 30 € + 2 × 1,50 € + 4 200 × 0,05 € = 973,00 €
    expect(commune.amountCents).toBe(97_300)
    expect(commune.counts).toMatchObject({ schools: 1, classes: 2, pupilAccounts: 2, population: 4_200 })
    expect(commune.breakdown.map((item: { part: string }) => item.part)).toEqual([
      'perMember',
      'perSchool',
      'perClass',
      'perPupilAccount',
      'perInhabitant',
    ])
    expect(simulation.previousTotalCents).toBeNull()
    expect(simulation.lines.map((line: { memberId: string }) => line.memberId)).not.toContain(
      world.other.collectivityId,
    )
  })

  it('computes and exports nothing before the rule is adopted', async () => {
    const compute = await admin.post(`/api/contributions/rules/${ruleId}/computation`)
    expect(compute.statusCode).toBe(409)
    expect(compute.json().detail).toContain('Adoptez la règle')
    const csv = await admin.get(`/api/contributions/rules/${ruleId}/call-for-funds.csv`)
    expect(csv.statusCode).toBe(409)
    expect(csv.json().detail).toContain('n’existe que pour une règle adoptée')
  })

  it('adopts the draft with its deliberation; an adopted rule is no longer edited', async () => {
    expect(
      (await admin.post(`/api/contributions/rules/${ruleId}/adoption`, { deliberation })).statusCode,
    ).toBe(204)
    const [rule] = await rules()
    expect(rule).toMatchObject({ status: 'adopted', version: 1, deliberation })
    const edit = await admin.put(`/api/contributions/rules/${ruleId}`, {
      year,
      referenceOn: today,
      perMemberCents: 1,
    })
    expect(edit.statusCode).toBe(409)
    expect(edit.json().detail).toContain('Une règle adoptée ne se modifie pas')
    expect((await rules())[0].perMemberCents).toBe(50_000)
  })

  it('refuses to compute while a member has no school, and freezes nothing', async () => {
    const refused = await admin.post(`/api/contributions/rules/${ruleId}/computation`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().detail).toContain('Commune sans école')
    const missing = await admin.get(`/api/contributions/rules/${ruleId}/computation`)
    expect(missing.statusCode).toBe(409)
    expect(missing.json().detail).toContain('aucun relevé des effectifs n’est figé')
    const snapshots = await database.db.selectFrom('contributionSnapshots').select('id').execute()
    expect(snapshots).toEqual([])
  })

  it('computes from frozen counts: a later import changes the simulation, not the computation', async () => {
    // The member without a school left before the year: it owes nothing this year.
    const left = await admin.put(`/api/members/${noSchoolsId}/withdrawal`, {
      withdrawnOn: `${year}-01-01`,
      deliberation: { reference: `${year - 1}-30`, date: `${year - 1}-11-20` },
    })
    expect(left.statusCode).toBe(204)
    expect((await admin.post(`/api/contributions/rules/${ruleId}/computation`)).statusCode).toBe(204)
    const first = (await admin.get(`/api/contributions/rules/${ruleId}/computation`)).json()
    expect(first.totalCents).toBe(97_300)
    expect(first.lines).toHaveLength(1)

    // An import brings a class and a pupil into the commune's school, and a second school.
    const klass = await buildClass(database.db, { schoolId: world.own.id, name: 'CP A' })
    const pupil = await buildUser(database.db, { firstName: 'Nouvel', lastName: 'Élève' })
    await addMember(database.db, {
      schoolId: world.own.id,
      userId: pupil.id,
      profile: 'pupil',
      classId: klass.id,
    })
    await buildSchool(database.db, { collectivityId: world.own.collectivityId, name: 'École neuve' })

    expect((await admin.post(`/api/contributions/rules/${ruleId}/computation`)).statusCode).toBe(204)
    const again = (await admin.get(`/api/contributions/rules/${ruleId}/computation`)).json()
    expect(again.lines).toEqual(first.lines)
    expect(again.totalCents).toBe(97_300)
    const simulation = (await admin.get(`/api/contributions/rules/${ruleId}/simulation`)).json()
    expect(simulation.totalCents).toBe(97_300 + 20_000 + 3_000 + 150)
  })

  it('changes an adopted year only through a new version, keeping the old one, its reason and its amounts', async () => {
    const noReason = await admin.post(`/api/contributions/rules/${ruleId}/versions`, {
      ...rates,
      referenceOn: today,
      deliberation,
      reason: '',
    })
    expect(noReason.statusCode).toBe(400)
    const revised = await admin.post(`/api/contributions/rules/${ruleId}/versions`, {
      ...rates,
      perMemberCents: 60_000,
      referenceOn: today,
      deliberation: { reference: `${year}-09`, date: today },
      reason: 'Forfait porté à 600 € après le vote du budget supplémentaire',
    })
    expect(revised.statusCode).toBe(201)
    const newId = revised.json().id
    const all = await rules()
    expect(all.map((rule: { version: number; status: string }) => [rule.version, rule.status])).toEqual([
      [2, 'adopted'],
      [1, 'superseded'],
    ])
    expect(all[0].reason).toBe('Forfait porté à 600 € après le vote du budget supplémentaire')
    // The new version uses the counts frozen for the year, not today's.
    expect((await admin.post(`/api/contributions/rules/${newId}/computation`)).statusCode).toBe(204)
    expect((await admin.get(`/api/contributions/rules/${newId}/computation`)).json().totalCents).toBe(107_300)
    expect((await admin.get(`/api/contributions/rules/${ruleId}/computation`)).json().totalCents).toBe(97_300)
    const stale = await admin.get(`/api/contributions/rules/${ruleId}/call-for-funds.csv`)
    expect(stale.statusCode).toBe(409)
    ruleId = newId
  })

  it('issues the call for funds: a PDF notice per member and a CSV for the accounting software, audited', async () => {
    const notice = await admin.get(
      `/api/contributions/rules/${ruleId}/members/${world.own.collectivityId}/notice.pdf`,
    )
    expect(notice.statusCode).toBe(200)
    expect(notice.headers['content-type']).toBe('application/pdf')
    expect(isPdf(notice.rawPayload)).toBe(true)
    const text = pdfTextLines(notice.rawPayload).join('\n')
    expect(text).toContain('Commune A')
    expect(text).toContain(`Appel de contribution ${year}`)
    expect(text).toContain('1 073,00 €')
    const outsider = await admin.get(
      `/api/contributions/rules/${ruleId}/members/${world.other.collectivityId}/notice.pdf`,
    )
    expect(outsider.statusCode).toBe(404)

    const csv = await admin.get(`/api/contributions/rules/${ruleId}/call-for-funds.csv`)
    expect(csv.statusCode).toBe(200)
    const [header, line] = csv.body.replace('\ufeff', '').trim().split('\r\n')
    expect(header).toBe(CALL_CSV_COLUMNS.join(';'))
    expect(line?.split(';')).toEqual([
      String(year),
      '2',
      `${year}-09`,
      today,
      expect.stringMatching(/^\d{9}$/),
      'Commune A',
      '107300',
      '1073,00',
      String(line?.split(';')[8]),
      String(line?.split(';')[9]),
      today,
      `Contribution ${year} au syndicat`,
    ])
    const audit = (await admin.get('/api/admin/audit?action=contributions.exportCalls')).json()
    expect(
      audit.entries.map((entry: { details: { format: string } }) => entry.details.format).sort(),
    ).toEqual(['csv', 'pdf'])
    const computed = (await admin.get('/api/admin/audit?action=contributions.compute')).json()
    expect(computed.entries.length).toBeGreaterThanOrEqual(3)
  })

  it('lets a collectivity’s agents read their own calls (amount, breakdown, PDF notice) and nothing of another member', async () => {
    const agent = await TestClient.signedInAs(test.app, world.users.collectivityAgent)
    const own = world.own.collectivityId
    const response = await agent.get(`/api/contributions/members/${own}`)
    expect(response.statusCode).toBe(200)
    const { calls } = response.json()
    // The version in force only, with the member's line alone and no total of the year.
    expect(calls.map((call: { rule: { year: number; version: number } }) => call.rule.version)).toEqual([2])
    expect(calls[0].rule.computation).toBeNull()
    expect(calls[0].lines).toHaveLength(1)
    expect(calls[0].lines[0]).toMatchObject({ memberId: own, name: 'Commune A', amountCents: 107_300 })
    expect(calls[0].lines[0].breakdown.map((item: { part: string }) => item.part)).toEqual(
      expect.arrayContaining(['perMember', 'perSchool', 'perClass', 'perPupilAccount', 'perInhabitant']),
    )
    const notice = await agent.get(`/api/contributions/members/${own}/rules/${ruleId}/notice.pdf`)
    expect(notice.statusCode).toBe(200)
    expect(pdfTextLines(notice.rawPayload).join('\n')).toContain('1 073,00 €')
    const superseded = (await rules()).find((rule: { status: string }) => rule.status === 'superseded')
    expect(
      (await agent.get(`/api/contributions/members/${own}/rules/${superseded.id}/notice.pdf`)).statusCode,
    ).toBe(404)

    const other = world.other.collectivityId
    const refused = await agent.get(`/api/contributions/members/${other}`)
    expect(refused.statusCode).toBe(404)
    expect(refused.json().detail).toBe('Membre introuvable.')
    expect(
      (await agent.get(`/api/contributions/members/${other}/rules/${ruleId}/notice.pdf`)).statusCode,
    ).toBe(404)
    // The finance officer's API stays the syndicate's.
    expect((await agent.get(`/api/contributions/rules/${ruleId}/computation`)).statusCode).toBe(403)
  })

  it('refuses to freeze counts at a reference date still to come, changing nothing', async () => {
    const later = await admin.post('/api/contributions/rules', {
      year: year + 2,
      referenceOn: `${year + 2}-01-15`,
      ...rates,
    })
    const id = later.json().id
    expect((await admin.post(`/api/contributions/rules/${id}/adoption`, { deliberation })).statusCode).toBe(
      204,
    )
    const refused = await admin.post(`/api/contributions/rules/${id}/computation`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().detail).toBe(
      `La date de référence (${year + 2}-01-15) est à venir : les effectifs ne peuvent pas encore être figés.`,
    )
    expect((await admin.get(`/api/contributions/rules/${id}/computation`)).statusCode).toBe(409)
  })

  it('shows last year’s amounts beside next year’s draft', async () => {
    const draft = await admin.post('/api/contributions/rules', {
      year: year + 1,
      referenceOn: today,
      ...rates,
    })
    const simulation = (await admin.get(`/api/contributions/rules/${draft.json().id}/simulation`)).json()
    expect(simulation.previousYear).toBe(year)
    expect(simulation.previousTotalCents).toBe(107_300)
    expect(simulation.lines[0].previousCents).toBe(107_300)
  })
})
