import { type RawBuilder, sql } from 'kysely'
import type { Audience } from '../../../contract/communication.ts'
import type { AddresseeRef } from '../../../contract/messaging.ts'
import type { Profile } from '../../../contract/structures.ts'
import type { MessageAddressee } from '../../db/schema.ts'
import { type Actor, isDirectorOf } from '../../plugins/auth/actor.ts'
import { HttpProblem } from '../../plugins/errors.ts'
import { inSchool, type SchoolScope } from '../../plugins/tenancy.ts'
import { audienceMembers, reachableSql } from '../communication/index.ts'
import { listGroups } from '../directory/index.ts'

type Kind = MessageAddressee['kind']
export type Addressing = Record<Kind, AddresseeRef[]>

/** A refused send or draft: 422, a French sentence, the field it concerns. */
export function refused(detail: string, code = 'recipient-refused'): HttpProblem {
  return new HttpProblem(422, code, detail)
}

/** The audience a group id of the directory names (`class:<id>:<profile>`, `school:<profile>`, a group's id). */
function audienceOf(groupId: string): Audience | null {
  const klass = /^class:([0-9a-f-]{36}):(pupil|parent|teacher)$/.exec(groupId)
  if (klass) return { kind: 'class', classId: klass[1] as string, profile: klass[2] as Profile }
  const school = /^school:([a-z_]+)$/.exec(groupId)
  if (school) return { kind: 'profile', profile: school[1] as Profile }
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(groupId))
    return { kind: 'group', groupId }
  return null
}

/**
 * Checks what the author chose and names it: each group must be one the directory offers this actor,
 * each person one they reach (the communication module decides, never a rule of this module). Whole
 * school groups of pupils or parents, and groups of several classes, are the direction's: a hijacked
 * account cannot write to the whole school (the ministry's rule since 2024).
 */
export async function checkAddressing(
  scope: SchoolScope,
  actor: Actor,
  addressing: Addressing,
): Promise<MessageAddressee[]> {
  const all = (['to', 'cc', 'bcc'] as const).flatMap((kind) =>
    addressing[kind].map((ref) => ({ kind, ...ref })),
  )
  const groupRefs = all.filter((ref) => ref.type === 'group')
  const personRefs = all.filter((ref) => ref.type === 'person')
  const names = new Map<string, string>()
  if (groupRefs.length > 0) {
    const offered = new Map(
      (await listGroups(scope, actor, { sizes: false })).groups.map((group) => [group.id, group]),
    )
    for (const ref of groupRefs) {
      const group = offered.get(ref.id)
      if (!group) throw refused('Vous ne pouvez pas écrire à ce groupe.')
      names.set(`group:${ref.id}`, group.name)
    }
    const isDirector = isDirectorOf(actor, scope.schoolId)
    const classes = new Set(groupRefs.map((ref) => /^class:([^:]+):/.exec(ref.id)?.[1]).filter(Boolean))
    const wholeSchool = groupRefs.some((ref) => ref.id === 'school:pupil' || ref.id === 'school:parent')
    if (!isDirector && (wholeSchool || classes.size > 1))
      throw refused(
        'Écrire à toute l’école ou à plusieurs classes à la fois est réservé à la direction.',
        'reserved-to-direction',
      )
  }
  if (personRefs.length > 0) {
    const ids = [...new Set(personRefs.map((ref) => ref.id))]
    if (ids.some((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)))
      throw refused('Vous ne pouvez pas écrire à cette personne.')
    const reachable = await reachableSql(scope, actor)
    const { rows } = await sql<{ id: string; displayName: string }>`
      select u.id, u.first_name || ' ' || upper(u.last_name) as display_name
      from users u
      where u.id = any(${ids}::uuid[]) and u.id in (select reach.user_id from (${reachable}) as reach(user_id))
    `.execute(scope.db)
    if (rows.length < ids.length) throw refused('Vous ne pouvez pas écrire à cette personne.')
    for (const row of rows) names.set(`person:${row.id}`, row.displayName)
  }
  return all.map((ref) => ({ ...ref, name: names.get(`${ref.type}:${ref.id}`) ?? '' }))
}

