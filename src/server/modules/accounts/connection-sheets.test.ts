import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, buildClass, buildUser, issueActivationCode, linkFamily } from '../../testing/factories.ts'
import { type Mailbox, recipients, startMailbox } from '../../testing/mailbox.ts'
import { countPdfPages, isPdf, pdfQrMatrices, pdfTextLines, qrMatrixOf } from '../../testing/pdf.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'

describe('connection sheets of a class', () => {
  let database: TestDatabase
  let test: TestApp
  let mailbox: Mailbox
  let world: World
  let teacher: TestClient
  let classId: string
  const people: Record<string, { id: string; login: string }> = {}

  beforeAll(async () => {
    database = await createTestDatabase()
    mailbox = await startMailbox()
    world = await buildWorld(database.db)
    // http: TestClient.signedInAs sets the cookie of a non-HTTPS deployment.
    test = await createTestApp(database, { SMTP_URL: mailbox.url, PUBLIC_URL: 'http://ent.example.fr' })
    const db = database.db
    const schoolId = world.own.id
    classId = (await buildClass(db, { schoolId, name: 'CP Les Écureuils', levels: ['CP'] })).id
    const teacherId = (await buildUser(db, { firstName: 'Maëlle', lastName: 'Enseignante' })).id
    await addMember(db, { schoolId, userId: teacherId, profile: 'teacher', classId })
    teacher = await TestClient.signedInAs(test.app, teacherId)
    const person = async (
      key: string,
      firstName: string,
      lastName: string,
      profile: 'pupil' | 'parent',
      code?: string,
    ) => {
      const user = await buildUser(db, { firstName, lastName, activated: code === 'activated' })
      await addMember(db, {
        schoolId,
        userId: user.id,
        profile,
        classId: profile === 'pupil' ? classId : undefined,
      })
      if (code && code !== 'activated')
        await issueActivationCode(db, user.id, code, code === 'vvvv9999' ? -1 : 30)
      people[key] = user
      return user.id
    }
    const zoe = await person('zoe', 'Zoé', 'Lefèvre', 'pupil', 'zzzz3333')
    const francois = await person('francois', 'François', 'Bœuf', 'pupil', 'ffff4444')
    await person('activated', 'Ali', 'Actif', 'pupil', 'activated')
    await person('expired', 'Éloïse', 'Périmé', 'pupil', 'vvvv9999')
    const mother = await person('mother', 'Élodie', 'Lefèvre', 'parent', 'mmmm5555')
    const father = await person('father', 'Noël', 'Bœuf', 'parent', 'pppp6666')
    await db.updateTable('users').set({ email: 'elodie@example.fr' }).where('id', '=', mother).execute()
    await linkFamily(db, { schoolId, pupilId: zoe, parentId: mother })
    await linkFamily(db, { schoolId, pupilId: francois, parentId: father })
  })
  afterAll(async () => {
    await test.app.close()
    await mailbox.close()
    await database.drop()
  })

  const sheets = (format: 'pdf' | 'csv', query = '', klass = classId) =>
    `/api/schools/${world.own.id}/classes/${klass}/connection-sheets.${format}${query}`

  it('prints one sheet per pending pupil and parent, two per page, family by family, accents intact', async () => {
    const response = await teacher.get(sheets('pdf'))
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/pdf')
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.headers['content-disposition']).toContain('fiches-connexion-cp-les-ecureuils.pdf')
    const pdf = response.rawPayload
    expect(isPdf(pdf)).toBe(true)
    // François, his father, Zoé, her mother (by name, œ read as oe): the activated and the expired are left out.
    expect(countPdfPages(pdf)).toBe(2)
    const lines = pdfTextLines(pdf)
    const names = lines.filter((line) => /^(Zoé|Élodie|François|Noël|Ali|Éloïse) /.test(line))
    expect(names).toEqual(['François BŒUF', 'Noël BŒUF', 'Zoé LEFÈVRE', 'Élodie LEFÈVRE'])
    expect(lines).toContain('Parent de Zoé LEFÈVRE')
    expect(lines).toContain(people.zoe!.login)
    expect(lines).toContain('zzzz-3333')
    expect(lines).toContain('École A · Classe CP Les Écureuils')
    expect(lines).toContain('1. Rendez-vous sur http://ent.example.fr/activation')
    expect(lines).toContain('2. Saisissez votre identifiant et ce code.')
    expect(lines.some((line) => line.startsWith('Valable jusqu’au '))).toBe(true)
    const director = await TestClient.signedInAs(test.app, world.users.director)
    const entry = (
      await director.get(`/api/schools/${world.own.id}/audit?action=read:connection-sheets`)
    ).json()
    expect(entry.entries[0]).toMatchObject({
      target: { type: 'class', id: classId },
      details: { format: 'pdf', count: 4 },
    })
  })

  it('puts on each sheet the QR code of the activation page with the login and the code filled in', async () => {
    const pdf = (await teacher.get(sheets('pdf', '?for=pupils'))).rawPayload
    const link = `http://ent.example.fr/activation#identifiant=${people.zoe!.login}&code=zzzz3333`
    const qrCodes = pdfQrMatrices(pdf)
    expect(qrCodes).toHaveLength(2)
    expect(qrCodes).toContainEqual(qrMatrixOf(link))
  })

  it('prints pupils or parents alone; after the class’s missing codes are issued, whoever lacked one is printed too', async () => {
    expect(countPdfPages((await teacher.get(sheets('pdf', '?for=pupils'))).rawPayload)).toBe(1)
    const parents = pdfTextLines((await teacher.get(sheets('pdf', '?for=parents'))).rawPayload)
    expect(parents).toContain('Élodie LEFÈVRE')
    expect(parents).not.toContain('Zoé LEFÈVRE')
    // A GET only reads: asking it to regenerate changes nothing.
    await teacher.get(sheets('pdf', '?for=pupils&regenerate=true'))
    expect(countPdfPages((await teacher.get(sheets('pdf', '?for=pupils'))).rawPayload)).toBe(1)
    const issued = await teacher.post(`/api/schools/${world.own.id}/classes/${classId}/activation-codes`, {
      for: 'pupils',
      mode: 'missing',
    })
    expect(issued.statusCode).toBe(200)
    const regenerated = await teacher.get(sheets('pdf', '?for=pupils'))
    expect(countPdfPages(regenerated.rawPayload)).toBe(2)
    expect(pdfTextLines(regenerated.rawPayload)).toContain('Éloïse PÉRIMÉ')
    const codes = await database.db
      .selectFrom('activationCodes')
      .select(['userId', 'code'])
      .where('userId', 'in', [people.zoe!.id, people.expired!.id])
      .execute()
    expect(codes.find((c) => c.userId === people.zoe!.id)?.code).toBe('zzzz3333')
    expect(codes.find((c) => c.userId === people.expired!.id)?.code).not.toBe('vvvv9999')
  })

  it('lists the same people as CSV: UTF-8 with BOM, semicolons, the agreed header', async () => {
    const response = await teacher.get(sheets('csv', '?for=all'))
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const [header, ...rows] = response.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n')
    expect(header).toBe("Nom;Prénom;Profil;Classe;Identifiant;Code d'activation;Expire le")
    expect(rows).toHaveLength(5)
    const expiry = new Date(Date.now() + 30 * 86_400_000).toLocaleDateString('fr-FR', {
      timeZone: 'Europe/Paris',
    })
    expect(rows[0]).toBe(`Bœuf;François;Élève;CP Les Écureuils;${people.francois!.login};ffff-4444;${expiry}`)
    expect(rows[2]).toBe(`Lefèvre;Zoé;Élève;CP Les Écureuils;${people.zoe!.login};zzzz-3333;${expiry}`)
    expect(rows[3]).toBe(`Lefèvre;Élodie;Parent;CP Les Écureuils;${people.mother!.login};mmmm-5555;${expiry}`)
  })

  it('e-mails each parent with an address their own sheet, and says how many have none', async () => {
    const url = `/api/schools/${world.own.id}/classes/${classId}/connection-sheets/email`
    const response = await teacher.post(url)
    expect(response.statusCode).toBe(202)
    expect(response.json()).toEqual({ queued: 1, withoutEmail: 1 })
    const mail = await mailbox.waitFor((m) => recipients(m).includes('elodie@example.fr'))
    expect(mail.subject).toBe('Préau : votre compte pour l’école École A')
    expect(mail.text).toContain(`Identifiant : ${people.mother!.login}`)
    expect(mail.text).toContain('Code d’activation : mmmm-5555')
    expect(mail.text).toContain(
      `http://ent.example.fr/activation#identifiant=${people.mother!.login}&code=mmmm5555`,
    )
    expect(mailbox.messages.filter((m) => recipients(m).includes('elodie@example.fr'))).toHaveLength(1)
  })

  it('keeps the sheets of a class to its teachers and the director', async () => {
    const otherTeacher = await TestClient.signedInAs(test.app, world.users.teacher)
    expect((await otherTeacher.get(sheets('pdf'))).json()).toMatchObject({
      status: 404,
      detail: 'Classe introuvable.',
    })
    expect((await teacher.get(sheets('csv', '', 'pas-un-uuid'))).statusCode).toBe(404)
    expect((await teacher.get(sheets('csv', '', world.other.classId))).statusCode).toBe(404)
    const director = await TestClient.signedInAs(test.app, world.users.director)
    expect((await director.get(sheets('csv'))).statusCode).toBe(200)
    expect(
      (
        await director.get(
          `/api/schools/${world.other.id}/classes/${world.other.classId}/connection-sheets.csv`,
        )
      ).statusCode,
    ).toBe(404)
    expect((await teacher.get(sheets('pdf', '?for=everyone'))).statusCode).toBe(400)
  })
})
