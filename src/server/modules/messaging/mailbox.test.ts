import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { describe, expect, it, vi } from 'vitest'
import type { MailboxPage } from '../../../contract/messaging.ts'
import { REALTIME_CHANNEL } from '../../plugins/realtime/notify.ts'
import { useMessagingWorld } from './messaging-test-kit.ts'
import { deliverDueMessages, emptyOldTrash } from './scheduled.ts'

describe('messagerie: the mailbox over time (recall, feed, cache, schedule, folders, trash)', () => {
  const kit = useMessagingWorld()
  const { as, base, person, send, inbox } = kit

  it('recalls a message nobody has read, and refuses once it has been read', async () => {
    const teacher = await as(kit.world.own.teacherId)
    const first = await send(teacher, { subject: 'Erreur', to: [person(kit.world.own.parentId)] })
    const recalled = await teacher.post(`${base()}/messages/${first.id}/recall`)
    expect(recalled.json()).toEqual({ recipients: 1 })
    const parent = await as(kit.world.own.parentId)
    expect((await parent.get(`/api/messaging/messages/${first.id}`)).statusCode).toBe(404)
    const audit = await kit.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('targetId', '=', first.id)
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['messaging.recall'])

    const second = await send(teacher, { subject: 'Lu', to: [person(kit.world.own.parentId)] })
    await parent.put(`/api/messaging/messages/${second.id}/read`, { read: true })
    const late = await teacher.post(`${base()}/messages/${second.id}/recall`)
    expect(late.statusCode).toBe(409)
    expect(late.json().detail).toBe('Ce message a déjà été lu : il ne peut plus être rappelé.')
  })

  it('puts a delivered message in its recipients’ news feed, and takes it back with a recall', async () => {
    const teacher = await as(kit.world.own.teacherId)
    const parent = await as(kit.world.own.parentId)
    const feedLinks = async () =>
      ((await parent.get('/api/feed')).json() as { items: { link: string; title: string }[] }).items
    const unreadMessaging = async () =>
      ((await parent.get('/api/feed/unread')).json() as { byApp: Record<string, number> }).byApp.messaging ??
      0
    const before = await unreadMessaging()
    const { id } = await send(teacher, { subject: 'Sortie au musée', to: [person(kit.world.own.parentId)] })
    expect(await feedLinks()).toContainEqual(
      expect.objectContaining({ link: `/messagerie/messages/${id}`, title: 'Sortie au musée' }),
    )
    expect(await unreadMessaging()).toBe(before + 1)
    // The author's own feed does not announce their message to themselves.
    const own = (await teacher.get('/api/feed')).json() as { items: { link: string }[] }
    expect(own.items.map((i) => i.link)).not.toContain(`/messagerie/messages/${id}`)

    await teacher.post(`${base()}/messages/${id}/recall`)
    expect((await feedLinks()).map((i) => i.link)).not.toContain(`/messagerie/messages/${id}`)
    expect(await unreadMessaging()).toBe(before)
  })

  it('answers the first page and the folder counts from a cache that every change forgets', async () => {
    await kit.test.app.realtime.listening
    const teacher = await as(kit.world.own.teacherId)
    const parent = await as(kit.world.own.parentId)
    const unread = async () => (await parent.get('/api/messaging/folders')).json().unread as number
    const before = await unread()
    await inbox(parent)
    // A delivery shows at once on this instance.
    const { id } = await send(teacher, {
      subject: 'Réunion de rentrée',
      to: [person(kit.world.own.parentId)],
    })
    expect((await inbox(parent)).messages[0]).toMatchObject({ id, readAt: null })
    expect(await unread()).toBe(before + 1)
    // The send's own notices reach this instance (and forget again) within milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 500))
    await inbox(parent)
    // Another instance marks it read: until its notice arrives, this one answers as before…
    await kit.database.db
      .updateTable('mailboxEntries')
      .set({ readAt: new Date() })
      .where('messageId', '=', id)
      .where('userId', '=', kit.world.own.parentId)
      .execute()
    expect((await inbox(parent)).messages[0]).toMatchObject({ id, readAt: null })
    // … then reads again.
    await sql`select pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify({
      u: [kit.world.own.parentId],
      e: { type: 'messaging.mailbox' },
    })})`.execute(kit.database.db)
    await vi.waitFor(async () => expect((await inbox(parent)).messages[0]?.readAt).not.toBeNull(), {
      timeout: 2000,
    })
    expect(await unread()).toBe(before)
    // The person's own change shows in their next answer.
    expect((await parent.put(`/api/messaging/messages/${id}/read`, { read: false })).statusCode).toBe(200)
    expect((await inbox(parent)).messages[0]).toMatchObject({ id, readAt: null })
    expect(await unread()).toBe(before + 1)
    // A search and later pages are never answered from the cache.
    expect((await inbox(parent, '?q=rentrée')).messages.map((m) => m.id)).toContain(id)
  })

  it('keeps nothing while its listener is down, and forgets what it kept before once it listens again', async () => {
    const { app } = kit.test
    await app.realtime.listening
    const teacher = await as(kit.world.own.teacherId)
    const parent = await as(kit.world.own.parentId)
    const { id } = await send(teacher, { subject: 'Coupure', to: [person(kit.world.own.parentId)] })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await inbox(parent)).messages[0]).toMatchObject({ id, readAt: null })
    // The listener's connection is cut, as a restarted database or a lost network would.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
               where application_name = 'preau-realtime' and datname = current_database()`.execute(
      kit.database.db,
    )
    await vi.waitFor(() => expect(app.realtime.isListening()).toBe(false), { timeout: 2000 })
    // Another instance marks the message read meanwhile: its notice is lost with the connection.
    const markRead = (readAt: Date | null) =>
      kit.database.db
        .updateTable('mailboxEntries')
        .set({ readAt })
        .where('messageId', '=', id)
        .where('userId', '=', kit.world.own.parentId)
        .execute()
    await markRead(new Date())
    // While it cannot hear, the instance answers from the database.
    expect((await inbox(parent)).messages[0]?.readAt).not.toBeNull()
    // Back to listening, it drops what it kept before the cut: the change still shows.
    await vi.waitFor(() => expect(app.realtime.isListening()).toBe(true), { timeout: 5000 })
    expect((await inbox(parent)).messages[0]?.readAt).not.toBeNull()
    // And it keeps again, on the strength of the notices it hears.
    await markRead(null)
    expect((await inbox(parent)).messages[0]?.readAt).not.toBeNull()
  })

  it('schedules a message: refused in the past, invisible before its time, delivered by the job', async () => {
    const teacher = await as(kit.world.own.teacherId)
    const past = await send(
      teacher,
      { subject: 'Passé', to: [person(kit.world.own.parentId)] },
      { scheduledFor: '2020-01-01T08:00:00.000Z' },
    )
    expect(past.sent.statusCode).toBe(422)
    const later = new Date(Date.now() + 3_600_000).toISOString()
    const { id, sent } = await send(
      teacher,
      { subject: 'Programmé', to: [person(kit.world.own.parentId)] },
      { scheduledFor: later },
    )
    expect(sent.json()).toMatchObject({ state: 'scheduled', recipients: 1 })
    const parent = await as(kit.world.own.parentId)
    expect((await inbox(parent)).messages.map((m) => m.id)).not.toContain(id)
    expect((await parent.get(`/api/messaging/messages/${id}`)).statusCode).toBe(404)
    // Its time comes.
    const due = new Date(Date.now() - 1000)
    await kit.database.db.updateTable('messages').set({ sentAt: due }).where('id', '=', id).execute()
    await kit.database.db
      .updateTable('mailboxEntries')
      .set({ sentAt: due })
      .where('messageId', '=', id)
      .execute()
    expect(await deliverDueMessages(kit.database.db)).toBe(1)
    expect((await inbox(parent)).messages.map((m) => m.id)).toContain(id)
    const state = await kit.database.db
      .selectFrom('messages')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(state.state).toBe('sent')
  })

  it('« Annuler l’envoi » puts a scheduled message back in its author’s drafts, never once it left', async () => {
    const teacher = await as(kit.world.own.teacherId)
    const parent = await as(kit.world.own.parentId)
    const later = new Date(Date.now() + 3_600_000).toISOString()
    const { id, sent } = await send(
      teacher,
      { subject: 'Sortie annulée', to: [person(kit.world.own.parentId)] },
      { scheduledFor: later },
    )
    expect(sent.json()).toMatchObject({ state: 'scheduled', recipients: 1 })
    // Nobody else may cancel it, nor an unknown message.
    expect((await parent.post(`${base()}/messages/${id}/cancel`)).statusCode).toBe(404)
    expect((await teacher.post(`${base()}/messages/${randomUUID()}/cancel`)).statusCode).toBe(404)

    expect((await teacher.post(`${base()}/messages/${id}/cancel`)).json()).toEqual({ ok: true })
    const drafts = (await teacher.get('/api/messaging/folders/drafts/messages')).json() as MailboxPage
    expect(drafts.messages.find((m) => m.id === id)).toMatchObject({ state: 'draft', sentAt: null })
    expect(
      (await teacher.get('/api/messaging/folders/sent/messages'))
        .json()
        .messages.map((m: { id: string }) => m.id),
    ).not.toContain(id)
    // Its time comes: the job has nothing to deliver, the parent never gets it.
    await kit.database.db
      .updateTable('mailboxEntries')
      .set({ sentAt: new Date(Date.now() - 1000) })
      .where('messageId', '=', id)
      .execute()
    expect(await deliverDueMessages(kit.database.db)).toBe(0)
    expect((await inbox(parent)).messages.map((m) => m.id)).not.toContain(id)
    // A draft again: changed, then sent at once.
    expect(
      (
        await teacher.put(`${base()}/drafts/${id}`, {
          subject: 'Sortie maintenue',
          to: [person(kit.world.own.parentId)],
        })
      ).statusCode,
    ).toBe(200)
    expect((await teacher.post(`${base()}/drafts/${id}/send`, {})).json()).toMatchObject({
      state: 'sent',
      recipients: 1,
    })
    expect((await inbox(parent)).messages[0]).toMatchObject({ id, subject: 'Sortie maintenue' })
    // Once it left, it cannot be cancelled.
    const late = await teacher.post(`${base()}/messages/${id}/cancel`)
    expect(late.statusCode).toBe(409)
    expect(late.json().detail).toBe('Ce message est déjà parti : son envoi ne peut plus être annulé.')
  })

  it('sorts messages into personal folders and the trash, with unread counts', async () => {
    const teacher = await as(kit.world.own.teacherId)
    const { id } = await send(teacher, { subject: 'À ranger', to: [person(kit.world.users.staff)] })
    const staff = await as(kit.world.users.staff)
    const folder = (await staff.post('/api/messaging/folders', { name: 'Sorties' })).json()
    expect((await staff.post('/api/messaging/folders', { name: 'sorties' })).statusCode).toBe(409)
    await staff.put(`/api/messaging/messages/${id}/folder`, { folder: folder.id })
    const folders = (await staff.get('/api/messaging/folders')).json()
    expect(folders.folders.find((f: { id: string }) => f.id === folder.id)).toMatchObject({
      name: 'Sorties',
      unread: 1,
    })
    expect((await staff.get(`/api/messaging/folders/${folder.id}/messages`)).json().messages).toHaveLength(1)
    // Someone else's folder does not exist for me.
    expect((await teacher.get(`/api/messaging/folders/${folder.id}/messages`)).statusCode).toBe(404)
    await staff.delete(`/api/messaging/messages/${id}`)
    expect(
      (await staff.get('/api/messaging/folders/trash/messages'))
        .json()
        .messages.map((m: { id: string }) => m.id),
    ).toEqual([id])
    await staff.delete(`/api/messaging/messages/${id}`)
    expect((await staff.get(`/api/messaging/messages/${id}`)).statusCode).toBe(404)
  })

  it('empties what has been in a trash for 30 days, for its owner only', async () => {
    const teacher = await as(kit.world.own.teacherId)
    const { id } = await send(teacher, { subject: 'Vieux message', to: [person(kit.world.own.parentId)] })
    const parent = await as(kit.world.own.parentId)
    await parent.delete(`/api/messaging/messages/${id}`)
    await kit.database.db
      .updateTable('mailboxEntries')
      .set({ trashedAt: new Date(Date.now() - 31 * 86_400_000) })
      .where('messageId', '=', id)
      .where('userId', '=', kit.world.own.parentId)
      .execute()
    expect(await emptyOldTrash(kit.database.db)).toBeGreaterThanOrEqual(1)
    expect((await parent.get(`/api/messaging/messages/${id}`)).statusCode).toBe(404)
    expect((await teacher.get(`/api/messaging/messages/${id}`)).statusCode).toBe(200)
  })
})
