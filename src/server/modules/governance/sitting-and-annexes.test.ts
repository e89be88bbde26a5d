import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadGovernanceDemo } from '../../demo/governance.ts'
import { multipartBody, multipartHeaders, PDF, PNG, TEXT } from '../../plugins/blobs/blob-test-kit.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'

type Line = { delegateId: string; name: string; status: string }
type Meeting = {
  id: string
  attendance: Line[]
  delegates: { id: string; seat: string; lastName: string }[]
  items: {
    id: string
    position: number
    present: number
    represented: number
    quorum: { met: boolean; counted: number; required: number }
    vote: { wording: string; totals: Record<string, number> } | null
    deliberation: { id: string } | null
  }[]
  movements: { id: string }[]
}

/** Eleven of the comité's twenty titulaires: the quorum exactly. */
const ELEVEN = [
  'Charles BAREGE',
  'Christophe COULON',
  'Annie DEFOSSE',
  'André FIGOUREUX',
  'Anthony JOUVENEL',
  'Gérard PHILIPPE',
  'Martine FILLEUL',
  'Luc MONNET',
  'Anne VANPEENE',
  'Bénédicte MESSEANNE-GROBELNY',
  'Jean-Marc GOSSET',
]

describe('the meeting in the room, annexes, publication and the bodies’ rules', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  let admin: TestClient
  let bodyId: string

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    await loadGovernanceDemo(database.db, new Date(), '255900015')
    test = await createTestApp(database)
    admin = await TestClient.signedInAs(test.app, world.users.syndicateAdmin)
    const list = (await admin.get('/api/governance/meetings')).json()
    bodyId = list.bodies.find((b: { kind: string }) => b.kind === 'comite').id
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  /** A new meeting of the comité with `items` items and the given delegates present. */
  async function meetingWith(
    present: string[],
    items: string[],
    secondConvocation = false,
  ): Promise<Meeting> {
    const created = await admin.post('/api/governance/meetings', {
      bodyId,
      heldAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      place: 'au siège',
      secondConvocation,
    })
    expect(created.statusCode).toBe(201)
    let meeting: Meeting = created.json()
    for (const title of items)
      meeting = (await admin.post(`/api/governance/meetings/${meeting.id}/items`, { title })).json()
    for (const name of present) meeting = (await attend(meeting, name, { status: 'present' })).json()
    return meeting
  }
  const idOf = (meeting: Meeting, name: string) =>
    meeting.attendance.find((l) => l.name === name)?.delegateId as string
  const attend = (meeting: Meeting, name: string, body: Record<string, unknown>) =>
    admin.put(`/api/governance/meetings/${meeting.id}/attendance/${idOf(meeting, name)}`, body)
  const deliberate = async (itemId: string) =>
    (
      await admin.put(`/api/governance/items/${itemId}/deliberation`, {
        object: 'Adhésion au groupement de commandes',
        visas: ['le CGCT ;'],
        considerants: [],
        articles: ['APPROUVE l’adhésion.'],
      })
    ).json()

  it('follows arrivals, departures and withdrawals item by item, with the quorum of each', async () => {
    let meeting = await meetingWith(ELEVEN, ['Budget', 'Tarifs', 'Marché'])
    expect(meeting.items.map((i) => i.quorum.met)).toEqual([true, true, true])
    const departure = await admin.post(`/api/governance/meetings/${meeting.id}/movements`, {
      delegateId: idOf(meeting, 'Luc MONNET'),
      kind: 'departure',
      beforeItem: 2,
    })
    expect(departure.statusCode).toBe(201)
    meeting = departure.json()
    expect(meeting.items.map((i) => i.present)).toEqual([11, 10, 10])
    expect(meeting.items.map((i) => i.quorum.met)).toEqual([true, false, false])
    meeting = (
      await admin.post(`/api/governance/meetings/${meeting.id}/movements`, {
        delegateId: idOf(meeting, 'Nicolas BERTIN'),
        kind: 'arrival',
        beforeItem: 3,
      })
    ).json()
    expect(meeting.items.map((i) => i.present)).toEqual([11, 10, 11])

    const withdrawal = await admin.put(`/api/governance/items/${meeting.items[0]?.id}/withdrawals`, {
      withdrawn: [idOf(meeting, 'Anne VANPEENE')],
    })
    expect(withdrawal.statusCode).toBe(200)
    meeting = withdrawal.json()
    expect(meeting.items[0]).toMatchObject({ present: 10, quorum: { met: false, counted: 10, required: 11 } })

    const wrongItem = await admin.post(`/api/governance/meetings/${meeting.id}/movements`, {
      delegateId: idOf(meeting, 'Luc MONNET'),
      kind: 'arrival',
      beforeItem: 9,
    })
    expect(wrongItem.statusCode).toBe(400)
    expect(wrongItem.json().detail).toBe('Ce point n’est pas à l’ordre du jour de la séance.')
    const stranger = await admin.put(`/api/governance/items/${meeting.items[0]?.id}/withdrawals`, {
      withdrawn: [meeting.delegates.find((d) => d.seat === 'suppleant')?.id],
    })
    expect(stranger.statusCode).toBe(400)

    const undone = await admin.delete(
      `/api/governance/meetings/${meeting.id}/movements/${meeting.movements[0]?.id}`,
    )
    expect(undone.json().items.map((i: { present: number }) => i.present)).toEqual([10, 11, 12])
  })

  it('records a roll-call where a proxy holder votes twice, and a secret ballot with blank votes', async () => {
    let meeting = await meetingWith(ELEVEN, ['Budget', 'Élection du vice-président'])
    meeting = (
      await attend(meeting, 'Nicolas BERTIN', {
        status: 'excused',
        proxyHolderId: idOf(meeting, 'Gérard PHILIPPE'),
      })
    ).json()
    const [budget, election] = meeting.items
    const present = ELEVEN.map((name) => idOf(meeting, name))
    const ballots = present.map((voterId, index) => ({
      voterId,
      onBehalfOf: null,
      choice: index < 8 ? 'pour' : index < 10 ? 'contre' : 'abstention',
    }))
    const philippe = idOf(meeting, 'Gérard PHILIPPE')
    const bertin = idOf(meeting, 'Nicolas BERTIN')
    const rollCall = await admin.put(`/api/governance/items/${budget?.id}/vote`, {
      mode: 'roll_call',
      ballots: [...ballots, { voterId: philippe, onBehalfOf: bertin, choice: 'pour' }],
    })
    expect(rollCall.statusCode).toBe(200)
    expect(rollCall.json().items[0].vote).toMatchObject({
      totals: { pour: 9, contre: 2, abstention: 1 },
      wording: 'Adopté à la majorité des suffrages exprimés (9 voix pour, 2 voix contre, 1 abstention)',
    })
    expect(rollCall.json().items[0].ballots).toHaveLength(12)

    const twice = await admin.put(`/api/governance/items/${budget?.id}/vote`, {
      mode: 'roll_call',
      ballots: [...ballots, { voterId: philippe, onBehalfOf: philippe, choice: 'pour' }],
    })
    expect(twice.statusCode).toBe(400)
    expect(twice.json().detail).toBe('Chaque délégué ne vote qu’une fois, pour lui-même ou par procuration.')
    const noProxy = await admin.put(`/api/governance/items/${budget?.id}/vote`, {
      mode: 'roll_call',
      ballots: [...ballots, { voterId: idOf(meeting, 'Luc MONNET'), onBehalfOf: bertin, choice: 'pour' }],
    })
    expect(noProxy.json().detail).toBe('Un délégué ne vote pour un autre qu’avec sa procuration valable.')

    await admin.put(`/api/governance/items/${election?.id}/withdrawals`, { withdrawn: [present[0]] })
    const withdrawnVotes = await admin.put(`/api/governance/items/${election?.id}/vote`, {
      mode: 'roll_call',
      ballots: [{ voterId: present[0], onBehalfOf: null, choice: 'pour' }],
    })
    expect(withdrawnVotes.statusCode).toBe(400)
    expect(withdrawnVotes.json().detail).toBe('Seuls les délégués présents pour ce point votent.')
    await admin.put(`/api/governance/items/${election?.id}/withdrawals`, { withdrawn: [] })

    const secret = await admin.put(`/api/governance/items/${election?.id}/vote`, {
      mode: 'secret',
      totals: { pour: 7, contre: 3, abstention: 0, blancNul: 2, neParticipePas: 0 },
    })
    expect(secret.statusCode).toBe(200)
    expect(secret.json().items[1].vote).toMatchObject({ exprimes: 10, outcome: 'adopted' })
    const tooMany = await admin.put(`/api/governance/items/${election?.id}/vote`, {
      mode: 'secret',
      totals: { pour: 7, contre: 3, abstention: 0, blancNul: 3, neParticipePas: 0 },
    })
    expect(tooMany.statusCode).toBe(400)
    expect(tooMany.json().detail).toBe('13 votes pour 12 membres présents ou représentés : c’est impossible.')
  })

  it('lets a suppléant sit for a titulaire, and only a suppléant', async () => {
    let meeting = await meetingWith(ELEVEN.slice(0, 10), ['Budget'])
    expect(meeting.items[0]?.quorum.met).toBe(false)
    const suppleant = meeting.delegates.find((d) => d.seat === 'suppleant')?.id
    const titulaire = idOf(meeting, 'Christophe COULON')
    const wrong = await attend(meeting, 'Nicolas BERTIN', { status: 'substituted', substituteId: titulaire })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().detail).toBe('Choisissez le suppléant qui siège à la place du titulaire.')
    const replaced = await attend(meeting, 'Nicolas BERTIN', {
      status: 'substituted',
      substituteId: suppleant,
    })
    expect(replaced.statusCode).toBe(200)
    meeting = replaced.json()
    expect(meeting.items[0]?.quorum).toMatchObject({ counted: 11, met: true })
  })

  it('refuses to publish a deliberation voted without quorum, unless on a second convocation', async () => {
    const first = await meetingWith(ELEVEN.slice(0, 3), ['Tarifs'])
    const vote = {
      mode: 'totals',
      totals: { pour: 2, contre: 1, abstention: 0, blancNul: 0, neParticipePas: 0 },
    }
    expect((await admin.put(`/api/governance/items/${first.items[0]?.id}/vote`, vote)).statusCode).toBe(200)
    const deliberation = await deliberate(first.items[0]?.id as string)
    const refused = await admin.post(`/api/governance/deliberations/${deliberation.id}/publish`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().detail).toBe(
      `Le quorum n’était pas atteint pour ce point (3 sur 11 requis) : la délibération ${deliberation.number} ne peut pas être publiée. Convoquez à nouveau le comité : une seconde convocation délibère sans condition de quorum.`,
    )
    expect(
      (await admin.get(`/api/governance/deliberations/${deliberation.id}`)).json().publishedAt,
    ).toBeNull()

    const second = await meetingWith(ELEVEN.slice(0, 3), ['Tarifs'], true)
    await admin.put(`/api/governance/items/${second.items[0]?.id}/vote`, vote)
    const again = await deliberate(second.items[0]?.id as string)
    const published = await admin.post(`/api/governance/deliberations/${again.id}/publish`)
    expect(published.statusCode).toBe(200)
    expect(published.json().publishedAt).not.toBeNull()
  })

  it('keeps PDF annexes in the blob store, refuses other files, and serves them publicly once published', async () => {
    const meeting = await meetingWith(ELEVEN, ['Contributions'])
    const item = meeting.items[0]
    await admin.put(`/api/governance/items/${item?.id}/vote`, {
      mode: 'totals',
      totals: { pour: 11, contre: 0, abstention: 0, blancNul: 0, neParticipePas: 0 },
    })
    const deliberation = await deliberate(item?.id as string)
    const upload = (name: string, content: Buffer) =>
      admin.request({
        method: 'POST',
        url: `/api/governance/deliberations/${deliberation.id}/annexes`,
        payload: multipartBody(name, content),
        headers: multipartHeaders,
      })
    for (const [name, content] of [
      ['tableau.pdf', PNG],
      ['tableau.png', PNG],
      ['notes.txt', TEXT],
    ] as const) {
      const refused = await upload(name, content)
      expect(refused.statusCode).toBe(415)
      expect(refused.json().detail).toBe(
        'Une annexe de délibération est un fichier PDF : ce fichier n’en est pas un.',
      )
    }
    const attached = await upload('Tableau des contributions.pdf', PDF)
    expect(attached.statusCode).toBe(201)
    expect(attached.json().annexes).toEqual([
      { id: expect.any(String), title: 'Tableau des contributions', hasFile: true, size: PDF.length },
    ])
    const annexId = attached.json().annexes[0].id
    const file = await admin.get(`/api/governance/deliberations/${deliberation.id}/annexes/${annexId}`)
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('application/pdf')
    expect(file.rawPayload.equals(PDF)).toBe(true)

    const act = (await admin.get(`/api/governance/deliberations/${deliberation.id}/actes/acte`)).body
    expect(act).toContain('actes:Nombre="1"')
    expect(act).toMatch(/-1-1_2\.pdf<\/actes:NomFichier>/)

    const visitor = new TestClient(test.app)
    const publicUrl = `/api/public/deliberations/${deliberation.id}/annexes/${annexId}`
    expect((await visitor.get(publicUrl)).statusCode).toBe(404)
    expect((await admin.post(`/api/governance/deliberations/${deliberation.id}/publish`)).statusCode).toBe(
      200,
    )
    expect((await visitor.get(publicUrl)).rawPayload.equals(PDF)).toBe(true)
    const listed = (await visitor.get('/api/public/deliberations')).json().deliberations
    expect(listed.find((d: { id: string }) => d.id === deliberation.id).annexes).toEqual([
      { id: annexId, title: 'Tableau des contributions' },
    ])
    const late = await upload('Autre.pdf', PDF)
    expect(late.statusCode).toBe(409)
    expect(late.json().detail).toBe(
      `La délibération ${deliberation.number} est publiée : ses annexes ne changent plus.`,
    )
  })

  it('edits a body’s rules and its delegates, refusing bad input in French and changing nothing', async () => {
    const body = (await admin.get(`/api/governance/bodies/${bodyId}`)).json()
    expect(body.rules).toMatchObject({ quorumBase: 'present', proxiesPerHolder: 1 })
    const rules = { name: body.name, ...body.rules }
    const noProxy = await admin.put(`/api/governance/bodies/${bodyId}`, { ...rules, proxiesPerHolder: 0 })
    expect(noProxy.statusCode).toBe(400)
    expect(noProxy.json().detail).toContain('Un membre présent peut détenir au moins un pouvoir.')
    const emergency = await admin.put(`/api/governance/bodies/${bodyId}`, { ...rules, emergencyClearDays: 9 })
    expect(emergency.json().detail).toContain('Le délai d’urgence ne peut pas dépasser le délai ordinaire')
    expect((await admin.get(`/api/governance/bodies/${bodyId}`)).json().rules).toEqual(body.rules)
    const edited = await admin.put(`/api/governance/bodies/${bodyId}`, {
      ...rules,
      quorumBase: 'present_or_represented',
      proxiesPerHolder: 2,
    })
    expect(edited.statusCode).toBe(200)
    expect(edited.json().rules).toMatchObject({ quorumBase: 'present_or_represented', proxiesPerHolder: 2 })
    await admin.put(`/api/governance/bodies/${bodyId}`, rules)

    const delegate = {
      memberName: 'Commune de Wattrelos',
      civility: 'Mme',
      firstName: 'Claire',
      lastName: 'LEROY',
      email: 'claire.leroy@example.fr',
      seat: 'suppleant',
      mandateStart: '2026-07-01',
      mandateEnd: '2026-06-30',
    }
    const backwards = await admin.post(`/api/governance/bodies/${bodyId}/delegates`, delegate)
    expect(backwards.statusCode).toBe(400)
    expect(backwards.json().detail).toContain('La fin du mandat ne peut pas précéder son début.')
    const unreachable = await admin.post(`/api/governance/bodies/${bodyId}/delegates`, {
      ...delegate,
      mandateEnd: null,
      email: null,
    })
    expect(unreachable.json().detail).toBe(
      'Indiquez l’adresse e-mail du délégué, ou cochez la convocation sur papier.',
    )
    const count = body.delegates.length
    expect((await admin.get(`/api/governance/bodies/${bodyId}`)).json().delegates).toHaveLength(count)
    const created = await admin.post(`/api/governance/bodies/${bodyId}/delegates`, {
      ...delegate,
      mandateEnd: null,
      weight: 2,
    })
    expect(created.statusCode).toBe(201)
    const added = created.json().delegates.find((d: { lastName: string }) => d.lastName === 'LEROY')
    expect(added).toMatchObject({ seat: 'suppleant', weight: 2, memberName: 'Commune de Wattrelos' })
    const changed = await admin.put(`/api/governance/delegates/${added.id}`, {
      ...delegate,
      mandateEnd: null,
      seat: 'titulaire',
    })
    expect(changed.json().delegates.find((d: { id: string }) => d.id === added.id).seat).toBe('titulaire')
    const other = await TestClient.signedInAs(test.app, world.users.teacher)
    expect((await other.put(`/api/governance/delegates/${added.id}`, delegate)).statusCode).toBe(403)
  })
})
