import type { GroupBody } from '../../../contract/administration.ts'
import { fieldProblem } from '../../plugins/errors.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'
import type { AuditAuthor } from '../audit/index.ts'
import {
  addGroupMembers,
  deleteGroup,
  findGroups,
  findSchoolMembers,
  groupExists,
  insertGroup,
  removeGroupMembers,
  updateGroup,
} from './groups.queries.ts'
import { changeStructure, GROUP, required } from './school-changes.ts'

export { findGroups as listGroups }

async function requireGroup(scope: SchoolScope, groupId: string) {
  required(GROUP, await groupExists(scope, groupId))
}

/** A manual group of the school (parents' representatives, an inter-class project…), created by `author`. */
export async function createGroup(
  scope: SchoolScope,
  author: AuditAuthor & { actorId: string },
  body: GroupBody,
) {
  return changeStructure(
    GROUP,
    scope,
    author,
    (trx) => insertGroup(trx, body, author.actorId),
    ({ id }) => ({ action: 'structures.addGroup', target: { type: 'group', id }, details: body }),
  )
}

export async function editGroup(
  scope: SchoolScope,
  author: AuditAuthor,
  groupId: string,
  patch: Partial<GroupBody>,
) {
  await changeStructure(
    GROUP,
    scope,
    author,
    async (trx) => {
      await requireGroup(trx, groupId)
      await updateGroup(trx, groupId, patch)
    },
    () => ({ action: 'structures.editGroup', target: { type: 'group', id: groupId }, details: patch }),
  )
}

export async function removeGroup(scope: SchoolScope, author: AuditAuthor, groupId: string) {
  await changeStructure(
    GROUP,
    scope,
    author,
    async (trx) => required(GROUP, await deleteGroup(trx, groupId)),
    () => ({ action: 'structures.removeGroup', target: { type: 'group', id: groupId } }),
  )
}

/** Adds members of the school to the group; anyone else refuses the whole request. */
export async function addMembers(scope: SchoolScope, author: AuditAuthor, groupId: string, ids: string[]) {
  const userIds = [...new Set(ids)]
  await changeStructure(
    GROUP,
    scope,
    author,
    async (trx) => {
      await requireGroup(trx, groupId)
      const members = await findSchoolMembers(trx, userIds)
      if (members.length !== userIds.length)
        throw fieldProblem('userIds', 'Certaines personnes ne font pas partie de l’école.')
      await addGroupMembers(trx, groupId, userIds)
    },
    () => ({
      action: 'structures.addGroupMembers',
      target: { type: 'group', id: groupId },
      details: { userIds },
    }),
  )
}

export async function removeMembers(
  scope: SchoolScope,
  author: AuditAuthor,
  groupId: string,
  userIds: string[],
) {
  await changeStructure(
    GROUP,
    scope,
    author,
    async (trx) => {
      await requireGroup(trx, groupId)
      await removeGroupMembers(trx, groupId, userIds)
    },
    () => ({
      action: 'structures.removeGroupMembers',
      target: { type: 'group', id: groupId },
      details: { userIds },
    }),
  )
}
