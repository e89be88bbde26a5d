import type { FastifyInstance } from 'fastify'
import { appsFor } from '../../../contract/apps.ts'
import {
  defaultFrequency,
  FEED_APPS,
  type FeedApp,
  type NotificationFrequency,
  type NotificationPreferences,
} from '../../../contract/feed.ts'
import type { Db } from '../../db/connection.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import { HttpProblem } from '../../plugins/errors.ts'
import { digestMail, immediateMail } from './mails.ts'
import { findChoices, findEmail, saveChoices, takePendingMails } from './queries.ts'

/** The feed applications the actor sees in the portal: the ones they may choose notifications for. */
function appsOf(actor: Actor): FeedApp[] {
  const audiences = new Set<Parameters<typeof appsFor>[0] extends ReadonlySet<infer A> ? A : never>()
  for (const membership of actor.memberships) {
    audiences.add(membership.profile)
    for (const fn of membership.functions) audiences.add(fn)
  }
  if (actor.isSyndicateAdmin) audiences.add('syndicate_admin')
  if (actor.collectivityAdminOf.length > 0) audiences.add('collectivity_admin')
  const visible = new Set(appsFor(audiences).map((app) => app.id))
  return FEED_APPS.filter((app) => visible.has(app))
}

export async function readPreferences(db: Db, actor: Actor): Promise<NotificationPreferences> {
  const [choices, email] = await Promise.all([findChoices(db, actor.userId), findEmail(db, actor.userId)])
  const chosen = new Map(choices.map((choice) => [choice.app, choice.frequency]))
  const profiles = actor.memberships.map((m) => m.profile)
  return {
    hasEmail: email !== null,
    preferences: appsOf(actor).map((app) => {
      const frequency = chosen.get(app)
      return {
        app,
        frequency: frequency ?? defaultFrequency(profiles, app),
        isDefault: frequency === undefined,
      }
    }),
  }
}

export async function savePreferences(
  db: Db,
  actor: Actor,
  choices: readonly { app: FeedApp; frequency: NotificationFrequency }[],
): Promise<NotificationPreferences> {
  const allowed = new Set(appsOf(actor))
  const foreign = choices.find((choice) => !allowed.has(choice.app))
  if (foreign) {
    throw new HttpProblem(
      400,
      'foreign-app',
      'Cette application ne fait pas partie des vôtres : rien n’a été changé.',
    )
  }
  await saveChoices(db, actor.userId, choices)
  return readPreferences(db, actor)
}

/** Recipients per statement: a digest run goes through everyone in batches of this many. */
const BATCH = 500

/**
 * E-mails what is pending for `frequency`: each batch of deliveries is marked notified and its
 * e-mails queued in one transaction (a crash sends neither or both; a second instance skips the
 * rows this one holds). Returns the number of e-mails queued.
 */
export async function sendPendingNotifications(
  app: FastifyInstance,
  frequency: Exclude<NotificationFrequency, 'never'>,
): Promise<number> {
  // Immediate e-mails wait at most a day (an outage longer than that is not worth e-mailing about);
  // digests take the week and a day, so that a changed preference still finds its items.
  const window = frequency === 'immediate' ? '1 day' : '8 days'
  let queued = 0
  for (;;) {
    const sent = await app.db.transaction().execute(async (trx) => {
      const mails = await takePendingMails(trx, frequency, { window, limit: BATCH })
      for (const mail of mails) {
        const message =
          frequency === 'immediate'
            ? immediateMail(mail, app.config.publicUrl)
            : digestMail(mail, app.config.publicUrl, frequency)
        await app.mail.queue(message, { transaction: trx })
      }
      return mails.length
    })
    queued += sent
    if (sent < BATCH) return queued
  }
}
