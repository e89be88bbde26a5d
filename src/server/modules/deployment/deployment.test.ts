import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHARTER_VERSIONS, CURRENT_CHARTER } from '../../../contract/deployment.ts'
import { addMember, buildUser, issueActivationCode } from '../../testing/factories.ts'
import { type Mailbox, recipients, startMailbox } from '../../testing/mailbox.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'

const IDENTITY = {
  name: 'Syndicat mixte des Écoles Numériques',
  address: '3 place de la Mairie\n59000 Lille',
  dpoName: 'Claire Martin',
  dpoEmail: 'DPO@ecoles-numeriques.example.fr',
  dpoAddress: null,
}

describe('the deployment’s identity and the versioned charter', () => {
  let database: TestDatabase
  let test: TestApp
  let mailbox: Mailbox
  let world: World
  let admin: TestClient

  beforeAll(async () => {
    database = await createTestDatabase()
    mailbox = await startMailbox()
    world = await buildWorld(database.db)
    test = await createTestApp(database, { SMTP_URL: mailbox.url, PUBLIC_URL: 'http://ent.example.fr' })
    admin = await TestClient.signedInAs(test.app, world.users.syndicateAdmin)
  })
  afterAll(async () => {
    await test.app.close()
    await mailbox.close()
    await database.drop()
  })

  it('lets the syndicate set its name, address and DPO, shows them to anyone, and audits the change', async () => {
    const saved = await admin.put('/api/deployment', IDENTITY)
    expect(saved.statusCode).toBe(200)
    const shown = (await new TestClient(test.app).get('/api/deployment')).json()
    expect(shown.identity).toEqual({ ...IDENTITY, dpoEmail: 'dpo@ecoles-numeriques.example.fr' })
    expect(shown.charter).toEqual(CURRENT_CHARTER)
    const audit = (await admin.get('/api/admin/audit?action=deployment.editIdentity')).json()
    expect(audit.entries[0]).toMatchObject({ actor: { id: world.users.syndicateAdmin } })
  })

  it('refuses a bad identity with a French message per field and changes nothing', async () => {
    await admin.put('/api/deployment', IDENTITY)
    const refused = await admin.put('/api/deployment', {
      ...IDENTITY,
      name: ' ',
      dpoEmail: 'pas-une-adresse',
    })
    expect(refused.statusCode).toBe(400)
    const paths = refused.json().errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.dpoEmail']))
    const shown = (await new TestClient(test.app).get('/api/deployment')).json()
    expect(shown.identity.name).toBe(IDENTITY.name)
    const director = await TestClient.signedInAs(test.app, world.users.director)
    expect((await director.put('/api/deployment', { ...IDENTITY, name: 'Pirate' })).statusCode).toBe(403)
  })

  it('signs every e-mail with the syndicate’s name, address and DPO contact', async () => {
    await admin.put('/api/deployment', IDENTITY)
    const user = await buildUser(database.db, { firstName: 'Paul', lastName: 'Parent' })
    await database.db
      .updateTable('users')
      .set({ email: 'paul@example.fr' })
      .where('id', '=', user.id)
      .execute()
    await addMember(database.db, { schoolId: world.own.id, userId: user.id, profile: 'parent' })
    await new TestClient(test.app).post('/api/auth/password-reset/request', { loginOrEmail: user.login })
    const mail = await mailbox.waitFor((m) => recipients(m).includes('paul@example.fr'))
    expect(mail.text).toContain(
      '--\nSyndicat mixte des Écoles Numériques\n3 place de la Mairie, 59000 Lille\nProtection des données personnelles : dpo@ecoles-numeriques.example.fr',
    )
  })

  it('asks a user who accepted an older version to accept the one in force, and keeps both acceptances', async () => {
    const user = await buildUser(database.db, { firstName: 'Anne', lastName: 'Ancienne' })
    await database.db.deleteFrom('charterAcceptances').where('userId', '=', user.id).execute()
    const older = CHARTER_VERSIONS[0].version
    await database.db.insertInto('charterAcceptances').values({ userId: user.id, version: older }).execute()
    const client = await TestClient.signedInAs(test.app, user.id)
    const before = (await client.get('/api/me/charter')).json()
    expect(before).toMatchObject({ acceptedVersion: older, mustAccept: true, current: CURRENT_CHARTER })

    const accepted = await client.post('/api/me/charter', { version: CURRENT_CHARTER.version })
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json()).toMatchObject({ acceptedVersion: CURRENT_CHARTER.version, mustAccept: false })
    const kept = await database.db
      .selectFrom('charterAcceptances')
      .select('version')
      .where('userId', '=', user.id)
      .orderBy('version')
      .execute()
    expect(kept.map((row) => row.version)).toEqual([older, CURRENT_CHARTER.version])
  })

  it('refuses to accept a version that does not exist, or an outdated one, and records nothing', async () => {
    const user = await buildUser(database.db, { firstName: 'Bruno', lastName: 'Nouveau' })
    await database.db.deleteFrom('charterAcceptances').where('userId', '=', user.id).execute()
    const client = await TestClient.signedInAs(test.app, user.id)
    const unknown = await client.post('/api/me/charter', { version: '1999-01' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().detail).toBe('La version « 1999-01 » de la charte n’existe pas.')
    const outdated = await client.post('/api/me/charter', { version: CHARTER_VERSIONS[0].version })
    expect(outdated.statusCode).toBe(400)
    expect(outdated.json().detail).toContain('a été remplacée')
    const rows = await database.db
      .selectFrom('charterAcceptances')
      .select('version')
      .where('userId', '=', user.id)
      .execute()
    expect(rows).toEqual([])
    expect((await client.get('/api/me/charter')).json()).toMatchObject({
      acceptedVersion: null,
      mustAccept: true,
    })
  })

  it('records the version in force when an account is activated', async () => {
    const user = await buildUser(database.db, { firstName: 'Chloé', lastName: 'Activée', activated: false })
    await issueActivationCode(database.db, user.id, 'abcd3456', 30)
    const activation = await new TestClient(test.app).post('/api/auth/activation', {
      login: user.login,
      code: 'abcd3456',
      password: 'un mot de passe très long 2026',
      passwordConfirmation: 'un mot de passe très long 2026',
      acceptCharter: true,
    })
    expect(activation.statusCode).toBeLessThan(300)
    const rows = await database.db
      .selectFrom('charterAcceptances')
      .select('version')
      .where('userId', '=', user.id)
      .execute()
    expect(rows).toEqual([{ version: CURRENT_CHARTER.version }])
  })
})
