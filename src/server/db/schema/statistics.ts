import type { Profile } from '../../../contract/structures.ts'
import type { IsoDate, Timestamp } from './columns.ts'

/** 0016-usage-and-data-protection: pseudonymised usage events and their daily aggregates (ADR 0013). */

export interface UsageEventsTable {
  schoolId: string
  day: IsoDate
  kind: 'connexion' | 'application'
  service: string
  profile: Profile
  collectivityId: string
  userHash: Buffer
}

export interface UsageDailyTable {
  schoolId: string
  day: IsoDate
  kind: 'connexion' | 'application'
  service: string
  profile: Profile
  events: number
  uniqueUsers: number
}

export interface UsageDailyByAreaTable {
  area: string
  day: IsoDate
  kind: 'connexion' | 'application'
  service: string
  profile: Profile
  events: number
  uniqueUsers: number
}

export interface UsageActivationTable {
  schoolId: string
  accounts: number
  activated: number
  computedAt: Timestamp
}

export interface StatisticsTables {
  usageEvents: UsageEventsTable
  usageDaily: UsageDailyTable
  usageDailyByArea: UsageDailyByAreaTable
  usageActivation: UsageActivationTable
}
