import type { AuthzCase } from '../testing/authz-matrix.ts'
import { identityAuthzCases } from './identity/authz.cases.ts'
import { portalAuthzCases } from './portal/authz.cases.ts'
import { systemAuthzCases } from './system/authz.cases.ts'

/** Every module's authorization cases; the matrix test requires one per registered route. */
export const authzCases: AuthzCase[] = [...systemAuthzCases, ...identityAuthzCases, ...portalAuthzCases]
