import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  CreatedUser,
  CreateUserBody,
  EditUserBody,
  SchoolUserDetail,
  UserParams,
  UsersPage,
  UsersQuery,
} from '../../../../contract/accounts.ts'
import { SchoolParams } from '../../../../contract/portal.ts'
import { actorOf, schoolScopeOf } from '../../../plugins/policy/index.ts'
import { auditAuthorOf, recordAudit } from '../../audit/index.ts'
import { formatActivationCode, hasSecondFactor } from '../../identity/index.ts'
import { isPupilAccount } from '../account-changes.ts'
import { decodeCursor, encodeCursor } from '../cursor.ts'
import { classNotFound, userNotFound } from '../problems.ts'
import {
  countSchoolUsers,
  findSchoolClass,
  findSchoolUserDetail,
  findSchoolUsers,
} from '../school-users.queries.ts'
import { findManageableUser, findUserOfSchool } from '../target-user.ts'
import { changePresence, createSchoolUser, editSchoolUser } from '../users.service.ts'

const tags = ['comptes']

/** What the web app may offer on the school's list of users; each is checked again when used. */
const SCHOOL_ACTIONS = [
  'accounts.createUser',
  'accounts.editUser',
  'accounts.removeUser',
  'accounts.linkFamily',
  'accounts.issueActivationCode',
  'accounts.issueClassActivationCodes',
  'accounts.resetPupilPassword',
  'accounts.printConnectionSheets',
  'accounts.manageLoginCards',
  'accounts.resetSecondFactor',
] as const

/** The users of a school for its director and the administrators above it. */
export async function usersRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/schools/:schoolId/users',
    {
      config: { policy: 'accounts.listUsers', scope: 'school', largeAnswer: true },
      schema: {
        tags,
        summary: 'Les comptes de l’école, avec leur état d’activation',
        params: SchoolParams,
        querystring: UsersQuery,
        response: { 200: UsersPage },
      },
    },
    async (request) => {
      const scope = schoolScopeOf(request)
      const { query } = request
      if (query.classId && !(await findSchoolClass(scope, query.classId))) throw classNotFound()
      const filter = { ...query, q: query.q || undefined, after: decodeCursor(query.after) }
      const rows = await findSchoolUsers(scope, filter)
      // The total comes with the first page only (the next pages would count the same again), and costs
      // a statement only when that page is not the whole list.
      const total = filter.after
        ? null
        : rows.length <= query.limit
          ? { count: rows.length, atLeast: false }
          : await countSchoolUsers(scope, filter)
      const page = rows.slice(0, query.limit)
      const last = page.at(-1)
      return {
        users: page.map(({ searchKey: _key, activationState, codeExpiresAt, ...user }) => ({
          ...user,
          activation: { state: activationState, codeExpiresAt },
        })),
        nextAfter: rows.length > query.limit && last ? encodeCursor(last.searchKey, last.id) : null,
        total,
        allowedActions: app.allowedActions(actorOf(request), SCHOOL_ACTIONS, request.school),
      }
    },
  )

  routes.post(
    '/api/schools/:schoolId/users',
    {
      config: { policy: 'accounts.createUser', scope: 'school' },
      schema: {
        tags,
        summary: 'Créer un compte dans l’école ; son code d’activation est donné aussitôt',
        params: SchoolParams,
        body: CreateUserBody,
        response: { 201: CreatedUser },
      },
    },
    async (request, reply) => {
      const created = await createSchoolUser(
        schoolScopeOf(request),
        request.school!,
        auditAuthorOf(request),
        request.body,
        { codeDays: app.config.activationCodeDays },
      )
      return reply.code(201).send({
        userId: created.id,
        login: created.login,
        displayName: created.displayName,
        code: formatActivationCode(created.code),
        expiresAt: created.expiresAt,
      })
    },
  )

  routes.get(
    '/api/schools/:schoolId/users/:userId',
    {
      config: { policy: 'accounts.viewUser', scope: 'school' },
      schema: {
        tags,
        summary: 'Le détail d’un compte de l’école (lecture journalisée)',
        params: UserParams,
        response: { 200: SchoolUserDetail },
      },
    },
    async (request) => {
      const scope = schoolScopeOf(request)
      const user = await findUserOfSchool(request, request.params.userId)
      const detail = await findSchoolUserDetail(scope, user.id)
      if (!detail) throw userNotFound()
      await recordAudit(request, {
        action: 'read:user',
        schoolId: scope.schoolId,
        target: { type: 'user', id: user.id },
      })
      const { searchKey: _key, activationState, codeExpiresAt, ...rest } = detail
      const hasTotp = await hasSecondFactor(app.db, user.id)
      const possible = SCHOOL_ACTIONS.filter((action) => {
        if (action === 'accounts.resetSecondFactor') return hasTotp && user.id !== actorOf(request).userId
        if (action === 'accounts.resetPupilPassword') return isPupilAccount(user) && !user.isRemoved
        if (action === 'accounts.issueActivationCode') return !user.activatedAt && !user.isRemoved
        return action !== 'accounts.createUser'
      })
      return {
        ...rest,
        activation: { state: activationState, codeExpiresAt },
        allowedActions: app.allowedActions(actorOf(request), possible, request.school),
      }
    },
  )

  routes.patch(
    '/api/schools/:schoolId/users/:userId',
    {
      config: { policy: 'accounts.editUser', scope: 'school' },
      schema: {
        tags,
        summary: 'Modifier les noms, l’alias, les coordonnées ou la date de naissance',
        params: UserParams,
        body: EditUserBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const user = await findManageableUser(request, request.params.userId, { current: false })
      await editSchoolUser(schoolScopeOf(request), auditAuthorOf(request), user, request.body)
      return reply.code(204).send(null)
    },
  )

  for (const verb of ['remove', 'restore'] as const) {
    routes.post(
      `/api/schools/:schoolId/users/:userId/${verb}`,
      {
        config: { policy: 'accounts.removeUser', scope: 'school' },
        schema: {
          tags,
          summary:
            verb === 'remove'
              ? 'Retirer une personne de l’école (son compte est gardé)'
              : 'Rétablir une personne retirée de l’école',
          params: UserParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const user = await findManageableUser(request, request.params.userId, { current: false })
        const scope = schoolScopeOf(request)
        if (await changePresence(scope, actorOf(request), auditAuthorOf(request), user, verb)) {
          app.sessions.forgetUser(user.id)
        }
        return reply.code(204).send(null)
      },
    )
  }
}
