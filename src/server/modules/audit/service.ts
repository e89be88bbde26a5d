import type { FastifyRequest } from 'fastify'
import type { AuditAction, AuditDetails, AuditEntry, AuditPage } from '../../../contract/audit.ts'
import type { Db } from '../../db/connection.ts'
import { type SchoolScope, schoolTransaction } from '../../plugins/tenancy.ts'
import { findAuditPage, insertAuditRecord } from './queries.ts'

/**
 * The audit trail: every administrative action, and every read of personal data by an administrator,
 * with who, when, from where, on what. Other modules call `recordAudit` through this module's index.
 */
export type AuditEvent = {
  [Action in AuditAction]: {
    /** `module.verb`, e.g. `accounts.createUser`, or `read:` + what was read, e.g. `read:class-families`. */
    action: Action
    schoolId?: string | null
    target?: { type: string; id: string }
    details?: AuditDetails<Action>
  }
}[AuditAction]

/** Who acts, as the trail records it: the signed-in person (null for the deployment itself) and their address. */
export type AuditAuthor = { actorId: string | null; ip: string | null }

/** The author of a request's changes. */
export function auditAuthorOf(request: FastifyRequest): AuditAuthor {
  return { actorId: request.actor?.userId ?? null, ip: request.ip }
}

/** Writes one entry in `db`: pass the transaction of the change it records, so both commit or neither. */
export async function writeAudit(db: Db, author: AuditAuthor, event: AuditEvent): Promise<void> {
  await insertAuditRecord(db, {
    actorId: author.actorId,
    action: event.action,
    schoolId: event.schoolId ?? null,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    details: event.details ?? {},
    ip: author.ip,
  })
}

/**
 * An administrative change and its audit entry, in one transaction: when the entry cannot be written the
 * change rolls back, so no change goes unaudited. `event` says what the result was (null: nothing
 * changed, nothing to record).
 */
export async function auditedChange<Result>(
  db: Db,
  author: AuditAuthor,
  change: (trx: Db) => Promise<Result>,
  event: (result: Result) => AuditEvent | null,
): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const result = await change(trx)
    const entry = event(result)
    if (entry) await writeAudit(trx, author, entry)
    return result
  })
}

/**
 * The same for a change of one school's data: the transaction runs in the school's tenancy, and `change`
 * gets a scope whose `db` is that transaction.
 */
export function auditedSchoolChange<Result>(
  scope: SchoolScope,
  author: AuditAuthor,
  change: (scope: SchoolScope) => Promise<Result>,
  event: (result: Result) => AuditEvent | null,
): Promise<Result> {
  return schoolTransaction(scope, async (inner) => {
    const result = await change(inner)
    const entry = event(result)
    if (entry) await writeAudit(inner.db, author, entry)
    return result
  })
}

/** An entry of a request, outside any change (a read of personal data), or in `db` when given. */
export async function recordAudit(
  request: FastifyRequest,
  event: AuditEvent,
  db: Db = request.server.db,
): Promise<void> {
  await writeAudit(db, auditAuthorOf(request), event)
}

/** The same entry from outside a request (the command line): who acted is given, there is no address. */
export async function recordAuditEntry(db: Db, actorId: string | null, event: AuditEvent): Promise<void> {
  await writeAudit(db, { actorId, ip: null }, event)
}

export async function readAuditPage(
  db: Db,
  filter: {
    schoolId?: string
    before?: number
    limit: number
    action?: string
    actorId?: string
    reads?: 'personal-data'
  },
): Promise<AuditPage> {
  const rows = await findAuditPage(db, filter)
  const page = rows.slice(0, filter.limit)
  return {
    entries: page.map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actorId ? { id: row.actorId, displayName: row.actorName ?? '(compte supprimé)' } : null,
      // Written only through `recordAudit`, whose events are the contract's actions with their details.
      action: row.action as AuditAction,
      schoolId: row.schoolId,
      target:
        row.targetType && row.targetId
          ? { type: row.targetType, id: row.targetId, name: row.targetName }
          : null,
      details: row.details,
    })) as AuditEntry[],
    nextBefore: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  }
}
