import type { FastifyRequest } from 'fastify'
import { actorOf, schoolScopeOf } from '../../../plugins/policy/index.ts'
import type { SchoolScope } from '../../../plugins/tenancy.ts'
import { type AuditAuthor, auditAuthorOf } from '../../audit/index.ts'

/**
 * What a change of a school's classes or groups needs from its request: the school scope the policy
 * plugin checked, and the author the audit entry names (the signed-in actor and their address).
 */
export function changeOf(request: FastifyRequest): {
  scope: SchoolScope
  author: AuditAuthor & { actorId: string }
} {
  return {
    scope: schoolScopeOf(request),
    author: { ...auditAuthorOf(request), actorId: actorOf(request).userId },
  }
}
