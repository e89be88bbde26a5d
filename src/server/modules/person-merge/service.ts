import type { FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { z } from 'zod'
import type { PersonComparison, PersonMerge } from '../../../contract/person-merge.ts'
import type { Db } from '../../db/connection.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import { HttpProblem, notFound } from '../../plugins/errors.ts'
import { auditAuthorOf, recordAudit, writeAudit } from '../audit/index.ts'
import { mergedMail, undoneMail } from './mails.ts'
import { mergeRows, restoreRows } from './merge-rows.ts'
import {
  type AccountRow,
  areWithinCollectivities,
  findAccounts,
  findMerge,
  hasLaterMerge,
  type MergeRow,
  profilesOf,
  recentMerges,
  searchPeople,
} from './queries.ts'

/**
 * Two accounts of one person made one, and undone within a delay (ADR 0014). The syndicate's
 * administrators merge anyone; a collectivity's administrators merge people all of whose schools are
 * their collectivity's (and who hold no deployment role) — anyone else is « introuvable » to them.
 */

type Comparison = z.output<typeof PersonComparison>
type Merge = z.output<typeof PersonMerge>

const refused = (detail: string) => new HttpProblem(409, 'merge-refused', detail)

/** The collectivities an actor's merges are limited to; null: the whole deployment. */
function reachOf(actor: Actor): string[] | null {
  return actor.isSyndicateAdmin ? null : actor.collectivityAdminOf
}

async function reachable(db: Db, actor: Actor, ids: string[]): Promise<boolean> {
  const reach = reachOf(actor)
  return reach === null || (await areWithinCollectivities(db, ids, reach))
}

export async function searchAccounts(request: FastifyRequest, q: string) {
  const actor = request.actor!
  const items = await searchPeople(request.server.db, q, reachOf(actor))
  await recordAudit(request, { action: 'read:people-search', details: { query: q, count: items.length } })
  return { items }
}

/** Why two accounts cannot be one person (or be merged by this actor); null when they can. */
async function refusalOf(db: Db, actor: Actor, a: AccountRow, b: AccountRow): Promise<string | null> {
  if (a.id === b.id) return 'Choisissez deux comptes différents.'
  if (a.isDisabled || b.isDisabled)
    return 'Un de ces comptes est désactivé (déjà réuni à un autre) : il ne peut plus l’être.'
  if (actor.userId === a.id || actor.userId === b.id) {
    return 'Vous ne pouvez pas réunir votre propre compte : demandez-le à un autre administrateur.'
  }
  if (a.birthDate && b.birthDate && a.birthDate !== b.birthDate) {
    return `Les dates de naissance diffèrent (${frenchDate(a.birthDate)} et ${frenchDate(b.birthDate)}) : ce ne sont pas la même personne.`
  }
  const [pa, pb] = await Promise.all([profilesOf(db, a.id), profilesOf(db, b.id)])
  const isPupil = (profiles: string[]) => profiles.includes('pupil')
  const isAdult = (profiles: string[]) => profiles.some((p) => p !== 'pupil')
  if ((isPupil(pa) && isAdult(pb)) || (isAdult(pa) && isPupil(pb))) {
    return 'Un élève et un adulte ne sont pas la même personne : ces comptes ne peuvent pas être réunis.'
  }
  return null
}

const frenchDate = (iso: string) => iso.split('-').reverse().join('/')

/** The account that stays: the activated one; both or neither activated, the older. */
function proposalOf(a: AccountRow, b: AccountRow) {
  const [keep, merge] =
    a.isActivated !== b.isActivated
      ? a.isActivated
        ? [a, b]
        : [b, a]
      : a.createdAt <= b.createdAt
        ? [a, b]
        : [b, a]
  return { keepUserId: keep.id, mergeUserId: merge.id }
}

async function twoAccounts(db: Db, actor: Actor, a: string, b: string): Promise<[AccountRow, AccountRow]> {
  const rows = await findAccounts(db, [a, b])
  const first = rows.find((row) => row.id === a)
  const second = rows.find((row) => row.id === b)
  if (!first || !second || !(await reachable(db, actor, [a, b]))) throw notFound('Compte introuvable.')
  return [first, second]
}

export async function compareAccounts(request: FastifyRequest, a: string, b: string): Promise<Comparison> {
  const db = request.server.db
  const actor = request.actor!
  if (a === b) throw refused('Choisissez deux comptes différents.')
  const [first, second] = await twoAccounts(db, actor, a, b)
  const refusal = await refusalOf(db, actor, first, second)
  await recordAudit(request, {
    action: 'read:person-comparison',
    target: { type: 'user', id: a },
    details: { otherUserId: b },
  })
  const { isDisabled: _a, ...left } = first
  const { isDisabled: _b, ...right } = second
  return {
    accounts: [left, right],
    proposal: refusal ? null : proposalOf(first, second),
    canChooseKept: first.isActivated === second.isActivated,
    refusal,
  }
}

export function toMerge(row: MergeRow, now = new Date()): Merge {
  return {
    id: row.id,
    kept: { id: row.keptUserId, login: row.keptLogin, displayName: row.keptName },
    merged: { id: row.mergedUserId, login: row.mergedLogin, displayName: row.mergedName },
    mergedAt: row.mergedAt,
    mergedBy: row.mergedBy,
    undoUntil: row.undoUntil,
    undoneAt: row.undoneAt,
    undoneBy: row.undoneBy,
    canUndo: row.undoneAt === null && row.undoUntil > now,
  }
}

export async function listMerges(request: FastifyRequest) {
  const rows = await recentMerges(request.server.db, reachOf(request.actor!))
  return { items: rows.map((row) => toMerge(row)) }
}

/**
 * Merges `mergeUserId` into `keepUserId`: every row naming the merged account moves to the kept one
 * (or is removed when the kept one has it already), the kept account gains the contacts and birth date
 * it lacked, the merged account is disabled and its sessions end; audited, and the person is told by
 * e-mail — all in one transaction.
 */
export async function mergeAccounts(
  request: FastifyRequest,
  input: { keepUserId: string; mergeUserId: string },
): Promise<Merge> {
  const app = request.server
  const actor = request.actor!
  if (input.keepUserId === input.mergeUserId) throw refused('Choisissez deux comptes différents.')
  const mergeId = await app.db.transaction().execute(async (trx) => {
    // Both accounts locked, in a fixed order: two administrators merging the same person wait in turn.
    await sql`select id from users where id = any(${[input.keepUserId, input.mergeUserId]}::uuid[])
      order by id for update`.execute(trx)
    const [kept, merged] = await twoAccounts(trx, actor, input.keepUserId, input.mergeUserId)
    const refusal = await refusalOf(trx, actor, kept, merged)
    if (refusal) throw refused(refusal)
    if (merged.isActivated && !kept.isActivated) {
      throw refused(
        `Le compte activé reste : c’est « ${merged.login} » qui garde son mot de passe, « ${kept.login} » qui le rejoint.`,
      )
    }
    const id = await performMerge(trx, {
      keptId: kept.id,
      mergedId: merged.id,
      actorId: actor.userId,
      undoDays: app.config.mergeUndoDays,
    })
    await writeAudit(trx, auditAuthorOf(request), {
      action: 'personMerge.merge',
      target: { type: 'user', id: kept.id },
      details: { mergedUserId: merged.id, mergedLogin: merged.login, keptLogin: kept.login, mergeId: id },
    })
    const email = kept.email ?? merged.email
    if (email) {
      await app.mail.queue(
        mergedMail(email, kept.displayName, kept.login, merged.login, app.config.mergeUndoDays),
        {
          transaction: trx,
        },
      )
    }
    return id
  })
  app.sessions.forgetUser(input.mergeUserId)
  app.sessions.forgetUser(input.keepUserId)
  return toMerge((await findMerge(app.db, mergeId))!)
}

/**
 * The merge itself, in the caller's transaction, without checks, audit or e-mail (the service and the
 * demo's history call it): recorded, rows moved, the kept account completed, the other disabled.
 */
export async function performMerge(
  trx: Db,
  input: { keptId: string; mergedId: string; actorId: string | null; undoDays: number; at?: Date },
): Promise<string> {
  const at = input.at ?? new Date()
  const { rows } = await sql<{ id: string }>`
    insert into person_merges (kept_user_id, merged_user_id, merged_by, merged_at, undo_until, kept_before, merged_before)
    select ${input.keptId}, ${input.mergedId}, ${input.actorId}, ${at}, ${at}::timestamptz + make_interval(days => ${input.undoDays}),
      (select to_jsonb(u.*) from users u where u.id = ${input.keptId}),
      (select to_jsonb(u.*) from users u where u.id = ${input.mergedId})
    returning id
  `.execute(trx)
  const id = rows[0]!.id
  await mergeRows(trx, { mergeId: id, keptId: input.keptId, mergedId: input.mergedId })
  await sql`
    update users k set email = coalesce(k.email, g.email), phone = coalesce(k.phone, g.phone),
      birth_date = coalesce(k.birth_date, g.birth_date), updated_at = now()
    from users g where k.id = ${input.keptId} and g.id = ${input.mergedId}
  `.execute(trx)
  await sql`update users set disabled_at = now(), updated_at = now() where id = ${input.mergedId}`.execute(
    trx,
  )
  return id
}

/**
 * Undoes a merge within its delay: the rows moved go back to the merged account, the rows removed come
 * back, both accounts' contacts and the merged account's access are as they were. The merged account's
 * ended sessions stay ended (its owner signs in again); the kept account's rights shrink at its next request.
 */
export async function undoMerge(request: FastifyRequest, mergeId: string): Promise<Merge> {
  const app = request.server
  const actor = request.actor!
  const merge = await app.db.transaction().execute(async (trx) => {
    await sql`select id from person_merges where id = ${mergeId} for update`.execute(trx)
    const row = await findMerge(trx, mergeId)
    if (!row || !(await reachable(trx, actor, [row.keptUserId]))) {
      throw notFound('Cette réunion de comptes n’existe pas.')
    }
    if (row.undoneAt) throw refused('Cette réunion de comptes a déjà été annulée.')
    if (row.undoUntil <= new Date()) {
      throw refused(
        'Le délai pour annuler cette réunion de comptes est passé : elle ne peut plus être annulée.',
      )
    }
    if (await hasLaterMerge(trx, row)) {
      throw refused(
        'Un de ces comptes a été réuni à un autre depuis : annulez d’abord cette réunion plus récente.',
      )
    }
    await restoreRows(trx, { mergeId, keptId: row.keptUserId, mergedId: row.mergedUserId })
    // Contacts the merge filled (and nobody changed since) are emptied again; the merged account comes back.
    await sql`
      update users u set
        email = case when (p.kept_before->>'email') is null and u.email is not distinct from (p.merged_before->>'email') then null else u.email end,
        phone = case when (p.kept_before->>'phone') is null and u.phone is not distinct from (p.merged_before->>'phone') then null else u.phone end,
        birth_date = case when (p.kept_before->>'birth_date') is null and u.birth_date::text is not distinct from (p.merged_before->>'birth_date') then null else u.birth_date end,
        updated_at = now()
      from person_merges p where p.id = ${mergeId} and u.id = p.kept_user_id
    `.execute(trx)
    await sql`
      update users u set disabled_at = (p.merged_before->>'disabled_at')::timestamptz, updated_at = now()
      from person_merges p where p.id = ${mergeId} and u.id = p.merged_user_id
    `.execute(trx)
    await sql`update person_merges set undone_at = now(), undone_by = ${actor.userId} where id = ${mergeId}`.execute(
      trx,
    )
    await sql`delete from person_merge_rows where merge_id = ${mergeId}`.execute(trx)
    await writeAudit(trx, auditAuthorOf(request), {
      action: 'personMerge.undo',
      target: { type: 'user', id: row.mergedUserId },
      details: {
        keptUserId: row.keptUserId,
        keptLogin: row.keptLogin,
        mergedLogin: row.mergedLogin,
        mergeId,
      },
    })
    const { rows } = await sql<{ email: string | null; other: string | null }>`
      select k.email, g.email as other from users k, users g where k.id = ${row.keptUserId} and g.id = ${row.mergedUserId}
    `.execute(trx)
    const to = new Set([rows[0]?.email, rows[0]?.other].filter((e): e is string => Boolean(e)))
    for (const email of to) {
      await app.mail.queue(undoneMail(email, row.keptName, row.keptLogin, row.mergedLogin), {
        transaction: trx,
      })
    }
    return row
  })
  app.sessions.forgetUser(merge.keptUserId)
  app.sessions.forgetUser(merge.mergedUserId)
  return toMerge((await findMerge(app.db, mergeId))!)
}
