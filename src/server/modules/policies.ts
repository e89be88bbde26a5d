import { identityPolicies } from './identity/index.ts'
import { portalPolicies } from './portal/index.ts'

/** The app's policy registry: every module's `module.action` rules. Routes name them in `config.policy`. */
export const policies = {
  ...identityPolicies,
  ...portalPolicies,
}
