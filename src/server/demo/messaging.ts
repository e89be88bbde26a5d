import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { type RawBuilder, sql } from 'kysely'
import PDFDocument from 'pdfkit'
import type { Db } from '../db/connection.ts'
import { deliveryFeedItem, sanitizeBody } from '../modules/messaging/index.ts'
import type { BlobStorage } from '../plugins/blobs/index.ts'
import type { DemoDeployment } from './demo-deployment.ts'
import type { TimedFeedItem } from './feed.ts'

/**
 * A living Messagerie for every demo persona: in each school, the director's message to all families
 * (with the programme of the school fête as a PDF), each teacher's message to the parents of their class
 * and a conversation with two families, a word to the pupils, the team's and the partners' messages.
 * The latest of each person's messages is unread. Written in the demo's transaction, set-based; each
 * message's item for its recipients' « Quoi de neuf » is returned, as a delivery would publish it.
 */
export async function loadDemoMessaging(
  trx: Db,
  demo: DemoDeployment,
  now: Date,
  storage?: BlobStorage,
): Promise<TimedFeedItem[]> {
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000)
  const programme = await storeProgramme(trx, storage)
  const sent: SentMessage[] = []
  const showcased = new Set(
    demo.showcase.map((s) => demo.users.find((u) => u.login === s.login)?.id).filter(Boolean),
  )
  for (const school of demo.schools) {
    const members = demo.memberships.filter((m) => m.schoolId === school.id)
    const director = members.find((m) => m.functions.includes('director'))?.userId
    if (!director) continue
    const inSchool = (profiles: string[]) =>
      sql`select distinct m.user_id from memberships m where m.school_id = ${school.id}
        and m.profile = any(${profiles}::text[]) and m.user_id <> ${director}`
    const send = async (input: Omit<Parameters<typeof deliver>[1], 'schoolId'>) => {
      const id = await deliver(trx, { schoolId: school.id, ...input })
      sent.push({ id, schoolId: school.id, authorId: input.authorId, sentAt: input.sentAt, read: input.read })
      return id
    }

    const fete = await send({
      authorId: director,
      subject: 'Fête de l’école samedi 20 juin',
      html: `<p>Chères familles,</p><p>La fête de l’école aura lieu le <strong>samedi 20 juin</strong> de 10 h à 16 h dans la cour de ${school.name}. Vous trouverez le programme en pièce jointe.</p><p>Nous cherchons des parents volontaires pour tenir les stands : répondez à ce message si vous êtes disponibles.</p><p>Bien cordialement,<br>La direction</p>`,
      groups: [{ id: 'school:parent', name: 'Parents de l’école' }],
      recipients: inSchool(['parent', 'staff', 'teacher']),
      sentAt: hoursAgo(30),
      read: false,
    })
    if (programme)
      await trx
        .insertInto('messageAttachments')
        .values({ schoolId: school.id, messageId: fete, blobId: programme })
        .execute()
    await send({
      authorId: director,
      subject: 'Conseil des maîtres jeudi',
      html: '<p>Bonjour à toutes et à tous,</p><p>Le conseil des maîtres se tiendra jeudi à 17 h en salle des maîtres. Ordre du jour : projet d’école, sorties du trimestre, évaluations.</p>',
      groups: [{ id: 'school:teacher', name: 'Enseignants de l’école' }],
      recipients: inSchool(['teacher']),
      sentAt: hoursAgo(4),
      read: false,
    })
    await send({
      authorId: director,
      subject: 'Travaux et planning de la cantine',
      html: '<p>Bonjour,</p><p>Les travaux de la cour commencent lundi : merci de prévoir l’accès des livraisons par le portail nord. Le planning de la cantine suit.</p>',
      groups: [{ id: 'school:staff', name: 'Personnels de l’école' }],
      recipients: inSchool(['staff', 'collectivity_agent', 'academic', 'guest']),
      sentAt: hoursAgo(50),
      read: false,
    })

    const askingParent = demo.familyLinks.find((f) => f.schoolId === school.id)
    if (askingParent) {
      const child = demo.users.find((u) => u.id === askingParent.pupilId)
      await send({
        authorId: askingParent.parentId,
        subject: 'Demande de rendez-vous',
        html: `<p>Bonjour,</p><p>Je souhaiterais vous rencontrer au sujet de l’inscription de ${child?.firstName ?? 'mon enfant'} à l’étude du soir. Seriez-vous disponible jeudi après la classe ?</p><p>Merci d’avance</p>`,
        people: [{ id: director }],
        recipients: sql`select ${director}::uuid`,
        sentAt: hoursAgo(6),
        read: false,
      })
    }

    const classes = demo.classes.filter((c) => c.schoolId === school.id)
    for (const klass of classes) {
      const teacher = demo.classMembers.find((cm) => cm.classId === klass.id && cm.role === 'teacher')?.userId
      if (!teacher) continue
      const pupils = demo.classMembers
        .filter((cm) => cm.classId === klass.id && cm.role === 'pupil')
        .map((cm) => cm.userId)
      const parentsOfClass = sql`select distinct f.parent_id from family_links f
        join class_members cm on cm.school_id = f.school_id and cm.user_id = f.pupil_id and cm.role = 'pupil'
        where f.school_id = ${school.id} and cm.class_id = ${klass.id}`
      const outing = await send({
        authorId: teacher,
        subject: `${klass.name} : sortie à la médiathèque mardi`,
        html: `<p>Bonjour,</p><p>La classe de ${klass.name} ira à la médiathèque mardi matin. Merci de prévoir une tenue adaptée à la pluie et un petit goûter.</p><ul><li>Départ : 9 h</li><li>Retour : 11 h 30</li></ul><p>Merci de me confirmer votre accord en répondant à ce message.</p>`,
        groups: [{ id: `class:${klass.id}:parent`, name: `Parents de ${klass.name}` }],
        recipients: parentsOfClass,
        sentAt: hoursAgo(72),
        read: true,
      })
      // The showcased parent's family first, so that the account printed at start has a conversation.
      const families = demo.familyLinks
        .filter((f) => pupils.includes(f.pupilId))
        .sort((a, b) => Number(showcased.has(b.parentId)) - Number(showcased.has(a.parentId)))
        .slice(0, 2)
      for (const [index, family] of families.entries()) {
        const child = demo.users.find((u) => u.id === family.pupilId)
        const reply = await send({
          authorId: family.parentId,
          subject: `Re : ${klass.name} : sortie à la médiathèque mardi`,
          html: `<p>Bonjour,</p><p>C’est noté, ${child?.firstName ?? 'mon enfant'} participera à la sortie. ${index === 0 ? 'Je peux accompagner la classe si besoin.' : 'Faut-il prévoir un pique-nique ?'}</p><p>Bonne journée</p>`,
          people: [{ id: teacher }],
          recipients: sql`select ${teacher}::uuid`,
          sentAt: hoursAgo(60 - index),
          read: true,
          inReplyTo: outing,
        })
        await send({
          authorId: teacher,
          subject: `Re : ${klass.name} : sortie à la médiathèque mardi`,
          html:
            index === 0
              ? '<p>Merci beaucoup ! Avec plaisir : rendez-vous mardi à 8 h 50 devant l’école.</p>'
              : '<p>Bonjour, non, le retour est prévu avant le déjeuner : un goûter suffit. Merci !</p>',
          people: [{ id: family.parentId }],
          recipients: sql`select ${family.parentId}::uuid`,
          sentAt: hoursAgo(2 + index),
          read: false,
          inReplyTo: reply,
        })
      }
      if (pupils.length > 0 && !klass.levels.some((level) => ['TPS', 'PS', 'MS', 'GS'].includes(level))) {
        await send({
          authorId: teacher,
          subject: 'Bravo pour vos exposés !',
          html: '<p>Bonjour les enfants,</p><p>Bravo pour vos exposés sur les animaux de la forêt. Demain, nous choisirons ensemble le thème du prochain.</p>',
          groups: [{ id: `class:${klass.id}:pupil`, name: `Élèves de ${klass.name}` }],
          recipients: sql`select unnest(${pupils}::uuid[])`,
          sentAt: hoursAgo(20),
          read: false,
        })
      }
    }
  }
  return feedItemsOf(trx, sent)
}

