import { sql } from 'kysely'
import type { EditUserBody } from '../../../contract/accounts.ts'
import { fieldProblem, isUniqueViolation } from '../../plugins/errors.ts'
import { deleteFromSchool, type SchoolScope, updateInSchool } from '../../plugins/tenancy.ts'
import { displayName } from '../identity/index.ts'
import type { TargetUser } from './school-users.queries.ts'

/** Changes the school's administrators make to an account they manage. */

/** Whether the account is a pupil's only (a child: no e-mail, no phone). */
export const isPupilAccount = (user: Pick<TargetUser, 'profiles'>) =>
  user.profiles.length > 0 && user.profiles.every((profile) => profile === 'pupil')

/**
 * Edits names, alias, contacts or birth date. The login never changes (people know it by heart); the
 * display name follows the names. Once an account is activated its e-mail is its owner's: it is where
 * a password reset link goes, so letting the school change it would let the school take the account.
 */
export async function editAccount(scope: SchoolScope, user: TargetUser, body: EditUserBody): Promise<void> {
  if (isPupilAccount(user) && (body.email || body.phone)) {
    throw fieldProblem(
      body.email ? 'email' : 'phone',
      'Un élève n’a ni adresse e-mail ni téléphone dans Préau.',
    )
  }
  if (body.email !== undefined && body.email !== user.email && user.activatedAt) {
    throw fieldProblem(
      'email',
      'Cette personne a activé son compte : elle seule peut changer son adresse e-mail, qui sert à réinitialiser son mot de passe.',
    )
  }
  const firstName = body.firstName ?? user.firstName
  const lastName = body.lastName ?? user.lastName
  try {
    await scope.db
      .updateTable('users')
      .set({
        ...(body.firstName !== undefined || body.lastName !== undefined
          ? { firstName, lastName, displayName: displayName(firstName, lastName) }
          : {}),
        ...(body.alias !== undefined ? { alias: body.alias } : {}),
        ...(body.email !== undefined ? { email: body.email } : {}),
        ...(body.phone !== undefined ? { phone: body.phone } : {}),
        ...(body.birthDate !== undefined ? { birthDate: body.birthDate } : {}),
        updatedAt: sql`now()`,
      })
      .where('id', '=', user.id)
      .execute()
  } catch (error) {
    if (isUniqueViolation(error, 'users_alias_key')) throw fieldProblem('alias', 'Cet alias est déjà pris.')
    throw error
  }
}

/** Ends every current membership of the user in the school; false when there was none. */
export async function removeFromSchool(scope: SchoolScope, userId: string): Promise<boolean> {
  const result = await updateInSchool(scope, 'memberships')
    .set({ leftAt: sql`now()` })
    .where('userId', '=', userId)
    .where('leftAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Gives back the memberships the user had in the school; false when none was left. */
export async function restoreToSchool(scope: SchoolScope, userId: string): Promise<boolean> {
  const result = await updateInSchool(scope, 'memberships')
    .set({ leftAt: null })
    .where('userId', '=', userId)
    .where('leftAt', 'is not', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Links a parent and a pupil of the school (both checked by the caller); true when the link is new. */
export async function linkParent(scope: SchoolScope, pupilId: string, parentId: string): Promise<boolean> {
  const result = await scope.db
    .insertInto('familyLinks')
    .values({ schoolId: scope.schoolId, pupilId, parentId })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

/** Removes the link; true when there was one. */
export async function unlinkParent(scope: SchoolScope, pupilId: string, parentId: string): Promise<boolean> {
  const result = await deleteFromSchool(scope, 'familyLinks')
    .where('pupilId', '=', pupilId)
    .where('parentId', '=', parentId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
