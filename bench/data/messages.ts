import { randomFillSync } from 'node:crypto'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type pg from 'pg'
import { pick } from '../../src/server/demo/names.ts'
import { type CopyWriter, copyText, NULL, RowBatch } from './copy-writer.ts'
import type { DeploymentPlan, SchoolPlan } from './plan.ts'

/**
 * The mail of a generated deployment: N messages written by COPY after the people, each as Messagerie's
 * send leaves it (modules/messaging: compose.service `sendDraft`, addressing `insertRecipients`,
 * delivery `onDelivered`):
 * - one `messages` row (state `sent`, its addressees named as the composer stores them);
 * - one `mailbox_entries` row per recipient (folder `inbox`) and the author's copy (role `author`,
 *   folder `sent`, read);
 * - the news-feed item the send publishes (`feed_items`, kind `messaging.message`) and one
 *   `feed_deliveries` row per recipient, so that the feed's first page is measured on a table of the
 *   same proportions as the mail's.
 * Each message stays within one school, between people who write to each other there: a teacher to
 * parents of their class, a parent to their child's teachers and the director, the director to the staff,
 * a teacher to colleagues. Dates are spread over the current school year up to `today`, newest last
 * within each school; ids are UUID v7 of their own time (the feed orders by item id).
 */

/** Schools whose people are read from the database at once (three small queries). */
const SCHOOLS_PER_QUERY = 100
/** Rows are sent to PostgreSQL in batches of about this many bytes. */
const BATCH_BYTES = 4_000_000
/** Of the recipients of a message more than a week old, this share has read it. */
const READ_RATE_OLD = 0.9
const READ_RATE_RECENT = 0.5
const DAY_MS = 86_400_000

export type MessagesOptions = {
  count: number
  random: () => number
  /** Messages are dated between these two instants (the school year's start and now). */
  from: Date
  to: Date
  onProgress?: (messagesDone: number) => void
}

/** A person as the composer names them (`Prénom NOM`) and as the feed names an author. */
type Person = { id: string; name: string; displayName: string }
type ClassRoster = { teachers: Person[]; parents: Person[] }
type SchoolRoster = { schoolId: string; director: Person | null; staff: Person[]; classes: ClassRoster[] }

/**
 * Writes `options.count` messages into `writer`, school after school, each school getting a share in
 * proportion to its pupils. The people must be loaded (and their indexes built): rosters are read back
 * from the database, a hundred schools at a time, so the heap holds one slice of the region, never its
 * million accounts. Returns the number of messages written.
 */
export async function generateMessages(
  client: pg.ClientBase,
  writer: CopyWriter,
  plan: DeploymentPlan,
  options: MessagesOptions,
): Promise<number> {
  const schools = plan.collectivities.flatMap((c) => c.schools)
  const pupilsOf = (school: SchoolPlan) => school.classes.reduce((n, k) => n + k.pupils, 0)
  const totalPupils = schools.reduce((n, s) => n + pupilsOf(s), 0)
  const messageWriter = new MessageWriter(options)
  let pupilsSoFar = 0
  let done = 0
  for (let start = 0; start < schools.length; start += SCHOOLS_PER_QUERY) {
    const slice = schools.slice(start, start + SCHOOLS_PER_QUERY)
    const rosters = await readRosters(client, slice)
    for (const school of slice) {
      pupilsSoFar += pupilsOf(school)
      // Cumulative rounding: the shares add up to exactly `count`.
      const target = Math.round((options.count * pupilsSoFar) / Math.max(totalPupils, 1))
      const roster = rosters.get(school.id)
      if (!roster) continue
      done += messageWriter.addSchool(roster, target - done)
      if (messageWriter.batch.bytes >= BATCH_BYTES) {
        await writer.send(messageWriter.takeBatch())
        options.onProgress?.(done)
        await nextTurn()
      }
    }
  }
  await writer.send(messageWriter.takeBatch())
  await writer.drain()
  options.onProgress?.(done)
  return done
}

