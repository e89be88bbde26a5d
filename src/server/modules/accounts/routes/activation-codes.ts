import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  ClassActivationCodesBody,
  ClassActivationCodesResponse,
  IssuedActivationCode,
  UserParams,
} from '../../../../contract/accounts.ts'
import { ClassParams } from '../../../../contract/directory.ts'
import { actorOf, schoolScopeOf } from '../../../plugins/policy/index.ts'
import { auditAuthorOf, auditedChange, auditedSchoolChange } from '../../audit/index.ts'
import { formatActivationCode } from '../../identity/index.ts'
import { storeActivationCodes } from '../activation-codes.ts'
import { findManagedClass } from '../class-access.ts'
import { issueClassCodes } from '../class-people.ts'
import { accountAlreadyActivated } from '../problems.ts'
import { findManageableUser } from '../target-user.ts'
import { resetPupilPassword } from '../users.service.ts'

const tags = ['comptes']

/** Activation codes for one person or a class, and the teacher's reset of a pupil's password. */
export async function activationCodesRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const days = app.config.activationCodeDays

  routes.post(
    '/api/schools/:schoolId/users/:userId/activation-code',
    {
      config: { policy: 'accounts.issueActivationCode', scope: 'school' },
      schema: {
        tags,
        summary: 'Donner (ou remplacer) le code d’activation d’un compte pas encore activé',
        params: UserParams,
        response: { 200: IssuedActivationCode },
      },
    },
    async (request) => {
      const scope = schoolScopeOf(request)
      const user = await findManageableUser(request, request.params.userId, { current: true })
      if (user.activatedAt) throw accountAlreadyActivated()
      const issued = await auditedChange(
        scope.db,
        auditAuthorOf(request),
        async (trx) => {
          const [stored] = await storeActivationCodes(trx, [user.id], days)
          // Activated in between: the code was not stored.
          if (!stored) throw accountAlreadyActivated()
          return stored
        },
        () => ({
          action: 'accounts.issueActivationCode',
          schoolId: scope.schoolId,
          target: { type: 'user', id: user.id },
        }),
      )
      return {
        userId: user.id,
        login: user.login,
        displayName: user.displayName,
        code: formatActivationCode(issued.code),
        expiresAt: issued.expiresAt,
      }
    },
  )

  routes.post(
    '/api/schools/:schoolId/classes/:classId/activation-codes',
    {
      config: { policy: 'accounts.issueClassActivationCodes', scope: 'school' },
      schema: {
        tags,
        summary: 'Donner des codes d’activation aux élèves et/ou parents non activés d’une classe',
        params: ClassParams,
        body: ClassActivationCodesBody,
        response: { 200: ClassActivationCodesResponse },
      },
    },
    async (request) => {
      const { scope, klass } = await findManagedClass(request, request.params.classId, {
        administrators: true,
      })
      const { for: audience, mode } = request.body
      const { people, issued } = await auditedSchoolChange(
        scope,
        auditAuthorOf(request),
        (inner) => issueClassCodes(inner, klass.id, { audience, mode, days }),
        (result) => ({
          action: 'accounts.issueClassActivationCodes',
          schoolId: scope.schoolId,
          target: { type: 'class', id: klass.id },
          details: { for: audience, mode, count: result.issued.length },
        }),
      )
      const byId = new Map(people.map((person) => [person.id, person]))
      return {
        issued: issued.flatMap((code) => {
          const person = byId.get(code.userId)
          return person
            ? [
                {
                  userId: person.id,
                  displayName: person.displayName,
                  profile: person.profile,
                  expiresAt: code.expiresAt,
                },
              ]
            : []
        }),
      }
    },
  )

  routes.post(
    '/api/schools/:schoolId/users/:userId/password-reset',
    {
      config: { policy: 'accounts.resetPupilPassword', scope: 'school' },
      schema: {
        tags,
        summary:
          'Réinitialiser le mot de passe d’un élève : ses sessions sont fermées, un nouveau code est donné',
        description:
          'Par l’enseignant de la classe de l’élève ou la direction. Les adultes passent par « Mot de passe oublié ».',
        params: UserParams,
        response: { 200: IssuedActivationCode },
      },
    },
    async (request) => {
      const scope = schoolScopeOf(request)
      const user = await findManageableUser(request, request.params.userId, { current: true })
      const issued = await resetPupilPassword(
        scope,
        actorOf(request),
        request.school!,
        auditAuthorOf(request),
        user,
        { codeDays: days },
      )
      app.sessions.forgetUser(user.id)
      return {
        userId: user.id,
        login: user.login,
        displayName: user.displayName,
        code: formatActivationCode(issued.code),
        expiresAt: issued.expiresAt,
      }
    },
  )
}
