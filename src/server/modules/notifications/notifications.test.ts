import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultFrequency, FEED_APPS } from '../../../contract/feed.ts'
import { addMember, buildUser } from '../../testing/factories.ts'
import { type Mailbox, recipients, startMailbox } from '../../testing/mailbox.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'
import { publishFeedItem } from '../feed/index.ts'
import { sendPendingNotifications } from './index.ts'
import { effectiveFrequencySql } from './queries.ts'

describe('notifications by e-mail', () => {
  let database: TestDatabase
  let test: TestApp
  let mailbox: Mailbox
  let world: World

  beforeAll(async () => {
    database = await createTestDatabase()
    mailbox = await startMailbox()
    world = await buildWorld(database.db)
    test = await createTestApp(database, { SMTP_URL: mailbox.url, PUBLIC_URL: 'https://ent.example.fr' })
  })
  afterAll(async () => {
    await test.app.close()
    await mailbox.close()
    await database.drop()
  })

  const withEmail = async (userId: string, email: string) => {
    await test.app.db.updateTable('users').set({ email }).where('id', '=', userId).execute()
  }

  const publish = (app: (typeof FEED_APPS)[number], title: string, audience: string[]) =>
    publishFeedItem(test.app.db, {
      app,
      schoolId: world.own.id,
      actorId: world.own.teacherId,
      audience,
      kind: `${app}.test`,
      title,
      summary: 'Le détail.',
      link: '/carnet',
    })

  it('shows each person the defaults of their profile for the applications they have', async () => {
    const parent = await TestClient.signedInAs(test.app, world.own.parentId)
    const shown = (await parent.get('/api/me/notifications')).json()
    expect(shown.hasEmail).toBe(false)
    const byApp = Object.fromEntries(
      shown.preferences.map((p: { app: string; frequency: string }) => [p.app, p.frequency]),
    )
    expect(byApp.messaging).toBe('immediate')
    expect(byApp.notebook).toBe('daily')
    expect(byApp['school-admin']).toBeUndefined()
    const pupil = await TestClient.signedInAs(test.app, world.own.pupilId)
    const pupils = (await pupil.get('/api/me/notifications')).json().preferences
    expect(new Set(pupils.map((p: { frequency: string }) => p.frequency))).toEqual(new Set(['never']))
    const teacher = await TestClient.signedInAs(test.app, world.own.teacherId)
    const teachers = (await teacher.get('/api/me/notifications')).json().preferences
    expect(new Set(teachers.map((p: { frequency: string }) => p.frequency))).toEqual(new Set(['daily']))
  })

  it('computes the same defaults in SQL as the contract says', async () => {
    const cases: [string, string[]][] = [
      [world.own.parentId, ['parent']],
      [world.own.pupilId, ['pupil']],
      [world.own.teacherId, ['teacher']],
    ]
    for (const [userId, profiles] of cases) {
      for (const app of FEED_APPS) {
        const { rows } = await sql<{ frequency: string }>`
          select ${effectiveFrequencySql()} as frequency
          from (select ${userId}::uuid as recipient_id, ${app}::text as app) d
          left join notification_preferences p on false`.execute(test.app.db)
        expect(rows[0]?.frequency, `${profiles} ${app}`).toBe(defaultFrequency(profiles, app))
      }
    }
  })

  it('saves a choice per application, and refuses an application the person does not have, changing nothing', async () => {
    const parent = await TestClient.signedInAs(test.app, world.other.parentId)
    const saved = await parent.put('/api/me/notifications', {
      preferences: [{ app: 'notebook', frequency: 'weekly' }],
    })
    expect(saved.statusCode).toBe(200)
    expect(saved.json().preferences.find((p: { app: string }) => p.app === 'notebook')).toEqual({
      app: 'notebook',
      frequency: 'weekly',
      isDefault: false,
    })
    const refused = await parent.put('/api/me/notifications', {
      preferences: [
        { app: 'notebook', frequency: 'never' },
        { app: 'school-admin', frequency: 'immediate' },
      ],
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().detail).toContain('ne fait pas partie des vôtres')
    const bad = await parent.put('/api/me/notifications', {
      preferences: [{ app: 'notebook', frequency: 'parfois' }],
    })
    expect(bad.statusCode).toBe(400)
    expect(JSON.stringify(bad.json())).toContain('Fréquence inconnue')
    const shown = (await parent.get('/api/me/notifications')).json().preferences
    expect(shown.find((p: { app: string }) => p.app === 'notebook').frequency).toBe('weekly')
  })

  it('e-mails a parent at once about a message, in French, with a link back and a link to report it; only once', async () => {
    await withEmail(world.own.parentId, 'parent.a@example.fr')
    const item = await publish('messaging', 'Message de la maîtresse', [world.own.parentId])
    expect(await sendPendingNotifications(test.app, 'immediate')).toBe(1)
    const mail = await mailbox.waitFor((m) => m.subject === 'Messagerie : Message de la maîtresse')
    expect(recipients(mail)).toEqual(['parent.a@example.fr'])
    expect(mail.text).toContain('Bonjour parent,')
    expect(mail.text).toContain('Voir : https://ent.example.fr/carnet')
    expect(mail.text).toContain(`Signalez-le : https://ent.example.fr/quoi-de-neuf/signaler/${item.id}`)
    expect(mail.text).toContain('https://ent.example.fr/mon-compte/notifications')
    expect(await sendPendingNotifications(test.app, 'immediate')).toBe(0)
  })

  it('gathers the unread items of the day into one digest per person, leaving out what was read and who has no address', async () => {
    await withEmail(world.own.teacherId, null as unknown as string)
    const staff = await buildUser(test.app.db, { firstName: 'Agnès' })
    await addMember(test.app.db, { schoolId: world.own.id, userId: staff.id, profile: 'staff' })
    await withEmail(staff.id, 'agnes@example.fr')
    await publish('notebook', 'Sortie au musée', [staff.id, world.own.directorId])
    const read = await publish('calendar', 'Conseil d’école', [staff.id])
    await publish('photos', 'Photos de la kermesse', [staff.id])
    const client = await TestClient.signedInAs(test.app, staff.id)
    await client.post(`/api/feed/items/${read.id}/read`)

    // The director has no address: nothing for them, and nothing fails.
    const queued = await sendPendingNotifications(test.app, 'daily')
    const digest = await mailbox.waitFor((m) => recipients(m).includes('agnes@example.fr'))
    expect(digest.subject).toBe('Votre journée sur Préau : 2 nouveautés')
    expect(digest.text).toContain('Photos — Photos de la kermesse')
    expect(digest.text).toContain('Carnet de liaison — Sortie au musée')
    expect(digest.text).not.toContain('Conseil d’école')
    expect(queued).toBe(1)
    // Sent once: the next digest has nothing new for Agnès.
    expect(await sendPendingNotifications(test.app, 'daily')).toBe(0)
  })

  it('follows a person’s choice: weekly waits for the weekly digest, never sends nothing', async () => {
    const parent = await TestClient.signedInAs(test.app, world.own.parentId)
    await parent.put('/api/me/notifications', {
      preferences: [
        { app: 'homework', frequency: 'weekly' },
        { app: 'photos', frequency: 'never' },
      ],
    })
    await publish('homework', 'Poésie à apprendre', [world.own.parentId])
    await publish('photos', 'Photos de classe', [world.own.parentId])
    expect(await sendPendingNotifications(test.app, 'daily')).toBe(0)
    expect(await sendPendingNotifications(test.app, 'weekly')).toBe(1)
    const weekly = await mailbox.waitFor((m) => m.subject === 'Votre semaine sur Préau : 1 nouveauté')
    expect(weekly.text).toContain('Poésie à apprendre')
    expect(weekly.text).not.toContain('Photos de classe')
  })

  it('never e-mails a pupil by default, even one with an address', async () => {
    await withEmail(world.own.pupilId, 'eleve@example.fr')
    await publish('homework', 'Exercice', [world.own.pupilId])
    for (const frequency of ['immediate', 'daily', 'weekly'] as const) {
      expect(await sendPendingNotifications(test.app, frequency)).toBe(0)
    }
  })
})
