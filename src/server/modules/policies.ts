import { accountsPolicies } from './accounts/index.ts'
import { auditPolicies } from './audit/index.ts'
import { communicationPolicies } from './communication/index.ts'
import { contributionsPolicies } from './contributions/index.ts'
import { dataProtectionPolicies } from './data-protection/index.ts'
import { deploymentPolicies } from './deployment/index.ts'
import { directoryPolicies } from './directory/index.ts'
import { feedPolicies } from './feed/index.ts'
import { flashMessagesPolicies } from './flash-messages/index.ts'
import { governancePolicies } from './governance/index.ts'
import { identityPolicies } from './identity/index.ts'
import { ondeImportPolicies } from './imports/onde/index.ts'
import { schoolDirectoryPolicies } from './imports/school-directory/index.ts'
import { membersPolicies } from './members/index.ts'
import { messagingPolicies } from './messaging/index.ts'
import { notificationsPolicies } from './notifications/index.ts'
import { personMergePolicies } from './person-merge/index.ts'
import { portalPolicies } from './portal/index.ts'
import { schoolYearsPolicies } from './school-years/index.ts'
import { statisticsPolicies } from './statistics/index.ts'
import { structuresPolicies } from './structures/index.ts'

/** The app's policy registry: every module's `module.action` rules. Routes name them in `config.policy`. */
export const policies = {
  ...identityPolicies,
  ...portalPolicies,
  ...deploymentPolicies,
  ...auditPolicies,
  ...communicationPolicies,
  ...directoryPolicies,
  ...structuresPolicies,
  ...accountsPolicies,
  ...schoolDirectoryPolicies,
  ...ondeImportPolicies,
  ...schoolYearsPolicies,
  ...messagingPolicies,
  ...feedPolicies,
  ...governancePolicies,
  ...membersPolicies,
  ...contributionsPolicies,
  ...statisticsPolicies,
  ...dataProtectionPolicies,
  ...personMergePolicies,
  ...flashMessagesPolicies,
  ...notificationsPolicies,
}

type AppPolicies = typeof policies

declare module '../plugins/policy/define.ts' {
  /** The registry's names and rules, so route configs and `app.can` are checked against them. */
  interface Policies extends AppPolicies {}
}
