import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { MailboxPage, MessageDetail, RecipientsResponse } from '../../../contract/messaging.ts'
import { multipartBody, multipartHeaders, PDF } from '../../plugins/blobs/blob-test-kit.ts'
import { useMessagingWorld } from './messaging-test-kit.ts'

describe('messagerie: writing and sending', () => {
  const kit = useMessagingWorld()
  const { as, base, person, group, send, inbox, countRows } = kit

  it('delivers a teacher’s message with its attachment to the parents of her class, who read it and reply', async () => {
    const teacher = await as(kit.world.own.teacherId)
    const id = randomUUID()
    await teacher.put(`${base()}/drafts/${id}`, {
      subject: 'Sortie au musée',
      bodyHtml: '<p>Bonjour, la <strong>sortie</strong> a lieu jeudi.</p>',
      to: [group(`class:${kit.world.own.classId}:parent`)],
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

    const parent = await as(kit.world.own.parentId)
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
    const pupil = await as(kit.world.own.pupilId)
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
    const teacher = await as(kit.world.own.teacherId)
    const { id } = await send(teacher, {
      subject: 'Copie cachée',
      bodyHtml: '<p>Bonjour</p>',
      to: [person(kit.world.own.parentId)],
      bcc: [person(kit.world.users.staff)],
    })
    const parentView = (await (await as(kit.world.own.parentId)).get(`/api/messaging/messages/${id}`)).json()
    expect(parentView.addressees.map((a: { id: string }) => a.id)).toEqual([kit.world.own.parentId])
    const staffView = (await (await as(kit.world.users.staff)).get(`/api/messaging/messages/${id}`)).json()
    expect(staffView.addressees.map((a: { kind: string }) => a.kind)).not.toContain('bcc')
    const authorView = (await teacher.get(`/api/messaging/messages/${id}`)).json()
    expect(authorView.addressees.map((a: { kind: string }) => a.kind)).toEqual(['to', 'bcc'])
  })

  it('never offers nor accepts another family’s parent to a parent, and stores nothing', async () => {
    const parent = await as(kit.world.own.parentId)
    const offered = (await parent.get(`${base()}/recipients?q=martin`)).json() as RecipientsResponse
    expect(offered.people).toEqual([])
    const everyone = (await parent.get(`${base()}/recipients?limit=50`)).json() as RecipientsResponse
    expect(everyone.people.map((p) => p.id)).not.toContain(kit.otherParentId)
    expect(everyone.people.map((p) => p.id)).toContain(kit.world.own.teacherId)
    const [messages, entries] = [await countRows('messages'), await countRows('mailbox_entries')]
    const refused = await parent.put(`${base()}/drafts/${randomUUID()}`, {
      subject: 'Bonjour',
      to: [person(kit.otherParentId)],
    })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().detail).toBe('Vous ne pouvez pas écrire à cette personne.')
    const groupRefused = await parent.put(`${base()}/drafts/${randomUUID()}`, {
      to: [group(`class:${kit.world.own.classId}:parent`)],
    })
    expect(groupRefused.statusCode).toBe(422)
    expect(await countRows('messages')).toBe(messages)
    expect(await countRows('mailbox_entries')).toBe(entries)
  })

  it('lets a pupil write to their class but not to another class', async () => {
    const pupil = await as(kit.world.own.pupilId)
    const offered = (await pupil.get(`${base()}/recipients?limit=50`)).json() as RecipientsResponse
    expect(offered.people.map((p) => p.id)).toContain(kit.otherPupilId)
    expect(offered.people.map((p) => p.id)).not.toContain(kit.world.own.otherClassPupilId)
    const refused = await pupil.put(`${base()}/drafts/${randomUUID()}`, {
      to: [person(kit.world.own.otherClassPupilId)],
    })
    expect(refused.statusCode).toBe(422)
    const { sent } = await send(pupil, { subject: 'Coucou', to: [person(kit.otherPupilId)] })
    expect(sent.json()).toMatchObject({ state: 'sent', recipients: 1 })
  })

  it('keeps a message to the whole school or to several classes for the direction', async () => {
    const teacher = await as(kit.world.own.teacherId)
    const whole = await teacher.put(`${base()}/drafts/${randomUUID()}`, { to: [group('school:parent')] })
    expect(whole.statusCode).toBe(422)
    // A teacher of two classes writes to one class at a time.
    await kit.database.db
      .insertInto('classMembers')
      .values({
        schoolId: kit.world.own.id,
        classId: kit.world.own.otherClassId,
        userId: kit.world.own.teacherId,
        role: 'teacher',
      })
      .execute()
    const teacherOfTwo = await as(kit.world.own.teacherId)
    const two = await teacherOfTwo.put(`${base()}/drafts/${randomUUID()}`, {
      to: [
        group(`class:${kit.world.own.classId}:parent`),
        group(`class:${kit.world.own.otherClassId}:parent`),
      ],
    })
    expect(two.statusCode).toBe(422)
    expect(two.json()).toMatchObject({ code: 'reserved-to-direction' })
    await kit.database.db
      .deleteFrom('classMembers')
      .where('classId', '=', kit.world.own.otherClassId)
      .where('userId', '=', kit.world.own.teacherId)
      .execute()
    const director = await as(kit.world.own.directorId)
    const { sent } = await send(director, {
      subject: 'Fête de l’école',
      bodyHtml: '<p>Samedi</p>',
      to: [group('school:parent')],
    })
    expect(sent.json()).toMatchObject({ state: 'sent', recipients: 2 })
  })

  it('sanitises the body on the server', async () => {
    const teacher = await as(kit.world.own.teacherId)
    const { id } = await send(teacher, {
      subject: 'Script',
      bodyHtml:
        '<p onclick="x()">Texte<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">lien</a></p>',
      to: [person(kit.world.own.parentId)],
    })
    const detail = (await teacher.get(`/api/messaging/messages/${id}`)).json() as MessageDetail
    expect(detail.bodyHtml).not.toMatch(/script|onclick|onerror|javascript|<img/i)
    expect(detail.bodyHtml).toContain('Texte')
  })

  it('sends a message once, whatever the retries', async () => {
    const teacher = await as(kit.world.own.teacherId)
    const { id, sent } = await send(teacher, { subject: 'Une fois', to: [person(kit.world.own.parentId)] })
    const again = await teacher.post(`${base()}/drafts/${id}/send`, {})
    expect(again.json()).toEqual(sent.json())
    const entries = await kit.database.db
      .selectFrom('mailboxEntries')
      .select('userId')
      .where('messageId', '=', id)
      .execute()
    expect(entries).toHaveLength(2) // the author's copy and the parent's
    const edit = await teacher.put(`${base()}/drafts/${id}`, { subject: 'Changé' })
    expect(edit.statusCode).toBe(409)
  })

  it('finds messages by French full-text search (plural, accents of the language)', async () => {
    const teacher = await as(kit.world.own.teacherId)
    await send(teacher, {
      subject: 'Réunions de parents',
      bodyHtml: '<p>Les réunions auront lieu mardi.</p>',
      to: [person(kit.world.own.parentId)],
    })
    const parent = await as(kit.world.own.parentId)
    const found = await inbox(parent, `?q=${encodeURIComponent('réunion')}`)
    expect(found.messages.map((m) => m.subject)).toEqual(['Réunions de parents'])
    expect((await inbox(parent, '?q=piscine')).messages).toEqual([])
  })

  it('forwards a message with its attachments', async () => {
    const teacher = await as(kit.world.own.teacherId)
    const id = randomUUID()
    await teacher.put(`${base()}/drafts/${id}`, { subject: 'Menu', to: [person(kit.world.own.parentId)] })
    await teacher.request({
      method: 'POST',
      url: `${base()}/drafts/${id}/attachments`,
      payload: multipartBody('menu.pdf', PDF),
      headers: multipartHeaders,
    })
    await teacher.post(`${base()}/drafts/${id}/send`, {})
    const parent = await as(kit.world.own.parentId)
    const forwardId = randomUUID()
    await parent.post(`${base()}/drafts/${forwardId}/from`, { messageId: id, mode: 'forward' })
    const draft = (await parent.get(`/api/messaging/messages/${forwardId}`)).json() as MessageDetail
    expect(draft.subject).toBe('Tr : Menu')
    expect(draft.attachments.map((a) => a.fileName)).toEqual(['menu.pdf'])
    expect(draft.state).toBe('draft')
  })

  it('refuses an executable attachment and a file whose bytes contradict its name', async () => {
    const teacher = await as(kit.world.own.teacherId)
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
    const parent = await as(kit.otherParentId)
    for (let i = 0; i < 3; i++) {
      const { sent } = await send(parent, { subject: `Message ${i}`, to: [person(kit.world.own.teacherId)] })
      expect(sent.statusCode).toBe(200)
    }
    const { sent } = await send(parent, { subject: 'De trop', to: [person(kit.world.own.teacherId)] })
    expect(sent.statusCode).toBe(429)
    expect(sent.json().detail).toMatch(/limite de 3 messages/)
  })
})