/** The teachers, staff and parents of each school of `slice`, by class. */
async function readRosters(client: pg.ClientBase, slice: SchoolPlan[]): Promise<Map<string, SchoolRoster>> {
  const ids = slice.map((s) => s.id)
  const person = `u.id, u.first_name || ' ' || upper(u.last_name) as name, u.display_name`
  // One after the other: a connection runs one statement at a time (behind the COPY in flight).
  const staff = await client.query<{
    school_id: string
    id: string
    name: string
    display_name: string
    director: boolean
  }>(
    `select m.school_id, ${person}, 'director' = any(m.functions) as director
       from memberships m join users u on u.id = m.user_id
       where m.school_id = any($1::uuid[]) and m.profile in ('teacher', 'staff')`,
    [ids],
  )
  const teachers = await client.query<{
    school_id: string
    class_id: string
    id: string
    name: string
    display_name: string
  }>(
    `select c.school_id, c.class_id, ${person}
       from class_members c join users u on u.id = c.user_id
       where c.school_id = any($1::uuid[]) and c.role = 'teacher'`,
    [ids],
  )
  const parents = await client.query<{
    school_id: string
    class_id: string
    id: string
    name: string
    display_name: string
  }>(
    `select distinct c.school_id, c.class_id, ${person}
       from class_members c
       join family_links f on f.school_id = c.school_id and f.pupil_id = c.user_id
       join users u on u.id = f.parent_id
       where c.school_id = any($1::uuid[]) and c.role = 'pupil'`,
    [ids],
  )
  const asPerson = (row: { id: string; name: string; display_name: string }): Person => ({
    id: row.id,
    name: copyText(jsonString(row.name)),
    displayName: copyText(row.display_name),
  })
  const rosters = new Map<string, SchoolRoster>()
  const classes = new Map<string, ClassRoster>()
  for (const school of slice) {
    const roster: SchoolRoster = { schoolId: school.id, director: null, staff: [], classes: [] }
    for (const klass of school.classes) {
      const entry = { teachers: [], parents: [] }
      roster.classes.push(entry)
      classes.set(klass.id, entry)
    }
    rosters.set(school.id, roster)
  }
  for (const row of staff.rows) {
    const roster = rosters.get(row.school_id)
    if (!roster) continue
    if (row.director && !roster.director) roster.director = asPerson(row)
    else roster.staff.push(asPerson(row))
  }
  for (const row of teachers.rows) classes.get(row.class_id)?.teachers.push(asPerson(row))
  for (const row of parents.rows) classes.get(row.class_id)?.parents.push(asPerson(row))
  for (const roster of rosters.values()) roster.classes = roster.classes.filter((k) => k.parents.length > 0)
  return rosters
}

/** The body of a JSON string literal (the names have no control character). */
function jsonString(value: string): string {
  return JSON.stringify(value).slice(1, -1)
}

