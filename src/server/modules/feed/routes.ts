import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  FeedItemParams,
  FeedPage,
  FeedPageQuery,
  MarkAppReadBody,
  ReportBody,
  ReportResponse,
  UnreadCounts,
} from '../../../contract/feed.ts'
import { actorOf } from '../../plugins/policy/index.ts'
import { auditAuthorOf } from '../audit/index.ts'
import { PURGE_FEED_CRON, PURGE_FEED_JOB, purgeOldFeed } from './retention.ts'
import { readApp, readFeedPage, readItem, readUnreadCounts, reportItem } from './service.ts'

const tags = ['fil']
const JSON_TYPE = 'application/json; charset=utf-8'

export async function feedRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  app.jobs.define(PURGE_FEED_JOB, async () => {
    await purgeOldFeed(app.db, app.config.feedRetentionDays)
  })
  app.jobs.schedule(PURGE_FEED_JOB, PURGE_FEED_CRON)

  routes.get(
    '/api/feed',
    {
      config: { policy: 'feed.view' },
      schema: {
        tags,
        summary: 'Mon fil : ce qui me concerne, du plus récent au plus ancien',
        querystring: FeedPageQuery,
        response: { 200: FeedPage },
      },
    },
    // Not `async`: a kept first page is sent without a promise.
    (request, reply) => {
      const { userId } = actorOf(request)
      const { before, app: only, limit } = request.query
      // Later pages are read when scrolled, once: only the first is asked again and again.
      if (before) return readFeedPage(app.db, userId, request.query)
      return app.realtime.sendCachedAnswer(
        request,
        reply,
        userId,
        `feed:page:${only ?? ''}:${limit}`,
        async () => FeedPage.encode(await readFeedPage(app.db, userId, request.query)),
      )
    },
  )

  routes.get(
    '/api/feed/unread',
    {
      config: { policy: 'feed.view' },
      schema: {
        tags,
        summary: 'Le nombre d’éléments non lus, par application',
        response: { 200: UnreadCounts },
      },
    },
    async (request, reply) => {
      const { userId } = actorOf(request)
      const body = await app.realtime.cachedAnswer(userId, 'feed:unread', async () =>
        UnreadCounts.encode(await readUnreadCounts(app.db, userId)),
      )
      return reply.type(JSON_TYPE).send(body as unknown as UnreadCounts)
    },
  )

  routes.post(
    '/api/feed/items/:itemId/read',
    {
      config: { policy: 'feed.view' },
      schema: { tags, summary: 'Marquer un élément comme lu', params: FeedItemParams },
    },
    async (request, reply) => {
      await readItem(app.db, actorOf(request).userId, request.params.itemId)
      return reply.code(204).send()
    },
  )

  routes.post(
    '/api/feed/read',
    {
      config: { policy: 'feed.view' },
      schema: {
        tags,
        summary: 'Marquer comme lus tous les éléments d’une application',
        body: MarkAppReadBody,
        response: { 200: z.object({ marked: z.number().int() }) },
      },
    },
    async (request) => ({ marked: await readApp(app.db, actorOf(request).userId, request.body.app) }),
  )

  routes.post(
    '/api/feed/items/:itemId/report',
    {
      config: { policy: 'feed.report' },
      schema: {
        tags,
        summary: 'Signaler un élément comme inapproprié à la direction de l’école',
        params: FeedItemParams,
        body: ReportBody,
        response: { 200: ReportResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      await reportItem(
        app.db,
        { ...auditAuthorOf(request), actorId: actor.userId },
        request.params.itemId,
        request.body.reason,
      )
      return { reported: true as const }
    },
  )
}
