import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountDuplicate, ImportReport } from '../../../../contract/imports.ts'
import { addMember, buildUser, linkFamily } from '../../../testing/factories.ts'
import { type Mailbox, recipients, startMailbox } from '../../../testing/mailbox.ts'
import { createTestApp, type TestApp } from '../../../testing/test-app.ts'
import { TestClient } from '../../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts'
import { buildWorld, type World } from '../../../testing/world.ts'
import { maskEmail, maskPhone } from './account-duplicates.ts'

/**
 * Directors decide the « doublons possibles » across schools from their dry run. School B (another
 * collectivity) already has two parents named as two guardians of the sample files, with nothing else
 * in common: Corinne ADJIBEL (the same person: she joins school A with her account) and Norbert ALBERT
 * (two people: a new account in A, and the next import does not ask again).
 */

const SAMPLE = new URL('../parsing/fixtures/', import.meta.url)
const sample = (name: string) => readFileSync(new URL(name, SAMPLE))

async function multipart(files: Record<string, { name: string; bytes: Uint8Array }>) {
  const form = new FormData()
  for (const [field, file] of Object.entries(files))
    form.append(field, new Blob([Buffer.from(file.bytes)]), file.name)
  const response = new Response(form)
  return {
    payload: Buffer.from(await response.arrayBuffer()),
    headers: { 'content-type': response.headers.get('content-type')! },
  }
}

