import { definePolicies } from '../../plugins/policy/define.ts'

/**
 * The register of processing activities is kept by the syndicate's administrators: the data-protection
 * officer named in the deployment's settings is often shared between collectivities (a centre de
 * gestion) and holds no account; the syndicate's administrators write what the officer decides, and
 * every change is audited. Everyone downloads their own data.
 */
export const dataProtectionPolicies = definePolicies('dataProtection', {
  editRegister: (actor) => actor.isSyndicateAdmin,
  previewRetention: (actor) => actor.isSyndicateAdmin,
  exportMyData: () => true,
})
