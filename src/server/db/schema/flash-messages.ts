import type { Generated } from 'kysely'
import type { Profile } from '../../../contract/structures.ts'
import type { CreatedAt } from './columns.ts'

/** Banners for chosen profiles of chosen schools between two Paris days (module flash-messages). */

export interface FlashMessagesTable {
  id: Generated<string>
  issuerKind: 'syndicate' | 'collectivity' | 'school'
  issuerCollectivityId: string | null
  issuerSchoolId: string | null
  text: string
  profiles: Profile[]
  allSchools: boolean
  /** Paris days, `YYYY-MM-DD`, both included. */
  startsOn: string
  endsOn: string
  createdBy: string | null
  createdAt: CreatedAt
}

export interface FlashMessageSchoolsTable {
  schoolId: string
  messageId: string
}

export interface FlashMessageDismissalsTable {
  userId: string
  messageId: string
  dismissedAt: Generated<Date>
}

export interface FlashMessagesTables {
  flashMessages: FlashMessagesTable
  flashMessageSchools: FlashMessageSchoolsTable
  flashMessageDismissals: FlashMessageDismissalsTable
}
