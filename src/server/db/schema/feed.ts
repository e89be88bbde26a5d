import type { Generated } from 'kysely'
import type { CreatedAt, Timestamp } from './columns.ts'

/** 0013-feed-and-notifications: the news feed and notification preferences (ADR 0010). */

export interface FeedItemsTable {
  schoolId: string
  id: Generated<string>
  app: string
  kind: string
  actorId: string | null
  title: string
  summary: Generated<string>
  link: string
  sourceId: string | null
  createdAt: CreatedAt
}

export interface FeedDeliveriesTable {
  recipientId: string
  itemId: string
  schoolId: string
  app: string
  readAt: Timestamp | null
  notifiedAt: Timestamp | null
}

export interface NotificationPreferencesTable {
  userId: string
  app: string
  frequency: 'immediate' | 'daily' | 'weekly' | 'never'
  updatedAt: Generated<Date>
}

export interface FeedTables {
  feedItems: FeedItemsTable
  feedDeliveries: FeedDeliveriesTable
  notificationPreferences: NotificationPreferencesTable
}
