import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { NotificationPreferences, NotificationPreferencesBody } from '../../../contract/feed.ts'
import { actorOf } from '../../plugins/policy/index.ts'
import { readPreferences, savePreferences, sendPendingNotifications } from './service.ts'

const tags = ['notifications']

/** Jobs: immediate e-mails every minute; digests at 17:00, Paris time, daily and on Fridays. */
export const NOTIFICATION_JOBS = {
  immediate: { name: 'notifications.immediate', cron: '* * * * *' },
  daily: { name: 'notifications.daily', cron: '0 17 * * *' },
  weekly: { name: 'notifications.weekly', cron: '0 17 * * 5' },
} as const

export async function notificationsRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  for (const [frequency, job] of Object.entries(NOTIFICATION_JOBS)) {
    app.jobs.define(job.name, async () => {
      await sendPendingNotifications(app, frequency as keyof typeof NOTIFICATION_JOBS)
    })
    app.jobs.schedule(job.name, job.cron)
  }

  routes.get(
    '/api/me/notifications',
    {
      config: { policy: 'notifications.manage' },
      schema: {
        tags,
        summary: 'Mes préférences de notification par application',
        response: { 200: NotificationPreferences },
      },
    },
    async (request) => readPreferences(app.db, actorOf(request)),
  )

  routes.put(
    '/api/me/notifications',
    {
      config: { policy: 'notifications.manage' },
      schema: {
        tags,
        summary: 'Choisir la fréquence des e-mails par application',
        body: NotificationPreferencesBody,
        response: { 200: NotificationPreferences },
      },
    },
    async (request) => savePreferences(app.db, actorOf(request), request.body.preferences),
  )
}
