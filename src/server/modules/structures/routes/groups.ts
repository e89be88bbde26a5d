import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { GroupBody, GroupList, GroupMembersBody, GroupParams } from '../../../../contract/administration.ts'
import { CreatedResponse } from '../../../../contract/communication.ts'
import { SchoolParams } from '../../../../contract/portal.ts'
import { actorOf } from '../../../plugins/policy/index.ts'
import {
  addMembers,
  createGroup,
  editGroup,
  listGroups,
  removeGroup,
  removeMembers,
} from '../groups.service.ts'
import { changeOf } from './school-routes.ts'

const tags = ['écoles']

/** Manual groups of a school (parents' representatives, an inter-class project…) and their members. */
export async function groupsRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const manage = { policy: 'structures.manageGroups', scope: 'school' } as const

  routes.get(
    '/api/schools/:schoolId/groups',
    {
      config: { policy: 'structures.viewGroups', scope: 'school', largeAnswer: true },
      schema: { tags, summary: 'Les groupes de l’école', params: SchoolParams, response: { 200: GroupList } },
    },
    async (request) => ({
      groups: await listGroups(changeOf(request).scope),
      allowedActions: app.allowedActions(actorOf(request), [manage.policy], request.school),
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
      const { scope, author } = changeOf(request)
      return reply.code(201).send(await createGroup(scope, author, request.body))
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
      const { scope, author } = changeOf(request)
      await editGroup(scope, author, request.params.groupId, request.body)
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
      const { scope, author } = changeOf(request)
      await removeGroup(scope, author, request.params.groupId)
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
      const { scope, author } = changeOf(request)
      await addMembers(scope, author, request.params.groupId, request.body.userIds)
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
      const { scope, author } = changeOf(request)
      await removeMembers(scope, author, request.params.groupId, request.body.userIds)
      return reply.code(204).send(null)
    },
  )
}
