import { accountsPolicies } from './accounts/index.ts'
import { auditPolicies } from './audit/index.ts'
import { communicationPolicies } from './communication/index.ts'
import { deploymentPolicies } from './deployment/index.ts'
import { directoryPolicies } from './directory/index.ts'
import { feedPolicies } from './feed/index.ts'
import { identityPolicies } from './identity/index.ts'
import { ondeImportPolicies } from './imports/onde/index.ts'
import { schoolDirectoryPolicies } from './imports/school-directory/index.ts'
import { notificationsPolicies } from './notifications/index.ts'
import { portalPolicies } from './portal/index.ts'
import { schoolYearsPolicies } from './school-years/index.ts'
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
  ...feedPolicies,
  ...notificationsPolicies,
}

type AppPolicies = typeof policies

declare module '../plugins/policy/define.ts' {
  /** The registry's names and rules, so route configs and `app.can` are checked against them. */
  interface Policies extends AppPolicies {}
}
