import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  GenerateLoginCardsBody,
  LoginCardBody,
  LoginCardsSettingsBody,
  LoginCardsState,
} from '../../../../contract/accounts.ts'
import { ClassParams } from '../../../../contract/directory.ts'
import { HttpProblem } from '../../../plugins/errors.ts'
import { actorOf } from '../../../plugins/policy/index.ts'
import type { SchoolScope } from '../../../plugins/tenancy.ts'
import { auditAuthorOf, auditedSchoolChange } from '../../audit/index.ts'
import { completeSignIn } from '../../identity/index.ts'
import { findManagedClass, type ManagedClass } from '../class-access.ts'
import { loginCardsPdf } from '../login-cards.pdf.ts'
import { findCardPupils, findPupilOfCard, generateLoginCards, setLoginCardsEnabled } from '../login-cards.ts'

const tags = ['comptes']
const CARD_ACTIONS = ['accounts.manageLoginCards'] as const

/** One answer for every refusal: whoever holds a card learns nothing about why it does not work. */
const cardRefused = () =>
  new HttpProblem(401, 'login-card-refused', 'Cette carte ne permet pas de se connecter pour le moment.')

async function describeCards(
  request: FastifyRequest,
  scope: SchoolScope,
  klass: ManagedClass,
  enabled: boolean,
) {
  const pupils = await findCardPupils(scope, klass.id)
  return {
    class: { id: klass.id, name: klass.name },
    enabled,
    pupils,
    allowedActions: request.server.allowedActions(actorOf(request), CARD_ACTIONS, request.school),
  }
}

/** The class's login cards under its teacher's control, and the sign-in with a card. */
export async function loginCardsRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const path = '/api/schools/:schoolId/classes/:classId/login-cards'
  const config = { policy: 'accounts.manageLoginCards', scope: 'school' } as const

  routes.get(
    path,
    {
      config,
      schema: {
        tags,
        summary: 'Les cartes de connexion de la classe : activées ou non, élèves qui en ont une',
        params: ClassParams,
        response: { 200: LoginCardsState },
      },
    },
    async (request) => {
      const { scope, klass } = await findManagedClass(request, request.params.classId)
      return describeCards(request, scope, klass, klass.loginCardsEnabled)
    },
  )

  routes.patch(
    path,
    {
      config,
      schema: {
        tags,
        summary: 'Autoriser ou suspendre la connexion par carte dans la classe',
        params: ClassParams,
        body: LoginCardsSettingsBody,
        response: { 200: LoginCardsState },
      },
    },
    async (request) => {
      const { scope, klass } = await findManagedClass(request, request.params.classId)
      const { enabled } = request.body
      if (enabled !== klass.loginCardsEnabled) {
        await auditedSchoolChange(
          scope,
          auditAuthorOf(request),
          (inner) => setLoginCardsEnabled(inner, klass.id, enabled),
          () => ({
            action: enabled ? 'accounts.enableLoginCards' : 'accounts.disableLoginCards',
            schoolId: scope.schoolId,
            target: { type: 'class', id: klass.id },
          }),
        )
      }
      return describeCards(request, scope, klass, enabled)
    },
  )

  routes.post(
    path,
    {
      config,
      schema: {
        tags,
        summary: 'Créer (ou recréer) les cartes et les imprimer (PDF, huit par page)',
        description:
          'Les anciennes cartes des élèves concernés cessent aussitôt de fonctionner. Sans `pupilIds`, toute la classe.',
        params: ClassParams,
        body: GenerateLoginCardsBody,
      },
    },
    async (request, reply) => {
      const { scope, klass } = await findManagedClass(request, request.params.classId)
      const cards = await auditedSchoolChange(
        scope,
        auditAuthorOf(request),
        (inner) => generateLoginCards(inner, klass.id, request.body?.pupilIds),
        (generated) => ({
          action: 'accounts.generateLoginCards',
          schoolId: scope.schoolId,
          target: { type: 'class', id: klass.id },
          details: { count: generated.length, pupilIds: generated.map((card) => card.pupilId) },
        }),
      )
      const pdf = await loginCardsPdf(cards, {
        className: klass.name,
        schoolName: klass.schoolName,
        publicUrl: app.config.publicUrl,
      })
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', 'inline; filename="cartes-de-connexion.pdf"')
        .header('cache-control', 'no-store')
        .send(pdf)
    },
  )

  routes.post(
    '/api/auth/login-card',
    {
      config: { public: true, rateLimit: { max: app.config.loginRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Se connecter avec sa carte de classe (élèves)',
        body: LoginCardBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const userId = await findPupilOfCard(app.db, request.body.token)
      if (!userId) throw cardRefused()
      await completeSignIn(request, reply, userId, { firstFactor: 'login-card', secondFactor: null })
      return reply.code(204).send(null)
    },
  )
}
