import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { GroupBody, GroupList, GroupMembersBody, GroupParams } from '../../../../contract/administration.ts'
import { CreatedResponse } from '../../../../contract/communication.ts'
import { SchoolParams } from '../../../../contract/portal.ts'
import { fieldProblem, isUniqueViolation, notFound } from '../../../plugins/errors.ts'
import { actorOf, schoolScopeOf } from '../../../plugins/policy/index.ts'
import type { SchoolScope } from '../../../plugins/tenancy.ts'
import { recordAudit } from '../../audit/index.ts'
import {
  addGroupMembers,
  deleteGroup,
  findGroups,
  findSchoolMembers,
  groupExists,
  insertGroup,
  removeGroupMembers,
  updateGroup,
} from '../groups.queries.ts'

const tags = ['écoles']
const GROUP_ACTIONS = ['structures.manageGroups'] as const

async function requireGroup(scope: SchoolScope, groupId: string) {
  if (!(await groupExists(scope, groupId))) throw notFound('Groupe introuvable.')
}

const duplicateName = () => fieldProblem('name', 'Un groupe porte déjà ce nom.')

/** Manual groups of a school (parents' representatives, an inter-class project…) and their members. */
export async function groupsRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const manage = { policy: 'structures.manageGroups', scope: 'school' } as const

  routes.get(
    '/api/schools/:schoolId/groups',
    {
      config: { policy: 'structures.viewGroups', scope: 'school' },
      schema: { tags, summary: 'Les groupes de l’école', params: SchoolParams, response: { 200: GroupList } },
    },
    async (request) => ({
      groups: await findGroups(schoolScopeOf(request)),
      allowedActions: app.allowedActions(actorOf(request), GROUP_ACTIONS, request.school),
    }),
  )

  routes.post(
    '/api/schools/:schoolId/groups',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Créer un groupe',
        params: SchoolParams,
        body: GroupBody,
        response: { 201: CreatedResponse },
      },
    },
    async (request, reply) => {
      const scope = schoolScopeOf(request)
      try {
        const { id } = await insertGroup(scope, request.body, actorOf(request).userId)
        await recordAudit(request, {
          action: 'structures.addGroup',
          schoolId: scope.schoolId,
          target: { type: 'group', id },
          details: request.body,
        })
        return reply.code(201).send({ id })
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateName()
        throw error
      }
    },
  )

  routes.patch(
    '/api/schools/:schoolId/groups/:groupId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Renommer un groupe',
        params: GroupParams,
        body: GroupBody.partial(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const scope = schoolScopeOf(request)
      await requireGroup(scope, request.params.groupId)
      try {
        await updateGroup(scope, request.params.groupId, request.body)
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateName()
        throw error
      }
      await recordAudit(request, {
        action: 'structures.editGroup',
        schoolId: scope.schoolId,
        target: { type: 'group', id: request.params.groupId },
        details: request.body,
      })
      return reply.code(204).send(null)
    },
  )

  routes.delete(
    '/api/schools/:schoolId/groups/:groupId',
    {
      config: manage,
      schema: { tags, summary: 'Supprimer un groupe', params: GroupParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const scope = schoolScopeOf(request)
      const { groupId } = request.params
      if (!(await deleteGroup(scope, groupId))) throw notFound('Groupe introuvable.')
      await recordAudit(request, {
        action: 'structures.removeGroup',
        schoolId: scope.schoolId,
        target: { type: 'group', id: groupId },
      })
      return reply.code(204).send(null)
    },
  )

  routes.post(
    '/api/schools/:schoolId/groups/:groupId/members',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Ajouter des membres au groupe',
        params: GroupParams,
        body: GroupMembersBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const scope = schoolScopeOf(request)
      const { groupId } = request.params
      await requireGroup(scope, groupId)
      const userIds = [...new Set(request.body.userIds)]
      const members = await findSchoolMembers(scope, userIds)
      if (members.length !== userIds.length)
        throw fieldProblem('userIds', 'Certaines personnes ne font pas partie de l’école.')
      await addGroupMembers(scope, groupId, userIds)
      await recordAudit(request, {
        action: 'structures.addGroupMembers',
        schoolId: scope.schoolId,
        target: { type: 'group', id: groupId },
        details: { userIds },
      })
      return reply.code(204).send(null)
    },
  )

  routes.post(
    '/api/schools/:schoolId/groups/:groupId/members/remove',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Retirer des membres du groupe',
        params: GroupParams,
        body: GroupMembersBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const scope = schoolScopeOf(request)
      const { groupId } = request.params
      await requireGroup(scope, groupId)
      await removeGroupMembers(scope, groupId, request.body.userIds)
      await recordAudit(request, {
        action: 'structures.removeGroupMembers',
        schoolId: scope.schoolId,
        target: { type: 'group', id: groupId },
        details: request.body,
      })
      return reply.code(204).send(null)
    },
  )
}