/** What a school writes about, as a teacher, a parent, the direction or a colleague would. */
const SUBJECTS = {
  toParents: [
    'Sortie à la médiathèque jeudi',
    'Cahier de liaison à signer',
    'Piscine : bonnets et maillots',
    'Réunion de rentrée de la classe',
    'Photos de classe',
    'Travail à faire pendant l’absence',
    'Rendez-vous pour faire le point',
    'Goûter de fin de période',
  ],
  toTeachers: [
    'Absence de mon enfant',
    'Retard ce matin',
    'Question sur les devoirs',
    'Demande de rendez-vous',
    'Sortie de 16 h 30',
    'Lunettes oubliées en classe',
  ],
  toStaff: [
    'Conseil des maîtres mardi',
    'Exercice d’évacuation',
    'Planning de la cantine',
    'Commande de fournitures',
    'Services de surveillance de la cour',
  ],
  toColleagues: [
    'Échange de service',
    'Matériel de sport',
    'Projet commun de fin d’année',
    'Décloisonnement',
  ],
}
const BODIES = [
  'Bonjour, je vous écris au sujet de la semaine prochaine. Merci de me répondre avant vendredi si quelque chose ne vous convient pas. Bonne journée.',
  'Bonjour, pouvez-vous vérifier le cartable ce soir ? Il manque une autorisation signée pour la sortie. Merci d’avance et bonne soirée.',
  'Bonjour, comme annoncé à la réunion, les horaires changent à partir de lundi : accueil à 8 h 20, sortie à 16 h 30. Cordialement.',
  'Bonjour, merci pour votre message. Je vous propose un rendez-vous mardi après la classe, vers 16 h 45. Dites-moi si cela vous convient.',
  'Bonjour, notre enfant sera absent demain pour un rendez-vous médical. Pouvez-vous nous indiquer le travail à rattraper ? Merci beaucoup.',
  'Bonjour à tous, la piscine reprend jeudi. Prévoyez un sac avec maillot, bonnet et serviette marqués au nom de l’enfant. Merci.',
]

/** Builds the rows of one school's messages into its batch. */
class MessageWriter {
  batch = new RowBatch()
  private readonly options: MessagesOptions
  private readonly newId = uuidV7AtFactory()

  constructor(options: MessagesOptions) {
    this.options = options
  }

  takeBatch(): RowBatch {
    const batch = this.batch
    this.batch = new RowBatch()
    return batch
  }

  /** `count` messages of the school, in time order; fewer when it has nobody to write to. */
  addSchool(roster: SchoolRoster, count: number): number {
    if (count <= 0 || roster.classes.length === 0) return 0
    const from = this.options.from.getTime()
    const span = Math.max(this.options.to.getTime() - from, 1)
    const { random } = this.options
    for (let i = 0; i < count; i++) {
      // The i-th of `count` slices of the year, somewhere within it: increasing, spread, never in the future.
      const sentAt = from + Math.floor((span * (i + random())) / count)
      this.addMessage(roster, sentAt)
    }
    return count
  }

  private addMessage(roster: SchoolRoster, sentAt: number): void {
    const { random } = this.options
    const klass = pick(random, roster.classes)
    const teachers = klass.teachers.length > 0 ? klass.teachers : roster.director ? [roster.director] : []
    const colleagues = roster.director ? [roster.director, ...roster.staff] : roster.staff
    const draw = random()
    let author: Person
    let recipients: Person[]
    let subjects: string[]
    if (draw < 0.45 && teachers.length > 0) {
      author = pick(random, teachers)
      recipients = pickSome(random, klass.parents, 2 + Math.floor(random() * 2))
      subjects = SUBJECTS.toParents
    } else if (draw < 0.8 && teachers.length > 0) {
      author = pick(random, klass.parents)
      recipients = distinct([...teachers, ...(roster.director ? [roster.director] : [])]).slice(0, 3)
      subjects = SUBJECTS.toTeachers
    } else if (draw < 0.9 && roster.director && roster.staff.length > 0) {
      author = roster.director
      recipients = pickSome(random, roster.staff, 2 + Math.floor(random() * 2))
      subjects = SUBJECTS.toStaff
    } else if (colleagues.length > 1) {
      author = pick(random, colleagues)
      recipients = pickSome(
        random,
        colleagues.filter((p) => p !== author),
        2 + Math.floor(random() * 2),
      )
      subjects = SUBJECTS.toColleagues
    } else {
      // A one-class school with no other staff: its teacher writes to the class's parents.
      author = teachers[0] ?? pick(random, klass.parents)
      recipients = pickSome(random, klass.parents, 2).filter((p) => p !== author)
      subjects = SUBJECTS.toParents
    }
    recipients = recipients.filter((p) => p.id !== author.id)
    // Another draw (a class's only parent, say): every school has a class with parents and a teacher.
    if (recipients.length === 0) {
      this.addMessage(roster, sentAt)
      return
    }
    this.write(roster.schoolId, author, recipients, pick(random, subjects), pick(random, BODIES), sentAt)
  }

