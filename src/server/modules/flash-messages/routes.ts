import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { CollectivityParams } from '../../../contract/administration.ts'
import {
  FlashMessageParams,
  FlashMessage as FlashMessageSchema,
  FlashMessagesList,
  MyFlashMessages,
  NewFlashMessage,
} from '../../../contract/flash-messages.ts'
import { SchoolParams } from '../../../contract/portal.ts'
import { notFound } from '../../plugins/errors.ts'
import { actorOf, collectivityAccessOf } from '../../plugins/policy/index.ts'
import { auditAuthorOf } from '../audit/index.ts'
import { dismissBanner, findIssuerMessages, findMyBanners, type Issuer } from './queries.ts'
import { postFlashMessage } from './service.ts'

const tags = ['messages-flash']

/** The three consoles that post banners, each on its own scope, and every user's banners. */
export async function flashMessagesRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  const consoles: {
    base: string
    config: FastifyContextConfig
    params: typeof CollectivityParams | typeof SchoolParams | undefined
    issuer: (request: FastifyRequest) => Issuer
    who: string
  }[] = [
    {
      base: '/api/admin/flash-messages',
      config: { policy: 'flashMessages.manageSyndicate' },
      params: undefined,
      issuer: (): Issuer => ({ kind: 'syndicate' }),
      who: 'du syndicat',
    },
    {
      base: '/api/collectivities/:collectivityId/flash-messages',
      config: { policy: 'flashMessages.manageCollectivity', scope: 'collectivity' },
      params: CollectivityParams,
      issuer: (request: FastifyRequest): Issuer => ({
        kind: 'collectivity',
        collectivityId: collectivityAccessOf(request).collectivityId,
      }),
      who: 'de la collectivité',
    },
    {
      base: '/api/schools/:schoolId/flash-messages',
      config: { policy: 'flashMessages.manageSchool', scope: 'school' },
      params: SchoolParams,
      issuer: (request: FastifyRequest): Issuer => ({ kind: 'school', schoolId: request.school!.schoolId }),
      who: 'de l’école',
    },
  ]

  for (const { base, config, params, issuer, who } of consoles) {
    routes.get(
      base,
      {
        config,
        schema: {
          tags,
          summary: `Les messages flash ${who}, les plus récents d’abord`,
          ...(params ? { params } : {}),
          response: { 200: FlashMessagesList },
        },
      },
      async (request) => ({ messages: await findIssuerMessages(app.db, issuer(request)) }),
    )

    routes.post(
      base,
      {
        config,
        schema: {
          tags,
          summary: `Publier un message flash ${who} pour des profils et des écoles, entre deux dates`,
          ...(params ? { params } : {}),
          body: NewFlashMessage,
          response: { 201: FlashMessageSchema },
        },
      },
      async (request, reply) => {
        const posted = await postFlashMessage(app.db, issuer(request), auditAuthorOf(request), request.body)
        return reply.code(201).send(posted)
      },
    )
  }

  routes.get(
    '/api/me/flash-messages',
    {
      config: { policy: 'flashMessages.readMine' },
      schema: {
        tags,
        summary: 'Les messages flash à afficher à l’utilisateur aujourd’hui',
        response: { 200: MyFlashMessages },
      },
    },
    async (request) => ({ banners: await findMyBanners(app.db, actorOf(request).userId) }),
  )

  routes.post(
    '/api/me/flash-messages/:messageId/dismiss',
    {
      config: { policy: 'flashMessages.readMine' },
      schema: {
        tags,
        summary: 'Ne plus afficher ce message flash (retenu pour l’utilisateur, sur tous ses appareils)',
        params: FlashMessageParams,
      },
    },
    async (request, reply) => {
      const dismissed = await dismissBanner(app.db, actorOf(request).userId, request.params.messageId)
      if (!dismissed) throw notFound('Message introuvable.')
      return reply.code(204).send()
    },
  )
}
