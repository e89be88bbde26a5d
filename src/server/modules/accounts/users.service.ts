import type { CreateUserBody, EditUserBody } from '../../../contract/accounts.ts'
import { type Actor, isDirectorOf } from '../../plugins/auth/actor.ts'
import { forbidden, HttpProblem } from '../../plugins/errors.ts'
import type { SchoolAccess } from '../../plugins/policy/define.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'
import { type AuditAuthor, auditedChange, auditedSchoolChange } from '../audit/index.ts'
import {
  editAccount,
  isPupilAccount,
  linkParent,
  removeFromSchool,
  restoreToSchool,
  unlinkParent,
} from './account-changes.ts'
import { type CreatedAccount, createAccount } from './account-creation.ts'
import { type IssuedCode, resetToActivation } from './activation-codes.ts'
import { adultsResetByEmail, userNotFound } from './problems.ts'
import type { TargetUser } from './school-users.queries.ts'

/**
 * An account created in the school, with its activation code. Agents are provisioned by their
 * collectivity, academic staff by the syndicate with the académie: a director creates neither.
 */
export async function createSchoolUser(
  scope: SchoolScope,
  access: SchoolAccess,
  author: AuditAuthor,
  body: CreateUserBody,
  options: { codeDays: number },
): Promise<CreatedAccount> {
  if (body.profile === 'collectivity_agent' && !(access.viaCollectivityAdmin || access.viaSyndicateAdmin))
    throw forbidden('Les comptes des agents sont créés par l’administrateur de la collectivité.')
  if (body.profile === 'academic' && !access.viaSyndicateAdmin)
    throw forbidden('Les comptes des personnels académiques sont créés par le syndicat.')
  return auditedSchoolChange(
    scope,
    author,
    (inner) => createAccount(inner, body, options),
    (account) => ({
      action: 'accounts.createUser',
      schoolId: scope.schoolId,
      target: { type: 'user', id: account.id },
      details: { profile: body.profile, classId: body.classId ?? null, login: account.login },
    }),
  )
}

export async function editSchoolUser(
  scope: SchoolScope,
  author: AuditAuthor,
  user: TargetUser,
  body: EditUserBody,
): Promise<void> {
  await auditedSchoolChange(
    scope,
    author,
    (inner) => editAccount(inner, user, body),
    () => ({
      action: 'accounts.editUser',
      schoolId: scope.schoolId,
      target: { type: 'user', id: user.id },
      // Which fields changed, not their values: the trail itself holds no more personal data than needed.
      details: { fields: Object.keys(body) },
    }),
  )
}

/**
 * Removes a person from the school (their account stays) or restores them; nobody removes themselves.
 * Idempotent: removing a removed person (or restoring a present one) changes and records nothing.
 * True when something changed (the person's session must then reload).
 */
export async function changePresence(
  scope: SchoolScope,
  actor: Actor,
  author: AuditAuthor,
  user: TargetUser,
  verb: 'remove' | 'restore',
): Promise<boolean> {
  if (verb === 'remove' && user.id === actor.userId)
    throw new HttpProblem(409, 'self-removal', 'Vous ne pouvez pas vous retirer vous-même de l’école.')
  const change = verb === 'remove' ? removeFromSchool : restoreToSchool
  return auditedSchoolChange(
    scope,
    author,
    (inner) => change(inner, user.id),
    (changed) =>
      changed
        ? {
            action: verb === 'remove' ? 'accounts.removeUser' : 'accounts.restoreUser',
            schoolId: scope.schoolId,
            target: { type: 'user', id: user.id },
          }
        : null,
  )
}

/** Links a parent to a pupil of the school, or unlinks them; true when the link changed. */
export async function changeFamilyLink(
  scope: SchoolScope,
  author: AuditAuthor,
  family: { pupil: TargetUser; parent: TargetUser },
  verb: 'link' | 'unlink',
): Promise<boolean> {
  const { pupil, parent } = family
  const change = verb === 'link' ? linkParent : unlinkParent
  return auditedSchoolChange(
    scope,
    author,
    (inner) => change(inner, pupil.id, parent.id),
    (changed) =>
      changed
        ? {
            action: verb === 'link' ? 'accounts.linkFamily' : 'accounts.unlinkFamily',
            schoolId: scope.schoolId,
            target: { type: 'user', id: pupil.id },
            details: { parentId: parent.id },
          }
        : null,
  )
}

/**
 * A pupil's password reset, by the teacher of one of their classes or the director (adults choose a new
 * password themselves by e-mail); to anyone else the pupil does not exist. Password, activation and
 * sessions are cleared and a new code issued, with the audit entry, in one transaction.
 */
export async function resetPupilPassword(
  scope: SchoolScope,
  actor: Actor,
  access: SchoolAccess,
  author: AuditAuthor,
  user: TargetUser,
  options: { codeDays: number },
): Promise<IssuedCode> {
  if (!isPupilAccount(user)) throw adultsResetByEmail()
  const isTheirTeacher = user.classIds.some((classId) =>
    access.memberships.some((m) => m.profile === 'teacher' && m.classIds.includes(classId)),
  )
  if (!isTheirTeacher && !isDirectorOf(actor, scope.schoolId)) throw userNotFound()
  return auditedChange(
    scope.db,
    author,
    (trx) => resetToActivation(trx, user.id, options.codeDays),
    () => ({
      action: 'accounts.resetPupilPassword',
      schoolId: scope.schoolId,
      target: { type: 'user', id: user.id },
    }),
  )
}
