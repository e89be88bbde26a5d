import type { z } from 'zod'
import type { SchoolBody, SchoolListQuery, SchoolPatch } from '../../../contract/administration.ts'
import type { Db } from '../../db/connection.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import { fieldProblem, isUniqueViolation, notFound } from '../../plugins/errors.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'
import { type AuditAuthor, auditedChange, auditedSchoolChange } from '../audit/index.ts'
import { findCollectivity } from './collectivities.queries.ts'
import { findSchools, insertSchool, setDirector, updateSchool } from './schools.queries.ts'

/** The schools an administrator sees: all of them for the syndicate's, those of their collectivities otherwise. */
export async function listSchools(db: Db, actor: Actor, query: z.infer<typeof SchoolListQuery>) {
  return findSchools(db, {
    ...query,
    collectivityIds: actor.isSyndicateAdmin ? undefined : actor.collectivityAdminOf,
  })
}

/**
 * A school in a collectivity the actor administers (any for the syndicate's administrators; another one
 * is answered as unknown), in a commune the collectivity covers.
 */
export async function createSchool(db: Db, actor: Actor, author: AuditAuthor, body: SchoolBody) {
  const { collectivityId, inseeCode } = body
  const collectivity = await findCollectivity(db, collectivityId)
  if (!collectivity || (!actor.isSyndicateAdmin && !actor.collectivityAdminOf.includes(collectivityId))) {
    throw fieldProblem('collectivityId', 'Collectivité introuvable.')
  }
  if (collectivity.communeCodes.length > 0 && !collectivity.communeCodes.includes(inseeCode)) {
    throw fieldProblem(
      'inseeCode',
      `Cette commune (${inseeCode}) n’est pas couverte par ${collectivity.name}.`,
    )
  }
  try {
    return await auditedChange(
      db,
      author,
      (trx) => insertSchool(trx, body),
      ({ id }) => ({
        action: 'structures.addSchool',
        schoolId: id,
        target: { type: 'school', id },
        details: { uai: body.uai },
      }),
    )
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldProblem('uai', 'Une école avec cet UAI existe déjà.')
    throw error
  }
}

export async function editSchool(
  scope: SchoolScope,
  author: AuditAuthor,
  patch: z.infer<typeof SchoolPatch>,
) {
  await auditedChange(
    scope.db,
    author,
    (trx) => updateSchool(trx, scope.schoolId, patch),
    () => ({
      action: 'structures.editSchool',
      schoolId: scope.schoolId,
      target: { type: 'school', id: scope.schoolId },
      details: patch,
    }),
  )
}

/** Gives the director function to a teacher of the school. */
export async function appointDirector(scope: SchoolScope, author: AuditAuthor, userId: string) {
  await auditedSchoolChange(
    scope,
    author,
    async (inner) => {
      if (!(await setDirector(inner, userId, true)))
        throw fieldProblem('userId', 'Cette personne n’est pas enseignante dans l’école.')
    },
    () => ({
      action: 'structures.appointDirector',
      schoolId: scope.schoolId,
      target: { type: 'user', id: userId },
    }),
  )
}

export async function removeDirector(scope: SchoolScope, author: AuditAuthor, userId: string) {
  await auditedSchoolChange(
    scope,
    author,
    async (inner) => {
      if (!(await setDirector(inner, userId, false))) throw notFound('Direction introuvable.')
    },
    () => ({
      action: 'structures.removeDirector',
      schoolId: scope.schoolId,
      target: { type: 'user', id: userId },
    }),
  )
}
