import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  AdhesionBody,
  AssignmentBody,
  AssignmentParams,
  AssignmentsResponse,
  CirconscriptionsResponse,
  ContactBody,
  ContactParams,
  DeploymentStatusBody,
  MemberDetail,
  MemberParams,
  MembersResponse,
  SchoolParams,
  WithdrawalBody,
} from '../../../contract/members.ts'
import { actorOf } from '../../plugins/policy/index.ts'
import { auditAuthorOf, writeAudit } from '../audit/index.ts'
import * as service from './service.ts'

const tags = ['membres']
const Created = z.object({ id: z.uuid() })

/**
 * Members (`:memberId` is a collectivity's id: the service decides who reads it, since a collectivity's
 * agents do too, not only the administrators a `:collectivityId` scope admits), their contacts, their
 * schools' deployment, and the académie's staff attached to circonscriptions.
 */
export async function membersRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const manage = ['members.manage'] as const

  routes.get(
    '/api/members',
    {
      config: { policy: 'members.read' },
      schema: {
        tags,
        summary: 'Les membres du syndicat (les siens pour une collectivité)',
        response: { 200: MembersResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      return {
        members: await service.listMembers(app.db, actor),
        allowedActions: app.allowedActions(actor, manage),
      }
    },
  )

  routes.get(
    '/api/members/:memberId',
    {
      config: { policy: 'members.read' },
      schema: {
        tags,
        summary: 'Un membre : adhésion, contacts, écoles et leur déploiement',
        params: MemberParams,
        response: { 200: MemberDetail },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const member = await service.readMember(app.db, actor, request.params.memberId)
      // The contacts are people: an administrator's read of them is recorded.
      if (member.contacts.length > 0)
        await writeAudit(app.db, auditAuthorOf(request), {
          action: 'read:member-contacts',
          target: { type: 'collectivity', id: member.id },
        })
      return { ...member, allowedActions: app.allowedActions(actor, manage) }
    },
  )

  routes.put(
    '/api/members/:memberId/adhesion',
    {
      config: { policy: 'members.manage' },
      schema: {
        tags,
        summary: 'Enregistrer l’adhésion à la compétence',
        params: MemberParams,
        body: AdhesionBody,
      },
    },
    async (request, reply) => {
      await service.recordAdhesion(app.db, auditAuthorOf(request), request.params.memberId, request.body)
      return reply.code(204).send()
    },
  )

  routes.put(
    '/api/members/:memberId/withdrawal',
    {
      config: { policy: 'members.manage' },
      schema: { tags, summary: 'Enregistrer le retrait', params: MemberParams, body: WithdrawalBody },
    },
    async (request, reply) => {
      await service.recordWithdrawal(app.db, auditAuthorOf(request), request.params.memberId, request.body)
      return reply.code(204).send()
    },
  )

  routes.post(
    '/api/members/:memberId/contacts',
    {
      config: { policy: 'members.manage' },
      schema: {
        tags,
        summary: 'Ajouter un contact',
        params: MemberParams,
        body: ContactBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const id = await service.addContact(
        app.db,
        auditAuthorOf(request),
        request.params.memberId,
        request.body,
      )
      return reply.code(201).send({ id })
    },
  )

  routes.delete(
    '/api/members/:memberId/contacts/:contactId',
    {
      config: { policy: 'members.manage' },
      schema: { tags, summary: 'Retirer un contact', params: ContactParams },
    },
    async (request, reply) => {
      await service.removeContact(
        app.db,
        auditAuthorOf(request),
        request.params.memberId,
        request.params.contactId,
      )
      return reply.code(204).send()
    },
  )

  routes.post(
    '/api/schools/:schoolId/deployment-status',
    {
      config: { policy: 'members.setDeploymentStatus', scope: 'school' },
      schema: {
        tags,
        summary: 'Faire avancer le déploiement d’une école (demandée → en préparation → ouverte → fermée)',
        params: SchoolParams,
        body: DeploymentStatusBody,
      },
    },
    async (request, reply) => {
      await service.setDeploymentStatus(app.db, auditAuthorOf(request), request.params.schoolId, request.body)
      return reply.code(204).send()
    },
  )

  routes.get(
    '/api/academic-assignments',
    {
      config: { policy: 'members.manageAcademicAssignments' },
      schema: {
        tags,
        summary: 'Les rattachements des personnels académiques aux circonscriptions',
        response: { 200: AssignmentsResponse },
      },
    },
    () => service.listAssignments(app.db),
  )

  routes.post(
    '/api/academic-assignments',
    {
      config: { policy: 'members.manageAcademicAssignments' },
      schema: {
        tags,
        summary: 'Rattacher un personnel académique à une circonscription',
        body: AssignmentBody,
      },
    },
    async (request, reply) => {
      await service.addAssignment(app.db, auditAuthorOf(request), request.body)
      return reply.code(204).send()
    },
  )

  routes.delete(
    '/api/academic-assignments/:assignmentId',
    {
      config: { policy: 'members.manageAcademicAssignments' },
      schema: { tags, summary: 'Retirer un rattachement', params: AssignmentParams },
    },
    async (request, reply) => {
      await service.removeAssignment(app.db, auditAuthorOf(request), request.params.assignmentId)
      return reply.code(204).send()
    },
  )

  routes.get(
    '/api/academie/circonscriptions',
    {
      config: { policy: 'members.readCirconscriptions' },
      schema: {
        tags,
        summary: 'Mes circonscriptions : leurs écoles et leur déploiement (rien de personnel)',
        response: { 200: CirconscriptionsResponse },
      },
    },
    (request) => service.readCirconscriptions(app.db, actorOf(request).userId),
  )
}