type SentMessage = { id: string; schoolId: string; authorId: string; sentAt: Date; read: boolean }

/** What each demo message's delivery puts in its recipients' feed, dated when it left. */
async function feedItemsOf(trx: Db, sent: SentMessage[]): Promise<TimedFeedItem[]> {
  const items: TimedFeedItem[] = []
  for (const message of sent) {
    const recipients = await trx
      .selectFrom('mailboxEntries')
      .select('userId')
      .where('schoolId', '=', message.schoolId)
      .where('messageId', '=', message.id)
      .where('role', '<>', 'author')
      .execute()
    const input = await deliveryFeedItem(trx, {
      schoolId: message.schoolId,
      messageId: message.id,
      authorId: message.authorId,
      recipientIds: recipients.map((r) => r.userId),
    })
    if (input) items.push({ input, at: message.sentAt, read: message.read, notified: true })
  }
  return items
}

type Delivery = {
  schoolId: string
  authorId: string
  subject: string
  html: string
  groups?: { id: string; name: string }[]
  people?: { id: string }[]
  recipients: RawBuilder<unknown>
  sentAt: Date
  read: boolean
  inReplyTo?: string
}

/** One sent message: its row, the author's copy in « Envoyés », one entry per recipient (one statement). */
async function deliver(trx: Db, input: Delivery): Promise<string> {
  const id = randomUUID()
  const { html, text } = sanitizeBody(input.html)
  const names = await trx
    .selectFrom('users')
    .select(['id', sql<string>`first_name || ' ' || upper(last_name)`.as('name')])
    .where('id', 'in', (input.people ?? []).map((p) => p.id).concat('00000000-0000-0000-0000-000000000000'))
    .execute()
  const addressees = [
    ...(input.groups ?? []).map((g) => ({ kind: 'to', type: 'group', id: g.id, name: g.name })),
    ...names.map((n) => ({ kind: 'to', type: 'person', id: n.id, name: n.name })),
  ]
  await trx
    .insertInto('messages')
    .values({
      schoolId: input.schoolId,
      id,
      authorId: input.authorId,
      subject: input.subject,
      bodyHtml: html,
      bodyText: text,
      addressees: JSON.stringify(addressees),
      state: 'sent',
      sentAt: input.sentAt,
      inReplyTo: input.inReplyTo ?? null,
    })
    .execute()
  await trx
    .insertInto('mailboxEntries')
    .values({
      schoolId: input.schoolId,
      messageId: id,
      userId: input.authorId,
      role: 'author',
      folder: 'sent',
      sentAt: input.sentAt,
      readAt: input.sentAt,
    })
    .execute()
  await sql`insert into mailbox_entries (school_id, message_id, user_id, role, folder, sent_at, read_at)
    select ${input.schoolId}::uuid, ${id}::uuid, r.user_id, 'to', 'inbox', ${input.sentAt}::timestamptz,
      ${input.read ? input.sentAt : null}::timestamptz
    from (${input.recipients}) as r(user_id)
    where r.user_id is not null and r.user_id <> ${input.authorId}
    on conflict do nothing`.execute(trx)
  return id
}

