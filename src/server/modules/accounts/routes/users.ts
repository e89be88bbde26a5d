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
import { forbidden, HttpProblem } from '../../../plugins/errors.ts'
import { actorOf, schoolScopeOf } from '../../../plugins/policy/index.ts'
import { recordAudit } from '../../audit/index.ts'
import { formatActivationCode, hasSecondFactor } from '../../identity/index.ts'
import { editAccount, isPupilAccount, removeFromSchool, restoreToSchool } from '../account-changes.ts'
import { createAccount } from '../account-creation.ts'
import { decodeCursor, encodeCursor } from '../cursor.ts'
import { classNotFound, userNotFound } from '../problems.ts'
import { findSchoolClass, findSchoolUserDetail, findSchoolUsers } from '../school-users.queries.ts'
import { findManageableUser, findUserOfSchool } from '../target-user.ts'

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
      config: { policy: 'accounts.listUsers', scope: 'school' },
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
      const rows = await findSchoolUsers(scope, {
        ...query,
        q: query.q || undefined,
        after: decodeCursor(query.after),
      })
      const page = rows.slice(0, query.limit)
      const last = page.at(-1)
      return {
        users: page.map(({ searchKey: _key, activationState, codeExpiresAt, ...user }) => ({
          ...user,
          activation: { state: activationState, codeExpiresAt },
        })),
        nextAfter: rows.length > query.limit && last ? encodeCursor(last.searchKey, last.id) : null,
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
      const { body } = request
      const school = request.school!
      // Agents are provisioned by their collectivity, academic staff by the syndicate with the académie.
      if (body.profile === 'collectivity_agent' && !(school.viaCollectivityAdmin || school.viaSyndicateAdmin))
        throw forbidden('Les comptes des agents sont créés par l’administrateur de la collectivité.')
      if (body.profile === 'academic' && !school.viaSyndicateAdmin)
        throw forbidden('Les comptes des personnels académiques sont créés par le syndicat.')
      const created = await app.db.transaction().execute(async (trx) => {
        const account = await createAccount({ db: trx, schoolId: school.schoolId }, body, {
          codeDays: app.config.activationCodeDays,
        })
        await recordAudit(
          request,
          {
            action: 'accounts.createUser',
            schoolId: school.schoolId,
            target: { type: 'user', id: account.id },
            details: { profile: body.profile, classId: body.classId ?? null, login: account.login },
          },
          trx,
        )
        return account
      })
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
      const scope = schoolScopeOf(request)
      const user = await findManageableUser(request, request.params.userId, { current: false })
      await editAccount(scope, user, request.body)
      await recordAudit(request, {
        action: 'accounts.editUser',
        schoolId: scope.schoolId,
        target: { type: 'user', id: user.id },
        // Which fields changed, not their values: the trail itself holds no more personal data than needed.
        details: { fields: Object.keys(request.body) },
      })
      return reply.code(204).send(null)
    },
  )

  for (const [verb, change] of [
    ['remove', removeFromSchool],
    ['restore', restoreToSchool],
  ] as const) {
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
        const scope = schoolScopeOf(request)
        const user = await findManageableUser(request, request.params.userId, { current: false })
        if (verb === 'remove' && user.id === actorOf(request).userId)
          throw new HttpProblem(409, 'self-removal', 'Vous ne pouvez pas vous retirer vous-même de l’école.')
        // Idempotent: removing a removed person (or restoring a present one) changes nothing.
        if (await change(scope, user.id)) {
          app.sessions.forgetUser(user.id)
          await recordAudit(request, {
            action: verb === 'remove' ? 'accounts.removeUser' : 'accounts.restoreUser',
            schoolId: scope.schoolId,
            target: { type: 'user', id: user.id },
          })
        }
        return reply.code(204).send(null)
      },
    )
  }
}
