import { z } from 'zod'
import { resourceId } from './ids.ts'
import { Timestamp } from './timestamp.ts'

/**
 * The news feed (« Quoi de neuf ») and the notifications that follow it (ADR 0010). Every application
 * publishes its events into the feed through one server call (`publishFeedItem` of the feed module);
 * these are the shapes people read them in.
 */

/**
 * The applications that publish into the feed and whose notifications a person chooses: ids of the
 * catalogue in `apps.ts` (a test checks that each one is there). `school-admin` carries what a school's
 * direction is told (items reported as inappropriate).
 */
export const FEED_APPS = [
  'messaging',
  'notebook',
  'homework',
  'calendar',
  'blog',
  'news',
  'photos',
  'workspace',
  'school-admin',
] as const
export const FeedApp = z.enum(FEED_APPS, { error: 'Application inconnue.' })
export type FeedApp = z.infer<typeof FeedApp>

export const FeedItemId = resourceId('Élément du fil introuvable.')

export const FeedItem = z.object({
  id: z.uuid(),
  app: FeedApp,
  /** `app.what`, e.g. `messaging.message`, `feed.reported`: the web may pick an icon by it. */
  kind: z.string(),
  schoolId: z.uuid(),
  actor: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  title: z.string(),
  summary: z.string(),
  /** A path of the web app. */
  link: z.string(),
  createdAt: Timestamp,
  read: z.boolean(),
})
export type FeedItem = z.infer<typeof FeedItem>

export const FeedPageQuery = z.object({
  /** The last item id of the previous page (keyset): the page holds older items. */
  before: z.uuid({ error: 'Curseur invalide.' }).optional(),
  app: FeedApp.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})

export const FeedPage = z.object({
  items: z.array(FeedItem),
  /** The cursor of the next page, null at the end. */
  next: z.uuid().nullable(),
})
export type FeedPage = z.infer<typeof FeedPage>

export const UnreadCounts = z.object({
  /** Unread items per application; an application with none is absent. */
  byApp: z.partialRecord(FeedApp, z.number().int()),
  total: z.number().int(),
})
export type UnreadCounts = z.infer<typeof UnreadCounts>

export const FeedItemParams = z.object({ itemId: FeedItemId })

export const MarkAppReadBody = z.object({ app: FeedApp })

export const ReportBody = z.object({
  reason: z
    .string()
    .trim()
    .max(1000, { error: 'La raison tient en 1 000 caractères au plus.' })
    .optional()
    .default(''),
})

export const ReportResponse = z.object({ reported: z.literal(true) })

/** How often a person is e-mailed about an application's events. */
export const NOTIFICATION_FREQUENCIES = ['immediate', 'daily', 'weekly', 'never'] as const
export const NotificationFrequency = z.enum(NOTIFICATION_FREQUENCIES, {
  error: 'Fréquence inconnue : immédiatement, chaque jour, chaque semaine ou jamais.',
})
export type NotificationFrequency = z.infer<typeof NotificationFrequency>

export const NotificationPreference = z.object({
  app: FeedApp,
  frequency: NotificationFrequency,
  /** True when the person never chose: the default of their profile applies. */
  isDefault: z.boolean(),
})

export const NotificationPreferences = z.object({
  /** False when the account has no e-mail address: nothing is sent whatever the choices. */
  hasEmail: z.boolean(),
  preferences: z.array(NotificationPreference),
})
export type NotificationPreferences = z.infer<typeof NotificationPreferences>

export const NotificationPreferencesBody = z.object({
  preferences: z
    .array(z.object({ app: FeedApp, frequency: NotificationFrequency }))
    .min(1, { error: 'Choisissez au moins une application.' })
    .max(FEED_APPS.length),
})

/**
 * What a WebSocket carries to the browser: small, a hint to read again (the web invalidates the queries
 * of `type`), never the content itself. `type` is `module.what`; `app` and `id` when they help.
 */
export const RealtimeEvent = z.object({
  type: z.string().regex(/^[a-z][a-zA-Z0-9.-]{0,59}$/),
  app: z.string().optional(),
  id: z.string().optional(),
})
export type RealtimeEvent = z.infer<typeof RealtimeEvent>

/** The applications' names in e-mails and on the preferences page. */
export const FEED_APP_NAMES: Record<FeedApp, string> = {
  messaging: 'Messagerie',
  notebook: 'Carnet de liaison',
  homework: 'Cahier de textes',
  calendar: 'Agenda',
  blog: 'Blogs',
  news: 'Actualités',
  photos: 'Photos',
  workspace: 'Documents',
  'school-admin': 'Administration de l’école',
}

/**
 * The frequency a person has not chosen, by profile: parents are told at once of their messages and
 * once a day of the rest; pupils are never e-mailed; every other adult once a day. A person with
 * several profiles gets the most attentive of them (a teacher who is also a parent is a parent for
 * Messagerie). The notifications module's SQL says the same (`effectiveFrequencySql`; a test compares).
 */
export function defaultFrequency(profiles: readonly string[], app: FeedApp): NotificationFrequency {
  if (app === 'messaging' && profiles.includes('parent')) return 'immediate'
  if (profiles.length > 0 && profiles.every((profile) => profile === 'pupil')) return 'never'
  return 'daily'
}
