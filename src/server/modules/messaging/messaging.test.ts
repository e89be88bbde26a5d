import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { MailboxPage, MessageDetail, RecipientsResponse } from '../../../contract/messaging.ts'
import { multipartBody, multipartHeaders, PDF } from '../../plugins/blobs/blob-test-kit.ts'
import { REALTIME_CHANNEL } from '../../plugins/realtime/notify.ts'
import { addMember, buildUser, linkFamily } from '../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { TestClient } from '../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts'
import { buildWorld, type World } from '../../testing/world.ts'
import { deliverDueMessages, emptyOldTrash } from './scheduled.ts'

describe('messagerie', () => {
  let database: TestDatabase
  let test: TestApp
  let world: World
  /** A second family of the class CE1 A: another pupil and their parent. */
  let otherParentId: string
  let otherPupilId: string

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    const pupil = await buildUser(database.db, { firstName: 'Lina', lastName: 'Martin' })
    await addMember(database.db, {
      schoolId: world.own.id,
      userId: pupil.id,
      profile: 'pupil',
      classId: world.own.classId,
    })
    const parent = await buildUser(database.db, { firstName: 'Karim', lastName: 'Martin' })
    await addMember(database.db, { schoolId: world.own.id, userId: parent.id, profile: 'parent' })
    await linkFamily(database.db, { schoolId: world.own.id, pupilId: pupil.id, parentId: parent.id })
    otherParentId = parent.id
    otherPupilId = pupil.id
    test = await createTestApp(database, { MESSAGING_DAILY_LIMIT_PARENT: '3' })
  })
  afterAll(async () => {
    await test.app.close()
    await database.drop()
  })

  const as = (userId: string) => TestClient.signedInAs(test.app, userId)
  const base = () => `/api/schools/${world.own.id}/messaging`
  const person = (id: string) => ({ type: 'person', id })
  const group = (id: string) => ({ type: 'group', id })

  /** Saves a draft and sends it; returns the message id and the send's answer. */
  async function send(
    client: TestClient,
    draft: Record<string, unknown>,
    body: Record<string, unknown> = {},
  ) {
    const id = randomUUID()
    const saved = await client.put(`${base()}/drafts/${id}`, draft)
    expect(saved.statusCode, saved.body).toBe(200)
    const sent = await client.post(`${base()}/drafts/${id}/send`, body)
    return { id, sent }
  }

  async function inbox(client: TestClient, query = '') {
    const response = await client.get(`/api/messaging/folders/inbox/messages${query}`)
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as MailboxPage
  }

  async function countRows(table: 'messages' | 'mailbox_entries') {
    const row = await database.db
      .selectFrom(table === 'messages' ? 'messages' : 'mailboxEntries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  it('delivers a teacher’s message with its attachment to the parents of her class, who read it and reply', async () => {
    const teacher = await as(world.own.teacherId)
    const id = randomUUID()
    await teacher.put(`${base()}/drafts/${id}`, {
      subject: 'Sortie au musée',
      bodyHtml: '<p>Bonjour, la <strong>sortie</strong> a lieu jeudi.</p>',
      to: [group(`class:${world.own.classId}:parent`)],
    })
    const upload = await teacher.request({
      method: 'POST',
      url: `${base()}/drafts/${id}/attachments`,
      payload: multipartBody('autorisation.pdf', PDF),
      headers: multipartHeaders,
    })
    expect(upload.statusCode, upload.body).toBe(201)
    const blobId = upload.json().id as string
    const sent = await teacher.post(`${base()}/drafts/${id}/send`, {})
    expect(sent.json()).toEqual({ messageId: id, state: 'sent', recipients: 2 })

    const parent = await as(world.own.parentId)
    const folders = (await parent.get('/api/messaging/folders')).json()
    expect(folders.unread).toBeGreaterThanOrEqual(1)
    const page = await inbox(parent)
    const summary = page.messages.find((m) => m.id === id)
    expect(summary).toMatchObject({ subject: 'Sortie au musée', readAt: null, hasAttachments: true })
    const detail = (await parent.get(`/api/messaging/messages/${id}`)).json() as MessageDetail
    expect(detail.bodyHtml).toContain('<strong>sortie</strong>')
    expect(detail.attachments).toEqual([
      expect.objectContaining({ id: blobId, fileName: 'autorisation.pdf' }),
    ])
    expect(detail.allowedActions).toEqual(expect.arrayContaining(['reply', 'report', 'forward']))
    expect(detail.allowedActions).not.toContain('recall')
    const download = await parent.get(`/api/messaging/messages/${id}/attachments/${blobId}`)
    expect(download.statusCode).toBe(200)
    expect(download.rawPayload.equals(PDF)).toBe(true)
    // Someone the message never reached gets nothing, not even a hint that it exists.
    const pupil = await as(world.own.pupilId)
    expect((await pupil.get(`/api/messaging/messages/${id}/attachments/${blobId}`)).statusCode).toBe(404)
    expect((await pupil.get(`/api/messaging/messages/${id}`)).statusCode).toBe(404)

    expect((await parent.put(`/api/messaging/messages/${id}/read`, { read: true })).statusCode).toBe(200)
    expect((await inbox(parent)).messages.find((m) => m.id === id)?.readAt).not.toBeNull()

    const replyId = randomUUID()
    const started = await parent.post(`${base()}/drafts/${replyId}/from`, { messageId: id, mode: 'reply' })
    expect(started.statusCode, started.body).toBe(200)
    const reply = await parent.post(`${base()}/drafts/${replyId}/send`, {})
    expect(reply.json()).toMatchObject({ state: 'sent', recipients: 1 })
    const teacherInbox = await inbox(teacher)
    expect(teacherInbox.messages.find((m) => m.id === replyId)).toMatchObject({
      subject: 'Re : Sortie au musée',
    })
    const sentFolder = (await teacher.get('/api/messaging/folders/sent/messages')).json() as MailboxPage
    expect(sentFolder.messages.map((m) => m.id)).toContain(id)
  })

  it('hides the Bcc from everyone but the author', async () => {
    const teacher = await as(world.own.teacherId)
    const { id } = await send(teacher, {
      subject: 'Copie cachée',
      bodyHtml: '<p>Bonjour</p>',
      to: [person(world.own.parentId)],
      bcc: [person(world.users.staff)],
    })
    const parentView = (await (await as(world.own.parentId)).get(`/api/messaging/messages/${id}`)).json()
    expect(parentView.addressees.map((a: { id: string }) => a.id)).toEqual([world.own.parentId])
    const staffView = (await (await as(world.users.staff)).get(`/api/messaging/messages/${id}`)).json()
    expect(staffView.addressees.map((a: { kind: string }) => a.kind)).not.toContain('bcc')
    const authorView = (await teacher.get(`/api/messaging/messages/${id}`)).json()
    expect(authorView.addressees.map((a: { kind: string }) => a.kind)).toEqual(['to', 'bcc'])
  })

  it('never offers nor accepts another family’s parent to a parent, and stores nothing', async () => {
    const parent = await as(world.own.parentId)
    const offered = (await parent.get(`${base()}/recipients?q=martin`)).json() as RecipientsResponse
    expect(offered.people).toEqual([])
    const everyone = (await parent.get(`${base()}/recipients?limit=50`)).json() as RecipientsResponse
    expect(everyone.people.map((p) => p.id)).not.toContain(otherParentId)
    expect(everyone.people.map((p) => p.id)).toContain(world.own.teacherId)
    const [messages, entries] = [await countRows('messages'), await countRows('mailbox_entries')]
    const refused = await parent.put(`${base()}/drafts/${randomUUID()}`, {
      subject: 'Bonjour',
      to: [person(otherParentId)],
    })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().detail).toBe('Vous ne pouvez pas écrire à cette personne.')
    const groupRefused = await parent.put(`${base()}/drafts/${randomUUID()}`, {
      to: [group(`class:${world.own.classId}:parent`)],
    })
    expect(groupRefused.statusCode).toBe(422)
    expect(await countRows('messages')).toBe(messages)
    expect(await countRows('mailbox_entries')).toBe(entries)
  })

  it('lets a pupil write to their class but not to another class', async () => {
    const pupil = await as(world.own.pupilId)
    const offered = (await pupil.get(`${base()}/recipients?limit=50`)).json() as RecipientsResponse
    expect(offered.people.map((p) => p.id)).toContain(otherPupilId)
    expect(offered.people.map((p) => p.id)).not.toContain(world.own.otherClassPupilId)
    const refused = await pupil.put(`${base()}/drafts/${randomUUID()}`, {
      to: [person(world.own.otherClassPupilId)],
    })
    expect(refused.statusCode).toBe(422)
    const { sent } = await send(pupil, { subject: 'Coucou', to: [person(otherPupilId)] })
    expect(sent.json()).toMatchObject({ state: 'sent', recipients: 1 })
  })

  it('keeps a message to the whole school or to several classes for the direction', async () => {
    const teacher = await as(world.own.teacherId)
    const whole = await teacher.put(`${base()}/drafts/${randomUUID()}`, { to: [group('school:parent')] })
    expect(whole.statusCode).toBe(422)
    // A teacher of two classes writes to one class at a time.
    await database.db
      .insertInto('classMembers')
      .values({
        schoolId: world.own.id,
        classId: world.own.otherClassId,
        userId: world.own.teacherId,
        role: 'teacher',
      })
      .execute()
    const teacherOfTwo = await as(world.own.teacherId)
    const two = await teacherOfTwo.put(`${base()}/drafts/${randomUUID()}`, {
      to: [group(`class:${world.own.classId}:parent`), group(`class:${world.own.otherClassId}:parent`)],
    })
    expect(two.statusCode).toBe(422)
    expect(two.json()).toMatchObject({ code: 'reserved-to-direction' })
    await database.db
      .deleteFrom('classMembers')
      .where('classId', '=', world.own.otherClassId)
      .where('userId', '=', world.own.teacherId)
      .execute()
    const director = await as(world.own.directorId)
    const { sent } = await send(director, {
      subject: 'Fête de l’école',
      bodyHtml: '<p>Samedi</p>',
      to: [group('school:parent')],
    })
    expect(sent.json()).toMatchObject({ state: 'sent', recipients: 2 })
  })

  it('sanitises the body on the server', async () => {
    const teacher = await as(world.own.teacherId)
    const { id } = await send(teacher, {
      subject: 'Script',
      bodyHtml:
        '<p onclick="x()">Texte<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">lien</a></p>',
      to: [person(world.own.parentId)],
    })
    const detail = (await teacher.get(`/api/messaging/messages/${id}`)).json() as MessageDetail
    expect(detail.bodyHtml).not.toMatch(/script|onclick|onerror|javascript|<img/i)
    expect(detail.bodyHtml).toContain('Texte')
  })

  it('sends a message once, whatever the retries', async () => {
    const teacher = await as(world.own.teacherId)
    const { id, sent } = await send(teacher, { subject: 'Une fois', to: [person(world.own.parentId)] })
    const again = await teacher.post(`${base()}/drafts/${id}/send`, {})
    expect(again.json()).toEqual(sent.json())
    const entries = await database.db
      .selectFrom('mailboxEntries')
      .select('userId')
      .where('messageId', '=', id)
      .execute()
    expect(entries).toHaveLength(2) // the author's copy and the parent's
    const edit = await teacher.put(`${base()}/drafts/${id}`, { subject: 'Changé' })
    expect(edit.statusCode).toBe(409)
  })

  it('finds messages by French full-text search (plural, accents of the language)', async () => {
    const teacher = await as(world.own.teacherId)
    await send(teacher, {
      subject: 'Réunions de parents',
      bodyHtml: '<p>Les réunions auront lieu mardi.</p>',
      to: [person(world.own.parentId)],
    })
    const parent = await as(world.own.parentId)
    const found = await inbox(parent, `?q=${encodeURIComponent('réunion')}`)
    expect(found.messages.map((m) => m.subject)).toEqual(['Réunions de parents'])
    expect((await inbox(parent, '?q=piscine')).messages).toEqual([])
  })

  it('recalls a message nobody has read, and refuses once it has been read', async () => {
    const teacher = await as(world.own.teacherId)
    const first = await send(teacher, { subject: 'Erreur', to: [person(world.own.parentId)] })
    const recalled = await teacher.post(`${base()}/messages/${first.id}/recall`)
    expect(recalled.json()).toEqual({ recipients: 1 })
    const parent = await as(world.own.parentId)
    expect((await parent.get(`/api/messaging/messages/${first.id}`)).statusCode).toBe(404)
    const audit = await database.db
      .selectFrom('auditLog')
      .select('action')
      .where('targetId', '=', first.id)
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['messaging.recall'])

    const second = await send(teacher, { subject: 'Lu', to: [person(world.own.parentId)] })
    await parent.put(`/api/messaging/messages/${second.id}/read`, { read: true })
    const late = await teacher.post(`${base()}/messages/${second.id}/recall`)
    expect(late.statusCode).toBe(409)
    expect(late.json().detail).toBe('Ce message a déjà été lu : il ne peut plus être rappelé.')
  })

  it('puts a delivered message in its recipients’ news feed, and takes it back with a recall', async () => {
    const teacher = await as(world.own.teacherId)
    const parent = await as(world.own.parentId)
    const feedLinks = async () =>
      ((await parent.get('/api/feed')).json() as { items: { link: string; title: string }[] }).items
    const unreadMessaging = async () =>
      ((await parent.get('/api/feed/unread')).json() as { byApp: Record<string, number> }).byApp.messaging ??
      0
    const before = await unreadMessaging()
    const { id } = await send(teacher, { subject: 'Sortie au musée', to: [person(world.own.parentId)] })
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
    await test.app.realtime.listening
    const teacher = await as(world.own.teacherId)
    const parent = await as(world.own.parentId)
    const unread = async () => (await parent.get('/api/messaging/folders')).json().unread as number
    const before = await unread()
    await inbox(parent)
    // A delivery shows at once on this instance.
    const { id } = await send(teacher, { subject: 'Réunion de rentrée', to: [person(world.own.parentId)] })
    expect((await inbox(parent)).messages[0]).toMatchObject({ id, readAt: null })
    expect(await unread()).toBe(before + 1)
    // The send's own notices reach this instance (and forget again) within milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 500))
    await inbox(parent)
    // Another instance marks it read: until its notice arrives, this one answers as before…
    await database.db
      .updateTable('mailboxEntries')
      .set({ readAt: new Date() })
      .where('messageId', '=', id)
      .where('userId', '=', world.own.parentId)
      .execute()
    expect((await inbox(parent)).messages[0]).toMatchObject({ id, readAt: null })
    // … then reads again.
    await sql`select pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify({
      u: [world.own.parentId],
      e: { type: 'messaging.mailbox' },
    })})`.execute(database.db)
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

  it('schedules a message: refused in the past, invisible before its time, delivered by the job', async () => {
    const teacher = await as(world.own.teacherId)
    const past = await send(
      teacher,
      { subject: 'Passé', to: [person(world.own.parentId)] },
      { scheduledFor: '2020-01-01T08:00:00.000Z' },
    )
    expect(past.sent.statusCode).toBe(422)
    const later = new Date(Date.now() + 3_600_000).toISOString()
    const { id, sent } = await send(
      teacher,
      { subject: 'Programmé', to: [person(world.own.parentId)] },
      { scheduledFor: later },
    )
    expect(sent.json()).toMatchObject({ state: 'scheduled', recipients: 1 })
    const parent = await as(world.own.parentId)
    expect((await inbox(parent)).messages.map((m) => m.id)).not.toContain(id)
    expect((await parent.get(`/api/messaging/messages/${id}`)).statusCode).toBe(404)
    // Its time comes.
    const due = new Date(Date.now() - 1000)
    await database.db.updateTable('messages').set({ sentAt: due }).where('id', '=', id).execute()
    await database.db.updateTable('mailboxEntries').set({ sentAt: due }).where('messageId', '=', id).execute()
    expect(await deliverDueMessages(database.db)).toBe(1)
    expect((await inbox(parent)).messages.map((m) => m.id)).toContain(id)
    const state = await database.db
      .selectFrom('messages')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(state.state).toBe('sent')
  })

  it('« Annuler l’envoi » puts a scheduled message back in its author’s drafts, never once it left', async () => {
    const teacher = await as(world.own.teacherId)
    const parent = await as(world.own.parentId)
    const later = new Date(Date.now() + 3_600_000).toISOString()
    const { id, sent } = await send(
      teacher,
      { subject: 'Sortie annulée', to: [person(world.own.parentId)] },
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
    await database.db
      .updateTable('mailboxEntries')
      .set({ sentAt: new Date(Date.now() - 1000) })
      .where('messageId', '=', id)
      .execute()
    expect(await deliverDueMessages(database.db)).toBe(0)
    expect((await inbox(parent)).messages.map((m) => m.id)).not.toContain(id)
    // A draft again: changed, then sent at once.
    expect(
      (
        await teacher.put(`${base()}/drafts/${id}`, {
          subject: 'Sortie maintenue',
          to: [person(world.own.parentId)],
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
    const teacher = await as(world.own.teacherId)
    const { id } = await send(teacher, { subject: 'À ranger', to: [person(world.users.staff)] })
    const staff = await as(world.users.staff)
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
    const teacher = await as(world.own.teacherId)
    const { id } = await send(teacher, { subject: 'Vieux message', to: [person(world.own.parentId)] })
    const parent = await as(world.own.parentId)
    await parent.delete(`/api/messaging/messages/${id}`)
    await database.db
      .updateTable('mailboxEntries')
      .set({ trashedAt: new Date(Date.now() - 31 * 86_400_000) })
      .where('messageId', '=', id)
      .where('userId', '=', world.own.parentId)
      .execute()
    expect(await emptyOldTrash(database.db)).toBeGreaterThanOrEqual(1)
    expect((await parent.get(`/api/messaging/messages/${id}`)).statusCode).toBe(404)
    expect((await teacher.get(`/api/messaging/messages/${id}`)).statusCode).toBe(200)
  })

  it('forwards a message with its attachments', async () => {
    const teacher = await as(world.own.teacherId)
    const id = randomUUID()
    await teacher.put(`${base()}/drafts/${id}`, { subject: 'Menu', to: [person(world.own.parentId)] })
    await teacher.request({
      method: 'POST',
      url: `${base()}/drafts/${id}/attachments`,
      payload: multipartBody('menu.pdf', PDF),
      headers: multipartHeaders,
    })
    await teacher.post(`${base()}/drafts/${id}/send`, {})
    const parent = await as(world.own.parentId)
    const forwardId = randomUUID()
    await parent.post(`${base()}/drafts/${forwardId}/from`, { messageId: id, mode: 'forward' })
    const draft = (await parent.get(`/api/messaging/messages/${forwardId}`)).json() as MessageDetail
    expect(draft.subject).toBe('Tr : Menu')
    expect(draft.attachments.map((a) => a.fileName)).toEqual(['menu.pdf'])
    expect(draft.state).toBe('draft')
  })

  it('refuses an executable attachment and a file whose bytes contradict its name', async () => {
    const teacher = await as(world.own.teacherId)
    const id = randomUUID()
    await teacher.put(`${base()}/drafts/${id}`, { subject: 'Fichiers' })
    const upload = (name: string, content: Buffer) =>
      teacher.request({
        method: 'POST',
        url: `${base()}/drafts/${id}/attachments`,
        payload: multipartBody(name, content),
        headers: multipartHeaders,
      })
    expect((await upload('photo.png', PDF)).statusCode).toBe(422)
    expect((await upload('virus.exe', Buffer.from('MZ\x90\x00\x03'))).statusCode).toBeGreaterThanOrEqual(415)
    const draft = (await teacher.get(`/api/messaging/messages/${id}`)).json() as MessageDetail
    expect(draft.attachments).toEqual([])
  })

  it('caps a parent’s sending per day with a French problem', async () => {
    const parent = await as(otherParentId)
    for (let i = 0; i < 3; i++) {
      const { sent } = await send(parent, { subject: `Message ${i}`, to: [person(world.own.teacherId)] })
      expect(sent.statusCode).toBe(200)
    }
    const { sent } = await send(parent, { subject: 'De trop', to: [person(world.own.teacherId)] })
    expect(sent.statusCode).toBe(429)
    expect(sent.json().detail).toMatch(/limite de 3 messages/)
  })

  it('reports a message to the direction, who suspends the author at once, then lifts it (audited)', async () => {
    const teacher = await as(world.own.teacherId)
    const { id } = await send(teacher, {
      subject: 'Message déplacé',
      bodyHtml: '<p>Contenu douteux</p>',
      to: [person(world.own.parentId)],
    })
    const parent = await as(world.own.parentId)
    const report = await parent.post(`${base()}/messages/${id}/report`, { reason: 'Propos inappropriés' })
    expect(report.statusCode, report.body).toBe(200)
    expect((await parent.post(`${base()}/messages/${id}/report`, {})).statusCode).toBe(200)

    const director = await as(world.own.directorId)
    const alert = (await inbox(director, `?q=${encodeURIComponent('déplacé')}`)).messages[0]
    expect(alert?.subject).toBe('Signalement : Message déplacé')
    const alertBody = (await director.get(`/api/messaging/messages/${alert?.id}`)).json() as MessageDetail
    expect(alertBody.bodyHtml).toContain('Propos inappropriés')
    expect(alertBody.bodyHtml).toContain('Contenu douteux')
    const overview = (await director.get(`${base()}/safety`)).json()
    expect(overview.reports).toHaveLength(1)
    expect(overview.reports[0]).toMatchObject({ reason: 'Propos inappropriés', authorSuspended: false })

    const suspend = await director.put(`${base()}/suspensions/${world.own.teacherId}`, {
      reason: 'Signalement',
    })
    expect(suspend.statusCode).toBe(200)
    const refused = await send(teacher, { subject: 'Encore', to: [person(world.own.parentId)] })
    expect(refused.sent.statusCode).toBe(403)
    expect(refused.sent.json().detail).toMatch(/suspendu/)
    expect((await director.get(`${base()}/safety`)).json().suspensions[0].user.id).toBe(world.own.teacherId)

    expect((await director.delete(`${base()}/suspensions/${world.own.teacherId}`)).statusCode).toBe(200)
    const again = await teacher.post(`${base()}/drafts/${refused.id}/send`, {})
    expect(again.statusCode).toBe(200)
    const actions = await database.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'like', 'messaging.%')
      .where('action', '<>', 'messaging.recall')
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      'messaging.report',
      'messaging.suspend',
      'messaging.liftSuspension',
    ])
  })

  it('gives the simplified composer to a pupil of CP, with people and no groups', async () => {
    const klass = await database.db
      .insertInto('classes')
      .values({
        schoolId: world.own.id,
        schoolYearId: (await database.db.selectFrom('schoolYears').select('id').executeTakeFirstOrThrow()).id,
        name: 'CP B',
        levels: ['CP'],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const pupil = await buildUser(database.db, { firstName: 'Tom', lastName: 'Petit' })
    await addMember(database.db, {
      schoolId: world.own.id,
      userId: pupil.id,
      profile: 'pupil',
      classId: klass.id,
    })
    const offered = (await (await as(pupil.id)).get(`${base()}/recipients`)).json() as RecipientsResponse
    expect(offered.simplified).toBe(true)
    expect(offered.groups).toEqual([])
    expect((await (await as(world.own.pupilId)).get(`${base()}/recipients`)).json().simplified).toBe(false)
  })
})
