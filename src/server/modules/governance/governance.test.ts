import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadGovernanceDemo } from '../../demo/governance.ts'
import { type Mailbox, startMailbox } from '../../testing/mailbox.ts'
import { isPdf, pdfTextLines } from '../../testing/pdf.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'
import { ACTES_NS } from './exports/actes.ts'
import { SCDL_COLUMNS } from './exports/scdl.ts'

type Line = { delegateId: string; name: string; status: string }
const DAY = 86_400_000

describe('the governance register', () => {
  let database: TestDatabase
  let test: TestApp
  let mailbox: Mailbox
  let world: World
  let admin: TestClient
  let seedMeetingId: string
  let nextMeetingId: string

  beforeAll(async () => {
    database = await createTestDatabase()
    mailbox = await startMailbox()
    world = await buildWorld(database.db)
    ;({ seedMeetingId, nextMeetingId } = await loadGovernanceDemo(database.db, new Date(), '255900015'))
    test = await createTestApp(database, { SMTP_URL: mailbox.url, PUBLIC_URL: 'http://ent.example.fr' })
    admin = await TestClient.signedInAs(test.app, world.users.syndicateAdmin)
  })
  afterAll(async () => {
    await test.app.close()
    await mailbox.close()
    await database.drop()
  })

  const idOf = (lines: Line[], name: string) => lines.find((l) => l.name === name)?.delegateId as string

  it('shows the seed’s meeting typed as printed with what it computes: quorum not met, suffrages exprimés 12, adopted', async () => {
    const meeting = (await admin.get(`/api/governance/meetings/${seedMeetingId}`)).json()
    expect(meeting.membersInOffice).toBe(20)
    expect(meeting.quorum).toMatchObject({ required: 11, counted: 10, met: false })
    expect(meeting.proxyIssues).toEqual([])
    expect(meeting.attendanceFlags).toEqual([])
    const [item] = meeting.items
    expect(item).toMatchObject({ present: 10, represented: 4 })
    expect(item.vote).toMatchObject({ exprimes: 12, outcome: 'adopted' })
    expect(item.vote.wording).toBe('Adopté à l’unanimité des suffrages exprimés (2 abstentions)')
    expect(item.flags.map((f: { field: string }) => f.field)).toEqual(['quorum', 'exprimes'])
    expect(item.flags[1]).toMatchObject({ typed: '14', computed: '12' })
    expect(item.deliberation.number).toBe('2019-12')
  })

  it('gives the demo’s bureau its president and four titulaires of the comité', async () => {
    const bureau = await database.db
      .selectFrom('governanceBodies')
      .select('id')
      .where('kind', '=', 'bureau')
      .executeTakeFirstOrThrow()
    const response = await admin.get(`/api/governance/bodies/${bureau.id}`)
    expect(response.statusCode).toBe(200)
    const delegates = (response.json() as { delegates: { lastName: string; seat: string }[] }).delegates
    expect(delegates).toHaveLength(5)
    expect(delegates.map((d) => d.lastName)).toContain('COULON')
    expect(delegates.every((d) => d.seat === 'titulaire')).toBe(true)
  })

  it('prints the certified extract of 2019-12 in the layout of the register', async () => {
    const meeting = (await admin.get(`/api/governance/meetings/${seedMeetingId}`)).json()
    const response = await admin.get(
      `/api/governance/deliberations/${meeting.items[0].deliberation.id}/extrait.pdf`,
    )
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/pdf')
    expect(isPdf(response.rawPayload)).toBe(true)
    const text = pdfTextLines(response.rawPayload).join(' ')
    for (const expected of [
      'DÉLIBÉRATION 2019-12',
      'EXTRAIT DU REGISTRE',
      'vingt-six juin deux mille dix-neuf',
      'M. Gérard PHILIPPE',
      'Pour extrait conforme',
      'Christophe COULON',
      'Suffrages exprimés : 12',
      'Transmis au contrôle de légalité le',
    ]) {
      // Justified lines are drawn word by word: compare without spaces.
      expect(text.replace(/\s+/g, '')).toContain(expected.replace(/\s+/g, ''))
    }
  })

  it('prints the procès-verbal of the meeting with its flags', async () => {
    const response = await admin.get(`/api/governance/meetings/${seedMeetingId}/proces-verbal.pdf`)
    expect(response.statusCode).toBe(200)
    const text = pdfTextLines(response.rawPayload).join('').replace(/\s+/g, '')
    for (const expected of [
      'PROCÈS-VERBAL DE LA SÉANCE',
      'Délibération n° 2019-12',
      'Écart relevé au registre',
      'Suffrages exprimés : 12',
    ]) {
      expect(text.toLowerCase()).toContain(expected.replace(/\s+/g, '').toLowerCase())
    }
  })

  it('refuses a proxy to an absent delegate and a second proxy to one holder, and follows the quorum live', async () => {
    let meeting = (await admin.get(`/api/governance/meetings/${nextMeetingId}`)).json()
    const lines: Line[] = meeting.attendance
    const coulon = idOf(lines, 'Christophe COULON')
    const put = (name: string, body: Record<string, unknown>) =>
      admin.put(`/api/governance/meetings/${nextMeetingId}/attendance/${idOf(lines, name)}`, body)
    const toAbsent = await put('Nicolas BERTIN', { status: 'excused', proxyHolderId: coulon })
    expect(toAbsent.statusCode).toBe(400)
    expect(toAbsent.json().detail).toBe(
      'La procuration de Nicolas BERTIN est donnée à Christophe COULON, qui n’est pas présent.',
    )
    expect((await put('Christophe COULON', { status: 'present' })).statusCode).toBe(200)
    expect((await put('Nicolas BERTIN', { status: 'excused', proxyHolderId: coulon })).statusCode).toBe(200)
    const second = await put('Guillaume DELBAR', { status: 'excused', proxyHolderId: coulon })
    expect(second.statusCode).toBe(400)
    expect(second.json().detail).toContain('le maximum autorisé')
    for (const name of [
      'Charles BAREGE',
      'Annie DEFOSSE',
      'André FIGOUREUX',
      'Anthony JOUVENEL',
      'Gérard PHILIPPE',
      'Martine FILLEUL',
      'Luc MONNET',
      'Anne VANPEENE',
      'Bénédicte MESSEANNE-GROBELNY',
    ]) {
      meeting = (await put(name, { status: 'present' })).json()
    }
    expect(meeting.quorum).toMatchObject({ required: 11, counted: 10, met: false })
    meeting = (await put('Jean-Marc GOSSET', { status: 'present' })).json()
    expect(meeting.quorum).toMatchObject({ counted: 11, met: true })
    expect(meeting.quorum.sentence).toBe(
      'Le quorum étant atteint, le comité syndical peut valablement délibérer.',
    )
  })

  it('refuses a vote with more voters than members present and represented, and computes the result', async () => {
    const meeting = (await admin.get(`/api/governance/meetings/${nextMeetingId}`)).json()
    const item = meeting.items[1]
    const max = item.present + item.represented
    const tooMany = await admin.put(`/api/governance/items/${item.id}/vote`, {
      mode: 'totals',
      totals: { pour: max, contre: 1, abstention: 0, blancNul: 0, neParticipePas: 0 },
    })
    expect(tooMany.statusCode).toBe(400)
    expect(tooMany.json().detail).toBe(
      `${max + 1} votes pour ${max} membres présents ou représentés : c’est impossible.`,
    )
    const voted = await admin.put(`/api/governance/items/${item.id}/vote`, {
      mode: 'totals',
      totals: { pour: 8, contre: 3, abstention: 1, blancNul: 0, neParticipePas: 0 },
    })
    expect(voted.statusCode).toBe(200)
    expect(voted.json().items[1].vote).toMatchObject({
      exprimes: 11,
      outcome: 'adopted',
      wording: 'Adopté à la majorité des suffrages exprimés (8 voix pour, 3 voix contre, 1 abstention)',
    })
  })

  it('numbers a deliberation in its year, publishes it, then changes it only through a new version', async () => {
    const meeting = (await admin.get(`/api/governance/meetings/${nextMeetingId}`)).json()
    const item = meeting.items[1]
    const year = new Date(meeting.heldAt).getUTCFullYear()
    const text = {
      object: 'Contributions des membres',
      visas: ['le CGCT ;'],
      considerants: [],
      articles: ['FIXE les contributions.'],
      annexes: ['Tableau des contributions'],
    }
    const saved = await admin.put(`/api/governance/items/${item.id}/deliberation`, text)
    expect(saved.statusCode).toBe(200)
    const deliberation = saved.json()
    expect(deliberation.number).toBe(`${year}-1`)
    expect((await admin.post(`/api/governance/deliberations/${deliberation.id}/publish`)).statusCode).toBe(
      200,
    )
    const edit = await admin.put(`/api/governance/items/${item.id}/deliberation`, {
      ...text,
      object: 'Autre objet',
    })
    expect(edit.statusCode).toBe(409)
    expect(edit.json().detail).toContain('nouvelle version')
    const version = await admin.post(`/api/governance/deliberations/${deliberation.id}/versions`, {
      ...text,
      object: 'Contributions des membres (rectifiée)',
    })
    expect(version.json()).toMatchObject({
      version: 2,
      object: 'Contributions des membres (rectifiée)',
      number: `${year}-1`,
    })
    expect(version.json().previousVersions).toHaveLength(1)

    const published = (await new TestClient(test.app).get('/api/public/deliberations')).json().deliberations
    expect(published.map((d: { number: string }) => d.number)).toEqual([`${year}-1`, '2019-12'])
    const extract = await new TestClient(test.app).get(
      `/api/public/deliberations/${deliberation.id}/extrait.pdf`,
    )
    expect(extract.statusCode).toBe(200)
  })

  it('exports the @CTES act and envelope in the ACTES namespace, and the SCDL register', async () => {
    const meeting = (await admin.get(`/api/governance/meetings/${seedMeetingId}`)).json()
    const id = meeting.items[0].deliberation.id
    const act = await admin.get(`/api/governance/deliberations/${id}/actes/acte`)
    expect(act.headers['content-disposition']).toContain('059-255900015-20190626-2019_12-DE-1-1_0.xml')
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' })
    const parsedAct = parser.parse(act.body)['actes:Acte']
    expect(parsedAct['@xmlns:actes']).toBe(ACTES_NS)
    expect(parsedAct).toMatchObject({
      '@actes:Date': '2019-06-26',
      '@actes:NumeroInterne': '2019-12',
      '@actes:CodeNatureActe': '1',
      'actes:CodeMatiere1': { '@actes:CodeMatiere': '8' },
      'actes:CodeMatiere2': { '@actes:CodeMatiere': '1' },
      'actes:Document': { 'actes:NomFichier': '059-255900015-20190626-2019_12-DE-1-1_1.pdf' },
      'actes:Annexes': { '@actes:Nombre': '2' },
    })
    const envelope = parser.parse(
      (await admin.get(`/api/governance/deliberations/${id}/actes/enveloppe`)).body,
    )['actes:EnveloppeCLMISILL']
    expect(envelope['@xmlns:actes']).toBe(ACTES_NS)
    expect(envelope['actes:Emetteur']['actes:IDCL']).toMatchObject({
      '@insee:SIREN': '255900015',
      '@actes:Departement': '059',
    })
    expect(envelope['actes:FormulairesEnvoyes']['actes:Formulaire']['actes:NomFichier']).toBe(
      '059-255900015-20190626-2019_12-DE-1-1_0.xml',
    )

    const csv = (await new TestClient(test.app).get('/api/public/deliberations.csv')).body.split('\r\n')
    expect(csv[0]).toBe(SCDL_COLUMNS.join(','))
    const seedLine = csv.find((l) => l.includes(',2019-12,'))
    expect(seedLine).toContain(',2019-06-26,8.1,Enseignement,')
    expect(seedLine).toContain(',20,14,12,0,2,http://ent.example.fr/api/public/deliberations/')
  })

  it('sends the convocation by e-mail from a job, records each acknowledgement, and refuses one sent too late', async () => {
    const sent = await admin.post(`/api/governance/meetings/${nextMeetingId}/convocation`, {
      channel: 'email',
    })
    expect(sent.statusCode).toBe(200)
    const mail = await mailbox.waitFor((m) => m.subject?.startsWith('Convocation : Comité syndical') ?? false)
    const link = /http:\/\/ent\.example\.fr(\/api\/public\/convocations\/[^\s]+\/accuse)/.exec(
      mail.text ?? '',
    )?.[1]
    expect(link).toBeDefined()
    expect(mail.text).toContain('Contributions des membres pour l’année à venir')
    const ack = await new TestClient(test.app).get(link as string)
    expect(ack.statusCode).toBe(200)
    expect(ack.body).toContain('accusé de réception')
    await expect
      .poll(
        async () => (await admin.get(`/api/governance/meetings/${nextMeetingId}`)).json().convocationSentAt,
        { timeout: 15_000 },
      )
      .not.toBeNull()
    const meeting = (await admin.get(`/api/governance/meetings/${nextMeetingId}`)).json()
    expect(
      meeting.attendance.filter((l: { acknowledgedAt: string | null }) => l.acknowledgedAt),
    ).toHaveLength(1)
    expect(meeting.convocation).toMatchObject({ ok: true })
    expect(
      (await admin.post(`/api/governance/meetings/${nextMeetingId}/convocation`, { channel: 'paper' }))
        .statusCode,
    ).toBe(400)

    const soon = await admin.post('/api/governance/meetings', {
      bodyId: meeting.bodyId,
      heldAt: new Date(Date.now() + 3 * DAY).toISOString(),
      place: 'au siège',
    })
    expect(soon.statusCode).toBe(201)
    await admin.post(`/api/governance/meetings/${soon.json().id}/items`, { title: 'Budget' })
    const late = await admin.post(`/api/governance/meetings/${soon.json().id}/convocation`, {
      channel: 'paper',
    })
    expect(late.statusCode).toBe(400)
    expect(late.json().detail).toMatch(
      /^La convocation doit partir au moins 5 jours francs avant la séance ; envoyée le .+, elle n’en laisse que 2\.$/,
    )
  })

  it('lets only the syndicate’s administrators and delegates read the register, and audits each change', async () => {
    const teacher = await TestClient.signedInAs(test.app, world.users.teacher)
    expect((await teacher.get('/api/governance/meetings')).statusCode).toBe(403)
    expect(
      (
        await teacher.put(`/api/governance/meetings/${nextMeetingId}/typed-attendance`, {
          present: 1,
          absent: 0,
          excused: 0,
          proxies: 0,
        })
      ).statusCode,
    ).toBe(403)
    await database.db
      .updateTable('governanceDelegates')
      .set({ userId: world.users.teacher })
      .where('lastName', '=', 'MONNET')
      .execute()
    expect((await teacher.get('/api/governance/meetings')).statusCode).toBe(200)
    const audit = (await admin.get('/api/admin/audit?action=governance.recordAttendance')).json()
    expect(audit.entries.length).toBeGreaterThan(5)
  })
})