  private write(
    schoolId: string,
    author: Person,
    recipients: Person[],
    subject: string,
    body: string,
    sentAt: number,
  ): void {
    const { random } = this.options
    // The draft was started a few minutes before it was sent.
    const createdAt = sentAt - Math.floor(random() * 600_000)
    const messageId = this.newId(createdAt)
    const itemId = this.newId(sentAt)
    const sent = new Date(sentAt).toISOString()
    const created = new Date(createdAt).toISOString()
    const addressees = recipients
      .map((p) => `{"kind":"to","type":"person","id":"${p.id}","name":"${p.name}"}`)
      .join(',')
    const subjectText = copyText(subject)
    this.batch.add(
      'messages',
      `${schoolId}\t${messageId}\t${author.id}\t${subjectText}\t<p>${copyText(body)}</p>\t${copyText(body)}\t[${addressees}]\tsent\t${created}\t${sent}\t${sent}\n`,
    )
    this.batch.add(
      'mailboxEntries',
      `${schoolId}\t${messageId}\t${author.id}\tauthor\tsent\t${sent}\t${sent}\n`,
    )
    this.batch.add(
      'feedItems',
      `${schoolId}\t${itemId}\tmessaging\tmessaging.message\t${author.id}\t${subjectText}\tMessage de ${author.displayName}\t/messagerie/messages/${messageId}\t${messageId}\t${sent}\n`,
    )
    const now = this.options.to.getTime()
    const old = now - sentAt > 7 * DAY_MS
    for (const recipient of recipients) {
      const read = random() < (old ? READ_RATE_OLD : READ_RATE_RECENT)
      const readAt = read
        ? new Date(Math.min(sentAt + Math.floor(random() * 2 * DAY_MS), now)).toISOString()
        : NULL
      // An unread item has been in an e-mail already (Messagerie's default is « immediately », a minute
      // after the send): left pending, the whole last day's mail would be e-mailed by the first server
      // started on the region, in the middle of what is measured.
      const notifiedAt = read ? NULL : new Date(Math.min(sentAt + 60_000, now)).toISOString()
      this.batch.add(
        'mailboxEntries',
        `${schoolId}\t${messageId}\t${recipient.id}\tto\tinbox\t${sent}\t${readAt}\n`,
      )
      this.batch.add(
        'feedDeliveries',
        `${recipient.id}\t${itemId}\t${schoolId}\tmessaging\t${readAt}\t${notifiedAt}\n`,
      )
    }
  }
}

/** Up to `n` distinct people of `people`, at random. */
function pickSome(random: () => number, people: Person[], n: number): Person[] {
  if (people.length <= n) return [...people]
  const chosen = new Set<Person>()
  while (chosen.size < n) chosen.add(pick(random, people))
  return [...chosen]
}

function distinct(people: Person[]): Person[] {
  return [...new Map(people.map((p) => [p.id, p])).values()]
}

/**
 * UUID v7 of a given millisecond (the message's or the item's own time, not the generator's clock):
 * 48 bits of time, version, 12 random bits, variant, 62 random bits.
 */
export function uuidV7AtFactory(): (ms: number) => string {
  const pool = Buffer.alloc(10 * 4096)
  let offset = pool.length
  return (ms) => {
    if (offset === pool.length) {
      randomFillSync(pool)
      offset = 0
    }
    const hex = ms.toString(16).padStart(12, '0')
    const bytes = pool.toString('hex', offset, offset + 10)
    const variant = (0x8 | (pool[offset + 2]! & 0x3)).toString(16)
    offset += 10
    return `${hex.slice(0, 8)}-${hex.slice(8)}-7${bytes.slice(0, 3)}-${variant}${bytes.slice(3, 6)}-${bytes.slice(6, 18)}`
  }
}
