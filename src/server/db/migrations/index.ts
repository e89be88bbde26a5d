import type { Migration } from 'kysely/migration'
import * as structuresAndAccounts from './0001-structures-and-accounts.ts'
import * as identityAndCommunication from './0002-identity-and-communication.ts'
import * as directoryNameOrder from './0003-directory-name-order.ts'
import * as imports from './0004-imports.ts'
import * as rollover from './0005-rollover.ts'
import * as deploymentIdentity from './0006-deployment-identity.ts'
import * as blobs from './0007-blobs.ts'
import * as tenancyRowSecurity from './0008-tenancy-row-security.ts'
import * as secondFactorThrottle from './0009-second-factor-throttle.ts'
import * as sessionAuthentication from './0010-session-authentication.ts'
import * as importStagedRowsGuard from './0011-import-staged-rows-guard.ts'
import * as messaging from './0012-messaging.ts'
import * as feedAndNotifications from './0013-feed-and-notifications.ts'
import * as governance from './0014-governance.ts'
import * as membersAndContributions from './0015-members-and-contributions.ts'
import * as usageAndDataProtection from './0016-usage-and-data-protection.ts'
import * as personMerge from './0017-person-merge.ts'
import * as flashMessages from './0018-flash-messages.ts'
import * as backOfficeSpeed from './0020-back-office-speed.ts'
import * as importDuplicates from './0021-import-duplicates.ts'
import * as directoryVersions from './0023-directory-versions.ts'

/**
 * The one ordered history of the schema. Append new migrations at the end; never edit a released one.
 * Names sort in order of application.
 */
export const migrations: Record<string, Migration> = {
  '0001-structures-and-accounts': structuresAndAccounts,
  '0002-identity-and-communication': identityAndCommunication,
  '0003-directory-name-order': directoryNameOrder,
  '0004-imports': imports,
  '0005-rollover': rollover,
  '0006-deployment-identity': deploymentIdentity,
  '0007-blobs': blobs,
  '0008-tenancy-row-security': tenancyRowSecurity,
  '0009-second-factor-throttle': secondFactorThrottle,
  '0010-session-authentication': sessionAuthentication,
  '0011-import-staged-rows-guard': importStagedRowsGuard,
  '0012-messaging': messaging,
  '0013-feed-and-notifications': feedAndNotifications,
  '0014-governance': governance,
  '0015-members-and-contributions': membersAndContributions,
  '0016-usage-and-data-protection': usageAndDataProtection,
  '0017-person-merge': personMerge,
  '0018-flash-messages': flashMessages,
  '0020-back-office-speed': backOfficeSpeed,
  '0021-import-duplicates': importDuplicates,
  '0023-directory-versions': directoryVersions,
}
