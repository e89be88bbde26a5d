import type { AuthzCase } from '../testing/authz-matrix.ts'
import { accountsAuthzCases } from './accounts/authz.cases.ts'
import { auditAuthzCases } from './audit/authz.cases.ts'
import { communicationAuthzCases } from './communication/authz.cases.ts'
import { contributionsAuthzCases } from './contributions/authz.cases.ts'
import { dataProtectionAuthzCases } from './data-protection/authz.cases.ts'
import { deploymentAuthzCases } from './deployment/authz.cases.ts'
import { directoryAuthzCases } from './directory/authz.cases.ts'
import { feedAuthzCases } from './feed/authz.cases.ts'
import { flashMessagesAuthzCases } from './flash-messages/authz.cases.ts'
import { governanceAuthzCases } from './governance/authz.cases.ts'
import { identityAuthzCases } from './identity/authz.cases.ts'
import { ondeImportAuthzCases } from './imports/onde/authz.cases.ts'
import { schoolDirectoryAuthzCases } from './imports/school-directory/authz.cases.ts'
import { membersAuthzCases } from './members/authz.cases.ts'
import { messagingAuthzCases } from './messaging/authz.cases.ts'
import { notificationsAuthzCases } from './notifications/authz.cases.ts'
import { personMergeAuthzCases } from './person-merge/authz.cases.ts'
import { portalAuthzCases } from './portal/authz.cases.ts'
import { schoolYearsAuthzCases } from './school-years/authz.cases.ts'
import { statisticsAuthzCases } from './statistics/authz.cases.ts'
import { structuresAuthzCases } from './structures/authz.cases.ts'
import { systemAuthzCases } from './system/authz.cases.ts'

/** Every module's authorization cases; the matrix test requires one per registered route. */
export const authzCases: AuthzCase[] = [
  ...systemAuthzCases,
  ...identityAuthzCases,
  ...portalAuthzCases,
  ...deploymentAuthzCases,
  ...auditAuthzCases,
  ...communicationAuthzCases,
  ...directoryAuthzCases,
  ...structuresAuthzCases,
  ...accountsAuthzCases,
  ...schoolDirectoryAuthzCases,
  ...ondeImportAuthzCases,
  ...schoolYearsAuthzCases,
  ...messagingAuthzCases,
  ...feedAuthzCases,
  ...governanceAuthzCases,
  ...membersAuthzCases,
  ...contributionsAuthzCases,
  ...statisticsAuthzCases,
  ...dataProtectionAuthzCases,
  ...personMergeAuthzCases,
  ...flashMessagesAuthzCases,
  ...notificationsAuthzCases,
]
