import type { FastifyRequest } from 'fastify'
import type { Db } from '../../db/connection.ts'
import { type AuditEvent, recordAudit, recordAuditEntry } from '../audit/index.ts'

/** Writes one audit entry in the given transaction: the rollover's changes and their trace commit together. */
export type Auditor = (event: AuditEvent, db: Db) => Promise<void>

/** The audit of an administrator's request (who, from where). */
export function auditOf(request: FastifyRequest): Auditor {
  return (event, db) => recordAudit(request, event, db)
}

/**
 * The audit of what the deployment does by itself (the daily purge) or from its command line: there is
 * no signed-in actor nor address, and the trail says so (no actor).
 */
export const systemAudit: Auditor = (event, db) => recordAuditEntry(db, null, event)
