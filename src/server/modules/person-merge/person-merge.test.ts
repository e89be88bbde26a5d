import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addMember,
  buildClass,
  buildCollectivity,
  buildSchool,
  buildUser,
  grantAdmin,
  issueActivationCode,
  linkFamily,
  TEST_PASSWORD,
} from '../../testing/factories.ts'
import { type Mailbox, recipients, startMailbox } from '../../testing/mailbox.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { userReferences } from './user-references.ts'

/**
 * A parent with a child in a maternelle and one in an élémentaire, imported once per school: two
 * accounts of one person. The syndicate's administrator merges them, then undoes it.
 */
describe('merging two accounts of one person, and undoing it', () => {
  let database: TestDatabase
  let test: TestApp
  let mailbox: Mailbox
  let admin: TestClient
  let adminId: string
  const ids = {} as Record<
    'activated' | 'waiting' | 'leo' | 'emma' | 'maternelle' | 'elementaire' | 'collectivity' | 'farSchool',
    string
  >

  beforeAll(async () => {
    database = await createTestDatabase()
    mailbox = await startMailbox()
    test = await createTestApp(database, { SMTP_URL: mailbox.url })
    const db = database.db
    const collectivity = await buildCollectivity(db)
    ids.collectivity = collectivity.id
    ids.maternelle = (await buildSchool(db, { collectivityId: collectivity.id, kind: 'maternelle' })).id
    ids.elementaire = (await buildSchool(db, { collectivityId: collectivity.id, kind: 'elementaire' })).id
    const far = await buildCollectivity(db)
    ids.farSchool = (await buildSchool(db, { collectivityId: far.id })).id
    const gs = await buildClass(db, { schoolId: ids.maternelle, name: 'GS', levels: ['GS'] })
    const cp = await buildClass(db, { schoolId: ids.elementaire, name: 'CP', levels: ['CP'] })
    const person = { firstName: 'Sophie', lastName: 'Lemaire' }
    const activated = await buildUser(db, { ...person, login: 'sophie.lemaire' })
    const waiting = await buildUser(db, { ...person, login: 'sophie.lemaire2', activated: false })
    await db
      .updateTable('users')
      .set({ email: 'sophie.lemaire@exemple.fr' })
      .where('id', '=', activated.id)
      .execute()
    await db.updateTable('users').set({ phone: '0612345678' }).where('id', '=', waiting.id).execute()
    await issueActivationCode(db, waiting.id)
    const leo = await buildUser(db, { firstName: 'Léo', lastName: 'Lemaire', birthDate: '2021-03-04' })
    const emma = await buildUser(db, { firstName: 'Emma', lastName: 'Lemaire', birthDate: '2019-05-06' })
    await addMember(db, { schoolId: ids.maternelle, userId: leo.id, profile: 'pupil', classId: gs.id })
    await addMember(db, { schoolId: ids.elementaire, userId: emma.id, profile: 'pupil', classId: cp.id })
    await addMember(db, { schoolId: ids.maternelle, userId: activated.id, profile: 'parent' })
    await addMember(db, { schoolId: ids.elementaire, userId: waiting.id, profile: 'parent' })
    await linkFamily(db, { schoolId: ids.maternelle, pupilId: leo.id, parentId: activated.id })
    await linkFamily(db, { schoolId: ids.elementaire, pupilId: emma.id, parentId: waiting.id })
    Object.assign(ids, { activated: activated.id, waiting: waiting.id, leo: leo.id, emma: emma.id })
    const syndicateAdmin = await buildUser(db, { firstName: 'Admin', lastName: 'Syndicat' })
    await grantAdmin(db, { userId: syndicateAdmin.id, role: 'syndicate_admin' })
    adminId = syndicateAdmin.id
    admin = await TestClient.signedInAs(test.app, syndicateAdmin.id)
  })
  afterAll(async () => {
    await test.app.close()
    await mailbox.close()
    await database.drop()
  })

  /** Every row of every table a merge changes that names either account, as text, sorted. */
  async function rowsOf(users: string[]): Promise<string[]> {
    const all: string[] = []
    for (const ref of userReferences()) {
      if (ref.onMerge === 'keep' || ref.onMerge === 'end') continue
      const { rows } = await sql<{ row: string }>`
        select ${ref.table} || ' ' || (to_jsonb(t.*))::text as row from ${sql.table(ref.table)} t
        where ${sql.ref(`t.${ref.column}`)} = any(${users}::uuid[])
      `.execute(database.db)
      all.push(...rows.map((r) => r.row))
    }
    const { rows } = await sql<{ row: string }>`
      select (to_jsonb(u.*) - 'updated_at')::text as row from users u where u.id = any(${users}::uuid[])
    `.execute(database.db)
    return [...all, ...rows.map((r) => r.row)].sort()
  }

  const parentsOf = async (pupilId: string) =>
    (
      await database.db.selectFrom('familyLinks').select('parentId').where('pupilId', '=', pupilId).execute()
    ).map((row) => row.parentId)

  it('compares the two accounts side by side and proposes to keep the activated one', async () => {
    const response = await admin.get(
      `/api/admin/person-merges/comparison?a=${ids.waiting}&b=${ids.activated}`,
    )
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.refusal).toBeNull()
    expect(body.proposal).toEqual({ keepUserId: ids.activated, mergeUserId: ids.waiting })
    expect(body.canChooseKept).toBe(false)
    expect(body.accounts[0].family).toEqual([{ displayName: 'Emma LEMAIRE', schoolName: expect.any(String) }])
    expect(body.accounts[1].isActivated).toBe(true)
    const search = await admin.get('/api/admin/people?q=lemaire sop')
    expect(
      search
        .json()
        .items.map((item: { login: string }) => item.login)
        .sort(),
    ).toEqual(['sophie.lemaire', 'sophie.lemaire2'])
    const audited = await database.db
      .selectFrom('auditLog')
      .select('action')
      .where('actorId', '=', adminId)
      .where('action', 'in', ['read:people-search', 'read:person-comparison'])
      .execute()
    expect(audited).toHaveLength(2)
  })

  it('refuses to keep the account that was never activated, changing nothing', async () => {
    const before = await rowsOf([ids.activated, ids.waiting])
    const response = await admin.post('/api/admin/person-merges', {
      keepUserId: ids.waiting,
      mergeUserId: ids.activated,
    })
    expect(response.statusCode).toBe(409)
    expect(response.json().detail).toContain('Le compte activé reste')
    expect(await rowsOf([ids.activated, ids.waiting])).toEqual(before)
  })

  let mergeId: string
  let before: string[]

  it('merges: one account with both schools and both children, the other disabled and told by e-mail', async () => {
    before = await rowsOf([ids.activated, ids.waiting])
    const waitingSession = await TestClient.signedInAs(test.app, ids.waiting, { secondFactor: false })
    expect((await waitingSession.get('/api/me')).statusCode).toBe(200)
    const response = await admin.post('/api/admin/person-merges', {
      keepUserId: ids.activated,
      mergeUserId: ids.waiting,
    })
    expect(response.statusCode).toBe(201)
    const merge = response.json()
    mergeId = merge.id
    expect(merge).toMatchObject({
      kept: { login: 'sophie.lemaire' },
      merged: { login: 'sophie.lemaire2' },
      canUndo: true,
    })
    expect(new Date(merge.undoUntil).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000)

    const schools = await database.db
      .selectFrom('memberships')
      .select('schoolId')
      .where('userId', '=', ids.activated)
      .orderBy('schoolId')
      .execute()
    expect(schools.map((s) => s.schoolId).sort()).toEqual([ids.maternelle, ids.elementaire].sort())
    expect(await parentsOf(ids.emma)).toEqual([ids.activated])
    expect(await parentsOf(ids.leo)).toEqual([ids.activated])
    // The kept account's password stays; it gains the phone it lacked; the other can no longer sign in.
    const kept = await database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', ids.activated)
      .executeTakeFirstOrThrow()
    expect(kept.phone).toBe('0612345678')
    expect((await new TestClient(test.app).signIn('sophie.lemaire', TEST_PASSWORD)).statusCode).toBe(204)
    expect((await waitingSession.get('/api/me')).statusCode).toBe(401)
    const codes = await database.db
      .selectFrom('activationCodes')
      .select('userId')
      .where('userId', '=', ids.waiting)
      .execute()
    expect(codes).toEqual([])

    const mail = await mailbox.waitFor(
      (m) =>
        recipients(m).includes('sophie.lemaire@exemple.fr') &&
        m.subject === 'Préau : vos deux comptes n’en font plus qu’un',
    )
    expect(mail.text).toContain('« sophie.lemaire »')
    const entry = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'personMerge.merge')
      .executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ actorId: adminId, targetId: ids.activated })
    expect(entry.details).toMatchObject({ mergedUserId: ids.waiting, mergedLogin: 'sophie.lemaire2' })
    // The disabled account is not offered to a search any more.
    const search = await admin.get('/api/admin/people?q=lemaire')
    expect(search.json().items.map((item: { login: string }) => item.login)).not.toContain('sophie.lemaire2')
  })

  it('lists the merge among the recent ones, undoable', async () => {
    const list = (await admin.get('/api/admin/person-merges')).json()
    expect(list.items[0]).toMatchObject({ id: mergeId, canUndo: true, mergedBy: 'Admin SYNDICAT' })
  })

  it('undoes the merge: the same rows as before, exactly; told by e-mail; audited', async () => {
    const response = await admin.post(`/api/admin/person-merges/${mergeId}/undo`)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ canUndo: false, undoneBy: 'Admin SYNDICAT' })
    expect(await rowsOf([ids.activated, ids.waiting])).toEqual(before)
    expect(await parentsOf(ids.emma)).toEqual([ids.waiting])
    await mailbox.waitFor((m) => m.subject === 'Préau : la réunion de vos comptes est annulée')
    const entry = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'personMerge.undo')
      .executeTakeFirstOrThrow()
    expect(entry.targetId).toBe(ids.waiting)
    const again = await admin.post(`/api/admin/person-merges/${mergeId}/undo`)
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toBe('Cette réunion de comptes a déjà été annulée.')
  })

  it('refuses an undo once the delay has passed, changing nothing', async () => {
    const merged = await admin.post('/api/admin/person-merges', {
      keepUserId: ids.activated,
      mergeUserId: ids.waiting,
    })
    expect(merged.statusCode).toBe(201)
    const id = merged.json().id
    await database.db
      .updateTable('personMerges')
      .set({ undoUntil: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute()
    const after = await rowsOf([ids.activated, ids.waiting])
    const late = await admin.post(`/api/admin/person-merges/${id}/undo`)
    expect(late.statusCode).toBe(409)
    expect(late.json().detail).toContain('Le délai pour annuler')
    expect(await rowsOf([ids.activated, ids.waiting])).toEqual(after)
    // Put back for the next cases.
    await database.db
      .updateTable('personMerges')
      .set({ undoUntil: new Date(Date.now() + 86_400_000) })
      .where('id', '=', id)
      .execute()
    expect((await admin.post(`/api/admin/person-merges/${id}/undo`)).statusCode).toBe(200)
  })

  it('refuses a pupil and an adult, different birth dates, and one’s own account, changing nothing', async () => {
    const db = database.db
    const state = await rowsOf([ids.activated, ids.leo, ids.emma, adminId])
    const pupilAndParent = await admin.post('/api/admin/person-merges', {
      keepUserId: ids.activated,
      mergeUserId: ids.leo,
    })
    expect(pupilAndParent.statusCode).toBe(409)
    expect(pupilAndParent.json().detail).toBe(
      'Un élève et un adulte ne sont pas la même personne : ces comptes ne peuvent pas être réunis.',
    )
    const twoPupils = await admin.post('/api/admin/person-merges', {
      keepUserId: ids.leo,
      mergeUserId: ids.emma,
    })
    expect(twoPupils.statusCode).toBe(409)
    expect(twoPupils.json().detail).toContain('Les dates de naissance diffèrent (04/03/2021 et 06/05/2019)')
    const own = await admin.post('/api/admin/person-merges', {
      keepUserId: adminId,
      mergeUserId: ids.activated,
    })
    expect(own.statusCode).toBe(409)
    expect(own.json().detail).toContain('votre propre compte')
    const same = await admin.post('/api/admin/person-merges', { keepUserId: ids.leo, mergeUserId: ids.leo })
    expect(same.statusCode).toBe(409)
    const malformed = await admin.post('/api/admin/person-merges', { keepUserId: 'x', mergeUserId: ids.leo })
    expect(malformed.statusCode).toBe(400)
    expect(await rowsOf([ids.activated, ids.leo, ids.emma, adminId])).toEqual(state)
    void db
  })

  it('lets a collectivity’s administrator merge only people all of whose schools are hers', async () => {
    const db = database.db
    const collectivityAdmin = await buildUser(db, { firstName: 'Admin', lastName: 'Commune' })
    await grantAdmin(db, {
      userId: collectivityAdmin.id,
      role: 'collectivity_admin',
      collectivityId: ids.collectivity,
    })
    const client = await TestClient.signedInAs(test.app, collectivityAdmin.id)
    const stranger = await buildUser(db, {
      firstName: 'Sophie',
      lastName: 'Lemaire',
      login: 'sophie.lemaire3',
    })
    await addMember(db, { schoolId: ids.farSchool, userId: stranger.id, profile: 'parent' })
    const search = (await client.get('/api/admin/people?q=lemaire sophie')).json()
    expect(search.items.map((item: { login: string }) => item.login).sort()).toEqual([
      'sophie.lemaire',
      'sophie.lemaire2',
    ])
    const far = await client.get(`/api/admin/person-merges/comparison?a=${ids.activated}&b=${stranger.id}`)
    expect(far.statusCode).toBe(404)
    const refused = await client.post('/api/admin/person-merges', {
      keepUserId: ids.activated,
      mergeUserId: stranger.id,
    })
    expect(refused.statusCode).toBe(404)
    const merged = await client.post('/api/admin/person-merges', {
      keepUserId: ids.activated,
      mergeUserId: ids.waiting,
    })
    expect(merged.statusCode).toBe(201)
    expect((await client.post(`/api/admin/person-merges/${merged.json().id}/undo`)).statusCode).toBe(200)
  })
})