describe('deciding possible duplicate accounts from the import report', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  let mailbox: Mailbox
  let director: TestClient
  let otherDirector: TestClient
  let corinne: string
  let norbert: string
  let runId: string
  const base = () => `/api/schools/${world.own.id}/imports`

  const upload = async () => {
    const { payload, headers } = await multipart({
      pupils: { name: 'CSVExtraction-eleves.csv', bytes: sample('CSVExtraction-eleves.csv') },
      guardians: { name: 'CSVExtraction-responsables.csv', bytes: sample('CSVExtraction-responsables.csv') },
    })
    const response = await director.request({ method: 'POST', url: base(), payload, headers })
    expect(response.statusCode).toBe(201)
    return response.json() as ImportReport
  }
  const pairs = async (id = runId) => {
    const response = await director.get(`${base()}/${id}/account-duplicates`)
    expect(response.statusCode).toBe(200)
    return (response.json() as { items: AccountDuplicate[] }).items
  }
  const decide = (
    client: TestClient,
    body: object,
    url = `${base()}/${runId}/account-duplicates/decisions`,
  ) => client.request({ method: 'POST', url, payload: body })
  const decisionCount = async () =>
    (await database.db.selectFrom('importAccountDecisions').select('decision').execute()).length
  const schoolsOf = async (userId: string) =>
    (
      await database.db
        .selectFrom('memberships')
        .select('schoolId')
        .where('userId', '=', userId)
        .where('profile', '=', 'parent')
        .execute()
    )
      .map((row) => row.schoolId)
      .sort()

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    mailbox = await startMailbox()
    test = await createTestApp(database, { SMTP_URL: mailbox.url })
    director = await TestClient.signedInAs(test.app, world.users.director)
    otherDirector = await TestClient.signedInAs(test.app, world.other.directorId)
    const parentOfB = async (firstName: string, lastName: string, email: string) => {
      const user = await buildUser(database.db, { firstName, lastName })
      await database.db
        .updateTable('users')
        .set({ email, phone: '0611223344' })
        .where('id', '=', user.id)
        .execute()
      await addMember(database.db, { schoolId: world.other.id, userId: user.id, profile: 'parent' })
      await linkFamily(database.db, {
        schoolId: world.other.id,
        pupilId: world.other.pupilId,
        parentId: user.id,
      })
      return user.id
    }
    corinne = await parentOfB('Corinne', 'ADJIBEL', 'corinne.a@exemple.fr')
    norbert = await parentOfB('Norbert', 'ALBERT', 'norbert.a@exemple.fr')
  })
  afterAll(async () => {
    await test.app.close()
    await mailbox.close()
    await database.drop()
  })

  it('shows each possible duplicate side by side: names, schools, children, masked contacts', async () => {
    const report = await upload()
    runId = report.id
    expect(report.anomalyCodes['possible-duplicate-account']).toBe(2)
    const items = await pairs()
    expect(items.map((item) => [item.imported.displayName, item.userId, item.decision])).toEqual([
      ['Corinne ADJIBEL', corinne, null],
      ['Norbert ALBERT', norbert, null],
    ])
    const [first] = items
    expect(first!.profile).toBe('parent')
    expect(first!.imported.ties.map((tie) => tie.firstName).sort()).toEqual([
      'Alexandre',
      'Cassandra',
      'Marjolaine',
    ])
    expect(first!.imported.ties.find((tie) => tie.firstName === 'Alexandre')?.level).toBe('CE2')
    expect(first!.existing.schools).toHaveLength(1)
    expect(first!.existing.ties).toHaveLength(1)
    expect(first!.existing.email).toBe('c•••@exemple.fr')
    expect(first!.existing.phone).toBe('06 •• •• •• 44')
    // Reading names, children and contacts is an administrator's read of personal data.
    const reads = await database.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'read:import-account-duplicates')
      .execute()
    expect(reads.length).toBeGreaterThan(0)
  })

  it('masks contacts to what recognises a person', () => {
    expect(maskEmail('julie.martin@exemple.fr')).toBe('j•••@exemple.fr')
    expect(maskPhone('07 12 34 56 78')).toBe('07 •• •• •• 78')
    expect(maskEmail(null)).toBeNull()
  })

  it('refuses a bad decision with a French detail, changing nothing', async () => {
    const wrong = await decide(director, { profile: 'parent', line: 2, userId: corinne, decision: 'maybe' })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().detail).toMatch(/même personne/)
    const unknown = await decide(director, {
      profile: 'parent',
      line: 2,
      userId: world.own.parentId,
      decision: 'same',
    })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().detail).toBe('Ce doublon possible n’existe pas dans cet import.')
    expect(await decisionCount()).toBe(0)
  })

  it('answers 404 to another school’s director, on either school’s address', async () => {
    const [pair] = await pairs()
    const body = { profile: pair!.profile, line: pair!.line, userId: pair!.userId, decision: 'same' }
    expect((await decide(otherDirector, body)).statusCode).toBe(404)
    const viaOwnSchool = await decide(
      otherDirector,
      body,
      `/api/schools/${world.other.id}/imports/${runId}/account-duplicates/decisions`,
    )
    expect(viaOwnSchool.statusCode).toBe(404)
    expect((await otherDirector.get(`${base()}/${runId}/account-duplicates`)).statusCode).toBe(404)
    expect(await decisionCount()).toBe(0)
  })

  it('« C’est la même personne »: planned again, her rows join her account; deciding twice is refused', async () => {
    const before = (await pairs()).find((pair) => pair.userId === corinne)!
    const response = await decide(director, {
      profile: 'parent',
      line: before.line,
      userId: corinne,
      decision: 'same',
    })
    expect(response.statusCode).toBe(200)
    const report = response.json() as ImportReport
    expect(report.anomalyCodes['possible-duplicate-account']).toBe(1)
    expect(report.anomalyCodes['same-person']).toBe(1)
    const again = await decide(director, {
      profile: 'parent',
      line: before.line,
      userId: corinne,
      decision: 'distinct',
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toMatch(/déjà été décidé/)
    expect(await decisionCount()).toBe(1)
    expect((await pairs()).find((pair) => pair.userId === corinne)?.decision).toBe('same')
  })

  it('« Ce sont deux personnes »: kept apart, audited', async () => {
    const pair = (await pairs()).find((item) => item.userId === norbert)!
    const response = await decide(director, {
      profile: 'parent',
      line: pair.line,
      userId: norbert,
      decision: 'distinct',
    })
    expect(response.statusCode).toBe(200)
    expect((response.json() as ImportReport).anomalyCodes['possible-duplicate-account'] ?? 0).toBe(0)
    const audited = await database.db
      .selectFrom('auditLog')
      .select(['details', 'schoolId'])
      .where('action', '=', 'imports.decideAccountDuplicate')
      .orderBy('id')
      .execute()
    expect(audited.map((row) => (row.details as { decision: string }).decision)).toEqual(['same', 'distinct'])
    expect(audited.every((row) => row.schoolId === world.own.id)).toBe(true)
  })

  it('applies: Corinne joins school A with her account and is told by e-mail; Norbert gets a new account', async () => {
    const applied = await director.request({ method: 'POST', url: `${base()}/${runId}/apply`, payload: {} })
    expect(applied.statusCode).toBe(200)
    expect(await schoolsOf(corinne)).toEqual([world.own.id, world.other.id].sort())
    const corinneLinks = await database.db
      .selectFrom('familyLinks')
      .select('pupilId')
      .where('parentId', '=', corinne)
      .where('schoolId', '=', world.own.id)
      .execute()
    expect(corinneLinks).toHaveLength(3)
    expect(await schoolsOf(norbert)).toEqual([world.other.id])
    const namesakes = await database.db
      .selectFrom('users')
      .select('id')
      .where('lastName', '=', 'ALBERT')
      .where('firstName', '=', 'Norbert')
      .execute()
    expect(namesakes).toHaveLength(2)
    const adjibels = await database.db
      .selectFrom('users')
      .select('id')
      .where('lastName', '=', 'ADJIBEL')
      .execute()
    expect(adjibels).toHaveLength(1)
    const mail = await mailbox.waitFor((m) => recipients(m).includes('corinne.a@exemple.fr'))
    expect(mail.subject).toMatch(/votre compte rejoint/)
    expect(mail.text).toContain('connectez-vous')
    // Deciding on an applied run is refused.
    const late = await decide(director, { profile: 'parent', line: 3, userId: norbert, decision: 'same' })
    expect(late.statusCode).toBe(409)
  })

  it('shows a teacher of another school with the classes each teaches, and decides it', async () => {
    const catherine = await buildUser(database.db, { firstName: 'Catherine', lastName: 'BAILLY' })
    await addMember(database.db, {
      schoolId: world.other.id,
      userId: catherine.id,
      profile: 'teacher',
      classId: world.other.classId,
    })
    const { payload, headers } = await multipart({
      teachers: { name: 'CSVExtraction-enseignants.csv', bytes: sample('CSVExtraction-enseignants.csv') },
    })
    const uploaded = await director.request({ method: 'POST', url: base(), payload, headers })
    expect(uploaded.statusCode).toBe(201)
    const run = (uploaded.json() as ImportReport).id
    const pair = (await pairs(run)).find((item) => item.userId === catherine.id)!
    expect(pair.profile).toBe('teacher')
    expect(pair.imported.ties).toEqual([{ firstName: 'TPS', level: null }])
    expect(pair.existing.ties).toHaveLength(1)
    expect(pair.existing.email).toBeNull()
    const decided = await decide(
      director,
      { profile: 'teacher', line: pair.line, userId: catherine.id, decision: 'distinct' },
      `${base()}/${run}/account-duplicates/decisions`,
    )
    expect(decided.statusCode).toBe(200)
    expect((await pairs(run)).find((item) => item.userId === catherine.id)?.decision).toBe('distinct')
    // Remembered: the same files uploaded again, before any apply, do not ask about her again.
    const again = await multipart({
      teachers: { name: 'CSVExtraction-enseignants.csv', bytes: sample('CSVExtraction-enseignants.csv') },
    })
    const next = await director.request({ method: 'POST', url: base(), ...again })
    const nextRun = (next.json() as ImportReport).id
    expect((await pairs(nextRun)).filter((item) => item.userId === catherine.id)).toEqual([])
  })

  it('the next import of the same files asks nothing again', async () => {
    const report = await upload()
    expect(report.anomalyCodes['possible-duplicate-account'] ?? 0).toBe(0)
    expect(await pairs(report.id)).toEqual([])
  })
})
