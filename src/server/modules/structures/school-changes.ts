import { fieldProblem, type HttpProblem, isUniqueViolation, notFound } from '../../plugins/errors.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'
import { type AuditAuthor, type AuditEvent, auditedSchoolChange } from '../audit/index.ts'

/**
 * What the classes and the groups of a school share: each change runs in one transaction with its audit
 * entry (the scope handed to `change` is the transaction's; the entry gets the school), and a name already
 * used becomes the kind's `duplicate`.
 */
export type StructureKind = {
  /** The 404 of an id that is no current class or group of the school. */
  notFound: () => HttpProblem
  /** The 400 of a name already used. */
  duplicate: () => HttpProblem
}

export async function changeStructure<Result>(
  kind: StructureKind,
  scope: SchoolScope,
  author: AuditAuthor,
  change: (scope: SchoolScope) => Promise<Result>,
  event: (result: Result) => AuditEvent | null,
): Promise<Result> {
  try {
    return await auditedSchoolChange(scope, author, change, (result) => {
      const entry = event(result)
      return entry && { ...entry, schoolId: scope.schoolId }
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw kind.duplicate()
    throw error
  }
}

/** Throws the kind's 404 unless `found`. */
export function required<Found>(kind: StructureKind, found: Found | undefined | null | false): Found {
  if (!found) throw kind.notFound()
  return found
}

export const CLASS: StructureKind = {
  notFound: () => notFound('Classe introuvable.'),
  duplicate: () => fieldProblem('name', 'Une classe porte déjà ce nom cette année.'),
}

export const GROUP: StructureKind = {
  notFound: () => notFound('Groupe introuvable.'),
  duplicate: () => fieldProblem('name', 'Un groupe porte déjà ce nom.'),
}
