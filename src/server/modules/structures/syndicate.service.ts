import type { z } from 'zod'
import type {
  AdministratorBody,
  AdministratorQuery,
  CollectivityBody,
  CollectivityPatch,
} from '../../../contract/administration.ts'
import type { Db } from '../../db/connection.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import { fieldProblem, HttpProblem, isUniqueViolation, notFound } from '../../plugins/errors.ts'
import { type AuditAuthor, auditedChange } from '../audit/index.ts'
import {
  countSyndicateAdministrators,
  deleteAdministrator,
  findUserIdByLogin,
  insertAdministrator,
  insertSchoolYear,
} from './administrators.queries.ts'
import {
  findCollectivities,
  findCollectivity,
  insertCollectivity,
  updateCollectivity,
} from './collectivities.queries.ts'

/** The member collectivities an administrator sees: all for the syndicate's, their own otherwise. */
export async function listCollectivities(db: Db, actor: Actor) {
  const all = await findCollectivities(db)
  return actor.isSyndicateAdmin ? all : all.filter((c) => actor.collectivityAdminOf.includes(c.id))
}

export async function addCollectivity(db: Db, author: AuditAuthor, body: CollectivityBody) {
  try {
    return await auditedChange(
      db,
      author,
      (trx) => insertCollectivity(trx, body),
      ({ id }) => ({
        action: 'structures.addCollectivity',
        target: { type: 'collectivity', id },
        details: { name: body.name, siren: body.siren },
      }),
    )
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldProblem('siren', 'Une collectivité avec ce SIREN existe déjà.')
    throw error
  }
}

export async function editCollectivity(
  db: Db,
  author: AuditAuthor,
  collectivityId: string,
  patch: z.infer<typeof CollectivityPatch>,
) {
  await auditedChange(
    db,
    author,
    async (trx) => {
      if (!(await updateCollectivity(trx, collectivityId, patch))) throw notFound('Collectivité introuvable.')
    },
    () => ({
      action: 'structures.editCollectivity',
      target: { type: 'collectivity', id: collectivityId },
      details: patch,
    }),
  )
}

/** Gives an administrator role to the account of `login`; returns that account (its session must reload). */
export async function grantAdministrator(
  db: Db,
  author: AuditAuthor,
  body: z.infer<typeof AdministratorBody>,
): Promise<string> {
  const { login, role, collectivityId } = body
  if (role === 'collectivity_admin' && !collectivityId)
    throw fieldProblem('collectivityId', 'Choisissez la collectivité administrée.')
  if (collectivityId && !(await findCollectivity(db, collectivityId)))
    throw fieldProblem('collectivityId', 'Collectivité introuvable.')
  const userId = await findUserIdByLogin(db, login)
  if (!userId) throw fieldProblem('login', 'Aucun compte actif avec cet identifiant.')
  try {
    await auditedChange(
      db,
      author,
      (trx) =>
        insertAdministrator(
          trx,
          userId,
          role,
          role === 'collectivity_admin' ? (collectivityId ?? null) : null,
        ),
      () => ({
        action: 'structures.grantAdministrator',
        target: { type: 'user', id: userId },
        details: { role, collectivityId },
      }),
    )
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpProblem(409, 'conflict', 'Cette personne a déjà ce rôle.')
    throw error
  }
  return userId
}

/** Takes a role back; the syndicate always keeps one administrator. */
export async function revokeAdministrator(
  db: Db,
  author: AuditAuthor,
  userId: string,
  { role, collectivityId }: z.infer<typeof AdministratorQuery>,
) {
  await auditedChange(
    db,
    author,
    async (trx) => {
      if (role === 'syndicate_admin' && (await countSyndicateAdministrators(trx)) <= 1) {
        throw new HttpProblem(
          409,
          'last-administrator',
          'Le syndicat doit garder au moins un administrateur.',
        )
      }
      if (!(await deleteAdministrator(trx, userId, role, collectivityId ?? null)))
        throw notFound('Rôle introuvable.')
    },
    () => ({
      action: 'structures.revokeAdministrator',
      target: { type: 'user', id: userId },
      details: { role, collectivityId },
    }),
  )
}

export async function addSchoolYear(db: Db, author: AuditAuthor, label: string) {
  try {
    return await auditedChange(
      db,
      author,
      (trx) => insertSchoolYear(trx, label),
      ({ id }) => ({
        action: 'structures.addSchoolYear',
        target: { type: 'school-year', id },
        details: { label },
      }),
    )
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldProblem('label', 'Cette année scolaire existe déjà.')
    throw error
  }
}