/** The fête's programme, a one-page PDF, kept in the blob store (its file too when a store is given). */
async function storeProgramme(trx: Db, storage: BlobStorage | undefined): Promise<string | null> {
  const content = await programmePdf()
  const sha256 = createHash('sha256').update(content).digest()
  if (storage) {
    const tempPath = path.join(storage.tempDir, `${randomUUID()}.part`)
    await fs.mkdir(storage.tempDir, { recursive: true })
    await fs.writeFile(tempPath, content)
    try {
      await storage.keep(tempPath, sha256.toString('hex'), content.length)
    } finally {
      await fs.rm(tempPath, { force: true })
    }
  }
  const blob = await trx
    .insertInto('blobs')
    .values({
      sha256,
      size: content.length,
      contentType: 'application/pdf',
      fileName: 'programme-fete-ecole.pdf',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return blob.id
}

function programmePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: 'Programme de la fête de l’école' },
    })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.font('Helvetica-Bold').fontSize(20).text("Fête de l'école — samedi 20 juin")
    doc.moveDown().font('Helvetica').fontSize(12)
    for (const line of [
      '10 h : spectacle des classes de maternelle',
      '11 h : chorale des classes élémentaires',
      '12 h : pique-nique partagé dans la cour',
      '14 h : stands et jeux (chamboule-tout, pêche à la ligne, maquillage)',
      '16 h : tirage de la tombola',
    ])
      doc.text(`•  ${line}`).moveDown(0.3)
    doc.end()
  })
}
