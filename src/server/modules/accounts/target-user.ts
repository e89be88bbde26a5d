import type { FastifyRequest } from 'fastify'
import { actorOf, schoolScopeOf } from '../../plugins/policy/index.ts'
import { administratorAccount, removedFromSchool, userNotFound } from './problems.ts'
import { findTargetUser, type TargetUser } from './school-users.queries.ts'

/**
 * The user of the URL, when they belong to the school of the URL (even removed from it); someone of another
 * school or nobody answers 404 (a malformed id never gets here: the params schema answers it).
 */
export async function findUserOfSchool(request: FastifyRequest, userId: string): Promise<TargetUser> {
  const user = await findTargetUser(schoolScopeOf(request), userId)
  if (!user) throw userNotFound()
  return user
}

/**
 * The user of the URL when the actor may change their account: an account with an administrator role
 * is the syndicate's to manage (a school must not be able to take over its administrators' accounts),
 * and a removed user must be restored first when `current` is asked.
 */
export async function findManageableUser(
  request: FastifyRequest,
  userId: string,
  options: { current: boolean },
): Promise<TargetUser> {
  const user = await findUserOfSchool(request, userId)
  if (user.isAdministrator && !actorOf(request).isSyndicateAdmin) throw administratorAccount()
  if (options.current && user.isRemoved) throw removedFromSchool()
  return user
}
