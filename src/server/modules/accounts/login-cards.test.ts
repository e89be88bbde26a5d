import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LoginCardsState } from '../../../contract/accounts.ts'
import { addMember, buildClass, buildUser } from '../../testing/factories.ts'
import { countPdfPages, isPdf, pdfQrMatrices, pdfTextLines, qrMatrixOf } from '../../testing/pdf.ts'
import { openSchoolScopeForTest } from '../../testing/school-scope.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'
import { loginCardsPdf } from './login-cards.pdf.ts'
import { generateLoginCards, loginCardLink } from './login-cards.ts'

describe('class login cards', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  let teacher: TestClient
  let classId: string
  const pupils: { id: string; firstName: string }[] = []
  const REFUSED = {
    status: 401,
    code: 'login-card-refused',
    detail: 'Cette carte ne permet pas de se connecter pour le moment.',
  }

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    // http: TestClient.signedInAs sets the cookie of a non-HTTPS deployment.
    test = await createTestApp(database, { PUBLIC_URL: 'http://ent.example.fr' })
    const schoolId = world.own.id
    classId = (await buildClass(database.db, { schoolId, name: 'PS Les Lutins', levels: ['PS'] })).id
    const teacherId = (await buildUser(database.db, { firstName: 'Anne', lastName: 'Maternelle' })).id
    await addMember(database.db, { schoolId, userId: teacherId, profile: 'teacher', classId })
    teacher = await TestClient.signedInAs(test.app, teacherId)
    for (const firstName of [
      'Anaïs',
      'Bérénice',
      'Céleste',
      'Dorian',
      'Éloi',
      'Fañch',
      'Gaël',
      'Héloïse',
      'Inaya',
    ]) {
      // Young pupils: never activated, no password.
      const pupil = await buildUser(database.db, { firstName, lastName: 'Petit', activated: false })
      await addMember(database.db, { schoolId, userId: pupil.id, profile: 'pupil', classId })
      pupils.push({ id: pupil.id, firstName })
    }
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  const url = () => `/api/schools/${world.own.id}/classes/${classId}/login-cards`
  const signInWith = (token: string) => new TestClient(test.app).post('/api/auth/login-card', { token })
  const scope = () => openSchoolScopeForTest(database.db, world.own.id)

  it('starts switched off, with no card, and prints eight cards per page with each first name', async () => {
    const state = (await teacher.get(url())).json() as LoginCardsState
    expect(state).toMatchObject({ class: { id: classId, name: 'PS Les Lutins' }, enabled: false })
    expect(state.pupils.map((p) => p.firstName)).toEqual(pupils.map((p) => p.firstName))
    expect(state.pupils.every((p) => p.cardCreatedAt === null)).toBe(true)

    const printed = await teacher.post(url())
    expect(printed.statusCode).toBe(200)
    expect(printed.headers['content-type']).toBe('application/pdf')
    expect(printed.headers['cache-control']).toBe('no-store')
    expect(isPdf(printed.rawPayload)).toBe(true)
    expect(countPdfPages(printed.rawPayload)).toBe(2)
    const lines = pdfTextLines(printed.rawPayload)
    for (const { firstName } of pupils) expect(lines).toContain(firstName)
    expect(lines.filter((line) => line === 'PS Les Lutins · Préau')).toHaveLength(9)
    expect(pdfQrMatrices(printed.rawPayload)).toHaveLength(9)
    const after = (await teacher.get(url())).json() as LoginCardsState
    expect(after.pupils.every((p) => p.cardCreatedAt !== null)).toBe(true)
  })

  it('signs a pupil in with their card only while the teacher keeps the class’s cards on', async () => {
    const [anais] = await generateLoginCards(scope(), classId, [pupils[0]!.id])
    const link = loginCardLink('http://ent.example.fr', anais!.token)
    expect(link).toBe(`http://ent.example.fr/carte#jeton=${anais!.token}`)
    const card = await loginCardsPdf([anais!], {
      className: 'PS',
      schoolName: 'École A',
      publicUrl: 'http://ent.example.fr',
    })
    expect(pdfQrMatrices(card)).toEqual([qrMatrixOf(link)])
    expect((await signInWith(anais!.token)).json()).toMatchObject(REFUSED)

    const enabled = await teacher.patch(url(), { enabled: true })
    expect(enabled.statusCode).toBe(200)
    expect(enabled.json().enabled).toBe(true)
    const device = new TestClient(test.app)
    expect((await device.post('/api/auth/login-card', { token: anais!.token })).statusCode).toBe(204)
    expect((await device.get('/api/me')).json().id).toBe(pupils[0]!.id)

    expect((await teacher.patch(url(), { enabled: false })).json().enabled).toBe(false)
    expect((await signInWith(anais!.token)).json()).toMatchObject(REFUSED)
    const director = await TestClient.signedInAs(test.app, world.users.director)
    const trail = (await director.get(`/api/schools/${world.own.id}/audit?limit=3`)).json().entries
    expect(trail.map((e: { action: string }) => e.action).slice(0, 2)).toEqual([
      'accounts.disableLoginCards',
      'accounts.enableLoginCards',
    ])
  })

  it('makes a pupil’s old card useless once theirs is printed again, leaving the others working', async () => {
    await teacher.patch(url(), { enabled: true })
    const [berenice, celeste] = await generateLoginCards(scope(), classId, [pupils[1]!.id, pupils[2]!.id])
    const reprint = await teacher.post(url(), { pupilIds: [pupils[1]!.id] })
    expect(countPdfPages(reprint.rawPayload)).toBe(1)
    expect(pdfTextLines(reprint.rawPayload)).toContain('Bérénice')
    expect((await signInWith(berenice!.token)).json()).toMatchObject(REFUSED)
    expect((await signInWith(celeste!.token)).statusCode).toBe(204)
    const stranger = await teacher.post(url(), { pupilIds: [world.own.pupilId] })
    expect(stranger.json()).toMatchObject({ status: 400, detail: 'Cet élève n’est pas dans la classe.' })
  })

  it('stops a card once its pupil leaves the class or the school', async () => {
    await teacher.patch(url(), { enabled: true })
    const [dorian, eloi] = await generateLoginCards(scope(), classId, [pupils[3]!.id, pupils[4]!.id])
    expect((await signInWith(dorian!.token)).statusCode).toBe(204)
    await database.db
      .deleteFrom('classMembers')
      .where('classId', '=', classId)
      .where('userId', '=', pupils[3]!.id)
      .execute()
    expect((await signInWith(dorian!.token)).json()).toMatchObject(REFUSED)
    const director = await TestClient.signedInAs(test.app, world.users.director)
    expect(
      (await director.post(`/api/schools/${world.own.id}/users/${pupils[4]!.id}/remove`)).statusCode,
    ).toBe(204)
    expect((await signInWith(eloi!.token)).json()).toMatchObject(REFUSED)
  })

  it('leaves the cards of a class to its teacher and the director', async () => {
    const otherTeacher = await TestClient.signedInAs(test.app, world.users.teacher)
    expect((await otherTeacher.patch(url(), { enabled: true })).json()).toMatchObject({
      status: 404,
      detail: 'Classe introuvable.',
    })
    expect((await otherTeacher.post(url())).statusCode).toBe(404)
    const director = await TestClient.signedInAs(test.app, world.users.director)
    expect((await director.get(url())).statusCode).toBe(200)
    expect((await teacher.patch(url(), { enabled: 'oui' })).statusCode).toBe(400)
    expect((await signInWith('court')).statusCode).toBe(400)
  })

  it('is rate-limited like the password sign-in', async () => {
    const strict = await createTestApp(database, { LOGIN_RATE_LIMIT_PER_MINUTE: '2' })
    try {
      const device = new TestClient(strict.app)
      const statuses: number[] = []
      for (let i = 0; i < 3; i++)
        statuses.push((await device.post('/api/auth/login-card', { token: 'y'.repeat(43) })).statusCode)
      expect(statuses).toEqual([401, 401, 429])
    } finally {
      await strict.app.close()
    }
  })
})