/**
 * Delivers `messageId` to everyone its addressees name, in one `insert … select`: the people and the
 * members of the groups, kept to those the author reaches now, once each (their most visible role:
 * to, then cc, then bcc), never the author. Returns the recipients' ids.
 */
export async function insertRecipients(
  scope: SchoolScope,
  actor: Actor,
  input: RecipientsInput,
): Promise<string[]> {
  const insert = await recipientsInsert(scope, actor, input)
  if (!insert) return []
  // The ids come back as one comma-separated text: 700 rows (or a text array) cost more to parse and
  // rename in Node than the split of one string.
  const { rows } = await sql<{ ids: string | null }>`
    with delivered as (${insert})
    select string_agg(user_id::text, ',') as ids from delivered
  `.execute(scope.db)
  const ids = rows[0]?.ids
  return ids ? ids.split(',') : []
}

type RecipientsInput = { messageId: string; sentAt: Date; addressees: readonly MessageAddressee[] }

/**
 * The `insert into mailbox_entries … returning user_id` of `insertRecipients`, not run: the body of a
 * common table expression, for a statement that also writes from the rows it inserts (the send gives
 * it to the feed, which delivers to the same people in the same statement). `reachableSql` is resolved
 * inside it, so who receives is decided by the statement that writes (ADR 0009). Null when the
 * addressees name nobody.
 */
export async function recipientsInsert(
  scope: SchoolScope,
  actor: Actor,
  input: RecipientsInput,
): Promise<RawBuilder<unknown> | null> {
  const rank: Record<Kind, number> = { to: 1, cc: 2, bcc: 3 }
  const parts: RawBuilder<unknown>[] = []
  const people = (kind: Kind) =>
    input.addressees.filter((a) => a.kind === kind && a.type === 'person').map((a) => a.id)
  for (const kind of ['to', 'cc', 'bcc'] as const) {
    const ids = people(kind)
    if (ids.length > 0) parts.push(sql`select unnest(${ids}::uuid[]), ${rank[kind]}::int`)
  }
  for (const addressee of input.addressees) {
    if (addressee.type !== 'group') continue
    const audience = audienceOf(addressee.id)
    if (audience)
      parts.push(
        sql`select g.user_id, ${rank[addressee.kind]}::int from (${audienceMembers(scope, audience)}) as g(user_id)`,
      )
  }
  if (parts.length === 0) return null
  const reachable = await reachableSql(scope, actor)
  return sql`
    insert into mailbox_entries (school_id, message_id, user_id, role, folder, sent_at)
    select ${scope.schoolId}::uuid, ${input.messageId}::uuid, c.user_id,
      (array['to', 'cc', 'bcc'])[min(c.rank)], 'inbox', ${input.sentAt}::timestamptz
    from (${sql.join(parts, sql` union all `)}) as c(user_id, rank)
    where c.user_id <> ${actor.userId}
      and c.user_id in (select reach.user_id from (${reachable}) as reach(user_id))
    group by c.user_id
    returning user_id
  `
}

/** Whether the actor is a pupil of maternelle or CP only in this school: the simplified composer. */
export async function isYoungPupil(scope: SchoolScope, actor: Actor): Promise<boolean> {
  const memberships = actor.memberships.filter((m) => m.schoolId === scope.schoolId)
  if (memberships.length === 0 || memberships.some((m) => m.profile !== 'pupil')) return false
  const classIds = memberships.flatMap((m) => m.classIds)
  if (classIds.length === 0) return false
  const { rows } = await sql<{ young: boolean }>`
    select bool_and(c.levels <@ array['TPS', 'PS', 'MS', 'GS', 'CP']::text[]) as young
    from classes c where ${inSchool(scope, 'c')} and c.id = any(${classIds}::uuid[])
  `.execute(scope.db)
  return rows[0]?.young ?? false
}
